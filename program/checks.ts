/**
 * Shape checks for stack configuration that collect every problem instead of stopping at the
 * first: a person fixing a stack file wants the whole list in one run.
 */

/** A JSON object read from configuration. */
export type Fields = Record<string, unknown>;

/** The problems found so far, each naming the configuration key path it is about. */
export class Problems {
    readonly list: string[] = [];

    add(path: string, message: string): void {
        this.list.push(`${path} ${message}`);
    }
}

export function isFields(value: unknown): value is Fields {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A string, optionally of a format. YAML reads unquoted `1.30` or `012345678901` as numbers
 * (1.3, 12345678901), so a number gets told to be quoted rather than converted.
 */
export function checkString(
    value: unknown,
    path: string,
    problems: Problems,
    format?: { pattern: RegExp; hint: string },
): string | undefined {
    if (value === undefined) {
        problems.add(path, `is missing: must be ${format ? format.hint : "a string"}`);
        return undefined;
    }
    if (typeof value !== "string") {
        const quote = typeof value === "number" ? " (quote it in YAML)" : "";
        problems.add(path, `must be a string, got ${describe(value)}${quote}`);
        return undefined;
    }
    if (format && !format.pattern.test(value)) {
        problems.add(path, `must be ${format.hint}, got "${value}"`);
        return undefined;
    }
    return value;
}

export function checkBoolean(
    value: unknown,
    path: string,
    problems: Problems,
): boolean | undefined {
    if (typeof value !== "boolean") {
        problems.add(path, `must be true or false, got ${describe(value)}`);
        return undefined;
    }
    return value;
}

export function checkInteger(
    value: unknown,
    path: string,
    problems: Problems,
    range: { min: number; max: number },
): number | undefined {
    if (typeof value !== "number" || !Number.isInteger(value)) {
        problems.add(path, `must be a whole number, got ${describe(value)}`);
        return undefined;
    }
    if (value < range.min || value > range.max) {
        problems.add(path, `must be between ${range.min} and ${range.max}, got ${value}`);
        return undefined;
    }
    return value;
}

export function checkStringList(
    value: unknown,
    path: string,
    problems: Problems,
    format?: { pattern: RegExp; hint: string },
): string[] | undefined {
    if (!Array.isArray(value)) {
        const hint = typeof value === "string" ? ` (write [${value}])` : "";
        problems.add(path, `must be a list of strings, got ${describe(value)}${hint}`);
        return undefined;
    }
    const before = problems.list.length;
    value.forEach((item, index) => checkString(item, `${path}[${index}]`, problems, format));
    return problems.list.length === before ? (value as string[]) : undefined;
}

export function checkStringMap(
    value: unknown,
    path: string,
    problems: Problems,
    limit?: number,
): Record<string, string> | undefined {
    if (!isFields(value)) {
        problems.add(path, `must be a map of strings, got ${describe(value)}`);
        return undefined;
    }
    const before = problems.list.length;
    for (const [key, item] of Object.entries(value)) {
        checkString(item, `${path}.${key}`, problems);
    }
    if (limit !== undefined && Object.keys(value).length > limit) {
        problems.add(path, `may hold at most ${limit} entries, got ${Object.keys(value).length}`);
    }
    return problems.list.length === before ? (value as Record<string, string>) : undefined;
}

/**
 * An object whose keys are all known: unknown keys are reported (typos would otherwise be
 * silently ignored), listing what is accepted.
 */
export function checkObject(
    value: unknown,
    path: string,
    problems: Problems,
    knownKeys?: readonly string[],
): Fields | undefined {
    if (!isFields(value)) {
        problems.add(path, `must be an object, got ${describe(value)}`);
        return undefined;
    }
    if (knownKeys) {
        for (const key of Object.keys(value)) {
            if (!knownKeys.includes(key)) {
                problems.add(
                    `${path}.${key}`,
                    `is not a known key (known: ${knownKeys.join(", ")})`,
                );
            }
        }
    }
    return value;
}

/** Runs `check` on a field when it is present (not undefined). */
export function optional<T>(
    fields: Fields,
    key: string,
    path: string,
    check: (value: unknown, path: string) => T | undefined,
): T | undefined {
    return fields[key] === undefined ? undefined : check(fields[key], `${path}.${key}`);
}
