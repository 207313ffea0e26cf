/**
 * Reading args of any shape: what TypeScript, the plugin's other languages (YAML, Python, Go,
 * C#) and stack configuration send is JSON-like data that need not match the declared types.
 * Each reader takes an `unknown` and returns the value with its declared type, or undefined
 * after reporting one problem that names the property, the type it must have, and the value
 * as it was received (the string "3600" stays a string; YAML's unquoted 1.30 is the number 1.3,
 * and is called that). The rules then judge only values of the right type.
 *
 * An Input (an Output or a promise) is read once it resolves, as a later check.
 */
import * as pulumi from "@pulumi/pulumi";
import { isUnknown, Problems } from "../problems";
import { editDistance } from "../rules/editDistance";

/** Reads one value of a declared type. */
export interface Reader<T> {
    /** What the value must be, as a message says it, e.g. "a string" or "a list of strings". */
    readonly expected: string;
    /**
     * A value of the type that stands in for a required one that is missing or of the wrong
     * type, so that the rules can still judge the rest (their problems about it are left out,
     * and a model with problems is never built from).
     */
    readonly placeholder?: T;
    /**
     * The value with its type, or undefined when it is absent (`undefined`) or of the wrong
     * type (one problem added at `at`).
     */
    read(value: unknown, at: string, problems: Problems): T | undefined;
}

/** How a message shows a value it refuses: its type, and the value itself when short. */
export function describeValue(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return value.length === 0 ? "an empty list" : "a list";
    }
    if (isUnknown(value)) {
        return "an Output (a value known only at deployment)";
    }
    if (value instanceof pulumi.Resource) {
        return "a resource";
    }
    switch (typeof value) {
        case "string":
            return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
        case "number":
            return `the number ${String(value)}`;
        case "boolean":
            return String(value);
        case "object":
            return "an object";
        case "undefined":
            return "nothing (undefined)";
        default:
            return `a ${typeof value}`;
    }
}

/** Adds the problem of a value of the wrong type. */
export function wrongType(problems: Problems, at: string, expected: string, value: unknown): void {
    // YAML reads an unquoted 012345678901 or 1.30 as a number (12345678901, 1.3): the value
    // is named as received, and the fix is the quotes, whatever the original spelling.
    const quote =
        typeof value === "number" && /string/.test(expected)
            ? " (quote it: YAML reads unquoted numbers as numbers, 1.30 as 1.3)"
            : "";
    problems.wrongType(at, `must be ${expected}, got ${describeValue(value)}${quote}.`);
}

/** The property path of a key inside `at`: `a.b`, or `a["x/y"]` for keys that are not names. */
export function pathOf(at: string, key: string | number): string {
    if (typeof key === "number") {
        return `${at}[${key}]`;
    }
    if (!/^[A-Za-z0-9_-]+$/.test(key)) {
        return `${at}[${JSON.stringify(key)}]`;
    }
    return at === "" ? key : `${at}.${key}`;
}

/** True for a plain object: not null, a list, an Output, a promise or a resource. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        !isUnknown(value) &&
        !(value instanceof pulumi.Resource)
    );
}

function reader<T>(
    expected: string,
    test: (value: unknown) => value is T,
    placeholder?: T,
): Reader<T> {
    return {
        expected,
        placeholder,
        read(value, at, problems) {
            if (value === undefined) {
                return undefined;
            }
            if (test(value)) {
                return value;
            }
            wrongType(problems, at, expected, value);
            return undefined;
        },
    };
}

/** A string. */
export const text = reader("a string", (value): value is string => typeof value === "string", "");

/** A finite number. */
export const number = reader(
    "a number",
    (value): value is number => typeof value === "number" && Number.isFinite(value),
    0,
);

/** true or false. */
export const flag = reader(
    "true or false",
    (value): value is boolean => typeof value === "boolean",
    false,
);

/** Any JSON value: an object, a list, a string, a number, true or false. */
export const json = reader(
    "a JSON value (an object, a list, a string, a number, true or false)",
    (value): value is pulumi.Unwrap<unknown> =>
        value !== null && !isUnknown(value) && !(value instanceof pulumi.Resource),
);

/** A value that passes `test` (a resource of a kind, a component), as it is. */
export function instance<T>(expected: string, test: (value: unknown) => value is T): Reader<T> {
    return reader(expected, test);
}

/**
 * A value that may be an Input: read now when it is plain, once it resolves otherwise (a
 * later check of its type in the problems' current scope).
 */
export function input<T>(of: Reader<T>): Reader<pulumi.Input<T>> {
    return {
        expected: of.expected,
        placeholder: of.placeholder,
        read(value, at, problems) {
            if (!isUnknown(value)) {
                return of.read(value, at, problems);
            }
            problems.addLater({
                propertyPath: at,
                kind: "type",
                value,
                check: (resolved) => {
                    if (resolved === undefined) {
                        return undefined;
                    }
                    const found = new Problems();
                    of.read(resolved, at, found);
                    return found.list.length === 0
                        ? undefined
                        : found.list
                              .map((p) =>
                                  p.propertyPath === at
                                      ? p.reason
                                      : `${p.propertyPath.slice(at.length).replace(/^\./, "")}: ${p.reason}`,
                              )
                              .join(" ");
                },
            });
            return value as pulumi.Input<T>;
        },
    };
}

/**
 * A value of one of two types, read with the reader `test` picks for it (`expected` names
 * both in messages), e.g. an object or its JSON text.
 */
export function either<A, B>(
    first: Reader<A>,
    second: Reader<B>,
    test: (value: unknown) => "first" | "second" | undefined,
    expected: string,
): Reader<A | B> {
    return {
        expected,
        read(value, at, problems) {
            if (value === undefined) {
                return undefined;
            }
            const which = test(value);
            if (which === undefined) {
                wrongType(problems, at, expected, value);
                return undefined;
            }
            return which === "first"
                ? first.read(value, at, problems)
                : second.read(value, at, problems);
        },
    };
}

/**
 * A list whose items are read with `item`; undefined when any item is of the wrong type.
 * `expected` names it in messages (default: "a list of" the items).
 */
export function list<T>(item: Reader<T>, expected?: string): Reader<T[]> {
    return {
        expected: expected ?? `a list of ${plural(item.expected)}`,
        placeholder: [],
        read(value, at, problems) {
            if (value === undefined) {
                return undefined;
            }
            if (!Array.isArray(value)) {
                wrongType(problems, at, this.expected, value);
                return undefined;
            }
            let complete = true;
            const items = value.map((entry: unknown, i) => {
                const read = item.read(entry, pathOf(at, i), problems);
                if (read === undefined) {
                    complete = false;
                    if (entry === undefined) {
                        wrongType(problems, pathOf(at, i), item.expected, entry);
                    }
                }
                return read as T;
            });
            return complete ? items : undefined;
        },
    };
}

/** A list, or a single value IAM also accepts in its place (read as a list of one). */
export function oneOrList<T>(item: Reader<T>): Reader<T[]> {
    const asList = list(item);
    return {
        expected: `${item.expected} or ${asList.expected}`,
        read(value, at, problems) {
            if (value === undefined || Array.isArray(value)) {
                return asList.read(value, at, problems);
            }
            const single = item.read(value, at, problems);
            return single === undefined ? undefined : [single];
        },
    };
}

/** A map (a plain object) whose values are read with `value`. */
export function map<T>(value: Reader<T>): Reader<{ [key: string]: T }> {
    return {
        expected: `a map of ${plural(value.expected)}`,
        placeholder: {},
        read(raw, at, problems) {
            if (raw === undefined) {
                return undefined;
            }
            if (!isPlainObject(raw)) {
                wrongType(problems, at, this.expected, raw);
                return undefined;
            }
            let complete = true;
            const entries = Object.entries(raw).map(([key, entry]) => {
                const read = value.read(entry, pathOf(at, key), problems);
                if (read === undefined) {
                    complete = false;
                    if (entry === undefined) {
                        wrongType(problems, pathOf(at, key), value.expected, entry);
                    }
                }
                return [key, read] as const;
            });
            return complete ? (Object.fromEntries(entries) as { [key: string]: T }) : undefined;
        },
    };
}

/** Readers of an object's properties, by property. */
export type Fields<T> = { [K in keyof T]-?: Reader<NonNullable<T[K]>> };

/**
 * An object with declared properties: each read with its reader into a new object (keys it
 * does not declare are not kept); a `required` one that is missing is a problem.
 */
export function object<T extends object>(
    expected: string,
    fields: Fields<T>,
    required: Required<T> = {},
): Reader<T> {
    return {
        expected,
        read(raw, at, problems) {
            if (raw === undefined) {
                return undefined;
            }
            if (!isPlainObject(raw)) {
                wrongType(problems, at, expected, raw);
                return undefined;
            }
            return readFields(raw, fields, required, at, problems);
        },
    };
}

/** The required properties of an object, each with what a message asks for when it is missing. */
export type Required<T> = { [K in keyof T & string]?: string };

/** Reads the declared properties of a plain object (see {@link object}). */
export function readFields<T extends object>(
    raw: Record<string, unknown>,
    fields: Fields<T>,
    required: Required<T>,
    at: string,
    problems: Problems,
): T {
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries<Reader<unknown>>(fields)) {
        const value = raw[key];
        const path = pathOf(at, key);
        const asked = (required as Record<string, string | undefined>)[key];
        if (value === undefined) {
            if (asked !== undefined) {
                problems.wrongType(path, `is missing: give ${asked}.`);
                result[key] = field.placeholder;
            }
            continue;
        }
        const read = field.read(value, path, problems);
        if (read !== undefined) {
            result[key] = read;
        } else if (asked !== undefined) {
            result[key] = field.placeholder;
        }
    }
    for (const key of Object.keys(raw)) {
        if (raw[key] !== undefined && !(key in fields)) {
            problems.wrongType(pathOf(at, key), unknownPropertyReason(key, Object.keys(fields)));
        }
    }
    return result as T;
}

/**
 * Why a property the object does not declare is refused: a misspelt name would otherwise be
 * dropped without a word (`trust.namespace` for `trust.namespaces` would trust every
 * namespace), in YAML and the other languages, where no compiler checks the names.
 */
function unknownPropertyReason(key: string, known: string[]): string {
    const near = known.filter(
        (name) =>
            name.toLowerCase() === key.toLowerCase() ||
            editDistance(name.toLowerCase(), key.toLowerCase()) <= Math.min(2, key.length - 1),
    );
    const hint =
        near.length > 0
            ? `did you mean ${near.map((name) => `"${name}"`).join(" or ")}?`
            : `the properties here are ${known.join(", ")}.`;
    return `is not a property here: ${hint} Remove it, or fix its name.`;
}

/** The args of a component: an object (a missing or null one is a problem at its root). */
export function readArgs<T extends object>(
    component: string,
    raw: unknown,
    fields: Fields<T>,
    required: Required<T>,
    problems: Problems,
): T | undefined {
    if (!isPlainObject(raw)) {
        // Nothing else is judged then, so the path need not be a prefix of any other.
        wrongType(problems, "args", `an object of ${component}'s arguments`, raw);
        return undefined;
    }
    return readFields(raw, fields, required, "", problems);
}

function plural(expected: string): string {
    return expected
        .replace(/^an? /, "")
        .replace(/^(string|number|object|map|list|role ARN|value)\b/, "$1s")
        .replace(/^true or false$/, "true or false values");
}
