/**
 * True when a value matches a pattern in which `*` is any run of characters and `?` any one
 * character (IAM's wildcard language, also used for names in rule options).
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
    const escaped = pattern
        .split("")
        .map((char) => {
            if (char === "*") {
                return "[\\s\\S]*";
            }
            if (char === "?") {
                return "[\\s\\S]";
            }
            return char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
    return new RegExp(`^${escaped}$`, ignoreCase ? "i" : "").test(value);
}
