/** JSON laid out for a person reading a policy in a terminal. */

const LINE_WIDTH = 100;

/** JSON on one line, with a space after each comma and colon. */
function oneLine(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(oneLine).join(", ")}]`;
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value).map(
            ([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`,
        );
        return `{${entries.join(", ")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

/**
 * JSON laid out for reading: anything that fits on the rest of the line stays on one line
 * (`"Action": ["sts:AssumeRole", "sts:TagSession"]`), the rest is indented by two.
 */
export function readableJson(value: unknown, indent: string, prefix = ""): string[] {
    const inline = oneLine(value);
    if (
        indent.length + prefix.length + inline.length <= LINE_WIDTH ||
        value === null ||
        typeof value !== "object"
    ) {
        return [`${indent}${prefix}${inline}`];
    }
    const inner = `${indent}  `;
    const entries = Array.isArray(value)
        ? value.map((item) => readableJson(item, inner))
        : Object.entries(value).map(([key, item]) =>
              readableJson(item, inner, `${JSON.stringify(key)}: `),
          );
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    return [
        `${indent}${prefix}${open}`,
        ...entries.flatMap((lines, i) =>
            i < entries.length - 1 ? [...lines.slice(0, -1), `${lines[lines.length - 1]},`] : lines,
        ),
        `${indent}${close}`,
    ];
}
