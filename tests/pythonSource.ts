/**
 * Just enough of Python's expression syntax to read a Pulumi program's calls: calls with
 * keyword arguments, lists, dicts, strings (f-strings too), numbers, booleans and None.
 * Anything else (names, attribute reads, operators) becomes a {@link PyExpression}, a value
 * the program computes. Statements are found with line-level patterns; the parser reads the
 * expressions in them.
 */

/** A call such as `module.Class(a, key=value)`. */
export class PyCall {
    constructor(
        /** The callee as written, e.g. `eks_pod_identity.PodIdentity`. */
        readonly callee: string,
        readonly args: unknown[],
        readonly kwargs: [string, unknown][],
    ) {}
}

/** A value the program computes (a name, an attribute, an operator): not a literal. */
export class PyExpression {
    constructor(readonly text: string) {}
}

const TOKEN =
    /\s+|#[^\n]*|(?<string>[rRbBfFuU]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))|(?<number>\d[\d_]*(?:\.\d+)?)|(?<name>[A-Za-z_]\w*)|(?<op>==|!=|<=|>=|\*\*|[()[\]{},:=.+\-*/%<>|&])/y;

interface Token {
    kind: "string" | "number" | "name" | "op";
    text: string;
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < source.length) {
        const at = TOKEN.lastIndex;
        const match = TOKEN.exec(source);
        if (!match) {
            throw new Error(`cannot read Python at ${JSON.stringify(source.slice(at, at + 20))}`);
        }
        const groups = match.groups ?? {};
        for (const kind of ["string", "number", "name", "op"] as const) {
            if (groups[kind] !== undefined) {
                tokens.push({ kind, text: groups[kind] });
            }
        }
    }
    return tokens;
}

/** The value of a string literal (escapes other than quotes and backslashes left as written). */
function stringValue(literal: string): string {
    const body = literal.replace(/^[rRbBfFuU]*/, "");
    const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
    return body.slice(quote, -quote).replace(/\\(["'\\])/g, "$1");
}

const CLOSERS = new Set([")", "]", "}", ",", ":", "="]);

/** Parses one Python expression (a call's argument list, a right-hand side). */
export function parseExpression(source: string): unknown {
    const tokens = tokenize(source);
    let i = 0;
    const peek = () => tokens[i];
    const expect = (text: string) => {
        if (tokens[i]?.text !== text) {
            throw new Error(`expected ${text} at ${JSON.stringify(tokens[i]?.text)}`);
        }
        i++;
    };

    /** An expression up to a closer at this depth: a literal, or a PyExpression of its text. */
    function expression(): unknown {
        const start = i;
        const first = primary();
        if (i < tokens.length && !CLOSERS.has(tokens[i].text)) {
            // An operator follows: the whole is computed.
            while (i < tokens.length && !CLOSERS.has(tokens[i].text)) {
                primary();
            }
            return new PyExpression(
                tokens
                    .slice(start, i)
                    .map((t) => t.text)
                    .join(" "),
            );
        }
        return first;
    }

    function sequence(close: string, item: () => void) {
        while (peek()?.text !== close) {
            item();
            if (peek()?.text === ",") {
                i++;
            } else {
                break;
            }
        }
        expect(close);
    }

    function primary(): unknown {
        const token = tokens[i++];
        if (!token) {
            throw new Error("unexpected end of expression");
        }
        let value: unknown;
        if (token.kind === "string") {
            value = stringValue(token.text);
            // Adjacent literals concatenate.
            while (peek()?.kind === "string") {
                value = String(value) + stringValue(tokens[i++].text);
            }
        } else if (token.kind === "number") {
            value = Number(token.text.replace(/_/g, ""));
        } else if (token.text === "[") {
            const items: unknown[] = [];
            sequence("]", () => items.push(expression()));
            value = items;
        } else if (token.text === "{") {
            const entries: [unknown, unknown][] = [];
            sequence("}", () => {
                const key = expression();
                expect(":");
                entries.push([key, expression()]);
            });
            value = Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
        } else if (token.text === "(") {
            value = expression();
            expect(")");
        } else if (token.kind === "name") {
            let path = token.text;
            while (peek()?.text === "." && tokens[i + 1]?.kind === "name") {
                path += `.${tokens[i + 1].text}`;
                i += 2;
            }
            if (peek()?.text === "(") {
                i++;
                const args: unknown[] = [];
                const kwargs: [string, unknown][] = [];
                sequence(")", () => {
                    if (peek()?.kind === "name" && tokens[i + 1]?.text === "=") {
                        const key = tokens[i].text;
                        i += 2;
                        kwargs.push([key, expression()]);
                    } else {
                        args.push(expression());
                    }
                });
                value = new PyCall(path, args, kwargs);
            } else if (path === "True" || path === "False") {
                value = path === "True";
            } else if (path === "None") {
                value = null;
            } else {
                value = new PyExpression(path);
            }
        } else {
            // A unary operator or an operator between operands: read on.
            value = new PyExpression(token.text);
        }
        // A call's result read further (`x.y(...).z`): computed.
        while (peek()?.text === "." || peek()?.text === "[") {
            if (peek()?.text === ".") {
                i += 2;
            } else {
                i++;
                expression();
                expect("]");
            }
            value = new PyExpression("...");
        }
        return value;
    }

    const value = expression();
    if (i !== tokens.length) {
        throw new Error(`unexpected ${JSON.stringify(tokens[i].text)} after the expression`);
    }
    return value;
}

/** `name = <expression>` statements at the top level of a module, in order. */
export function topLevelAssignments(source: string): [string, unknown][] {
    const statements: [string, unknown][] = [];
    const lines = source.split("\n");
    for (let start = 0; start < lines.length; start++) {
        const match = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/.exec(lines[start]);
        if (!match) {
            continue;
        }
        // The statement runs on while brackets are open.
        let text = match[2];
        let end = start;
        while (!balanced(text) && end + 1 < lines.length) {
            text += `\n${lines[++end]}`;
        }
        statements.push([match[1], parseExpression(text)]);
        start = end;
    }
    return statements;
}

/** True when every bracket opened in `text` (outside strings and comments) is closed. */
function balanced(text: string): boolean {
    let depth = 0;
    try {
        for (const token of tokenize(text)) {
            if (token.kind === "op" && "([{".includes(token.text)) {
                depth++;
            } else if (token.kind === "op" && ")]}".includes(token.text)) {
                depth--;
            }
        }
    } catch {
        // An unterminated string: a triple-quoted one runs on.
        return false;
    }
    return depth === 0;
}
