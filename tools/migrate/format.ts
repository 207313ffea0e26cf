/** Plain data written as YAML (stack configuration) and as TypeScript literals (the snippet). */

/** TypeScript code placed as is inside a literal, such as a variable reference. */
export class Code {
    constructor(public readonly text: string) {}
}

type Data = string | number | boolean | Code | Data[] | { [key: string]: Data | undefined };

const isScalar = (value: Data): boolean => typeof value !== "object" || value instanceof Code;

const PLAIN_YAML = /^[A-Za-z0-9/][A-Za-z0-9_.\/:@*-]*$/;
const YAML_KEYWORD = /^(true|false|yes|no|on|off|null|~|[-+]?[0-9.]+(e[-+]?[0-9]+)?)$/i;

function yamlScalar(value: Data): string {
    if (value instanceof Code) {
        return value.text;
    }
    if (typeof value === "string") {
        return PLAIN_YAML.test(value) && !YAML_KEYWORD.test(value) && !value.includes(": ")
            ? value
            : JSON.stringify(value);
    }
    return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** Block-style YAML lines, indented by `indent` spaces (4 per level, as Pulumi.*.yaml files). */
export function yamlLines(value: Data, indent = 0): string[] {
    const pad = " ".repeat(indent);
    if (Array.isArray(value)) {
        return value.flatMap((item) => {
            if (isScalar(item)) {
                return [`${pad}- ${yamlScalar(item)}`];
            }
            const lines = yamlLines(item, indent + 2);
            return [`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1)];
        });
    }
    if (typeof value === "object" && !(value instanceof Code)) {
        return Object.entries(value).flatMap(([key, item]) => {
            if (item === undefined) {
                return [];
            }
            if (isScalar(item)) {
                return [`${pad}${key}: ${yamlScalar(item)}`];
            }
            if (Array.isArray(item) && item.length === 0) {
                return [`${pad}${key}: []`];
            }
            return [`${pad}${key}:`, ...yamlLines(item, indent + 4)];
        });
    }
    return [`${pad}${yamlScalar(value)}`];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript expression for the value, 4-space indented from `indent`. */
export function tsLiteral(value: Data, indent = 0): string {
    const pad = " ".repeat(indent);
    const inner = " ".repeat(indent + 4);
    if (value instanceof Code) {
        return value.text;
    }
    if (Array.isArray(value)) {
        if (value.every(isScalar)) {
            const flat = `[${value.map((item) => tsLiteral(item)).join(", ")}]`;
            if (flat.length + indent <= 80) {
                return flat;
            }
        }
        return `[\n${value.map((item) => `${inner}${tsLiteral(item, indent + 4)},\n`).join("")}${pad}]`;
    }
    if (typeof value === "object") {
        const entries = Object.entries(value).filter(([, item]) => item !== undefined);
        const body = entries
            .map(([key, item]) => {
                const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
                return `${inner}${name}: ${tsLiteral(item as Data, indent + 4)},\n`;
            })
            .join("");
        return `{\n${body}${pad}}`;
    }
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export type { Data };
