/**
 * Resource properties as plain data in which a value that is not known yet (during `pulumi
 * preview`) is an explicit {@link UNKNOWN} marker.
 *
 * The policy runtime hands rules a proxy that throws `UnknownValueError` on the first read of
 * an unknown value, which aborts the whole rule with a "can't run during preview" note. Rules
 * instead read everything through {@link toPlain} once, so that an unknown value only makes
 * the rule skip the one judgement that needed it, and every other judgement still runs.
 */
import { UnknownValueError } from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** A value the engine does not know yet (preview of a resource that does not exist yet). */
export const UNKNOWN: unique symbol = Symbol("unknown");
/** See {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** A property value as plain data. */
export type Plain = null | boolean | number | string | Unknown | Plain[] | PlainObject;
/** A plain object (resource properties, a policy document, a condition block...). */
export interface PlainObject {
    [key: string]: Plain;
}

/** True for the unknown marker. */
export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

// `UnknownValueError` is exported untyped by @pulumi/policy; narrow it for `instanceof`.
const UnknownError = UnknownValueError as unknown as abstract new (...args: never[]) => Error;

function read(source: object, key: string | number): unknown {
    try {
        return (source as Record<string | number, unknown>)[key];
    } catch (error) {
        if (error instanceof UnknownError) {
            return UNKNOWN;
        }
        throw error;
    }
}

/**
 * Copies resource properties (the policy runtime's proxy, or plain data) into plain data,
 * replacing every unknown value, whether the proxy reports it or it is still the engine's
 * wire sentinel string, with {@link UNKNOWN}. Functions and class instances such as assets
 * become `null`: no rule reads them.
 */
export function toPlain(value: unknown): Plain {
    if (value === UNKNOWN || value === unknownValue) {
        return UNKNOWN;
    }
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (Array.isArray(value)) {
        const out: Plain[] = [];
        for (let index = 0; index < value.length; index++) {
            out.push(toPlain(read(value, index)));
        }
        return out;
    }
    if (typeof value === "object") {
        const out: PlainObject = {};
        for (const key of Object.keys(value)) {
            const item = read(value, key);
            if (item !== undefined) {
                out[key] = toPlain(item);
            }
        }
        return out;
    }
    return null;
}

/** True when the value is a plain object (not a list, not unknown). */
export function isObject(value: Plain | undefined): value is PlainObject {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The member of an object; unknown when the object itself is unknown. */
export function member(value: Plain | undefined, key: string): Plain | undefined {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    return isObject(value) ? value[key] : undefined;
}

/** A string value, the unknown marker, or undefined when absent or of another type. */
export function asString(value: Plain | undefined): string | Unknown | undefined {
    return typeof value === "string" || isUnknown(value) ? value : undefined;
}

/** A boolean value (also from the strings "true"/"false"), unknown, or undefined. */
export function asBoolean(value: Plain | undefined): boolean | Unknown | undefined {
    if (typeof value === "boolean" || isUnknown(value)) {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}

/**
 * A list of strings, as IAM and most providers allow either one string or a list: each entry
 * a string or unknown; the whole list unknown when it is; `[]` when absent.
 */
export function asStrings(value: Plain | undefined): (string | Unknown)[] | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item) => (typeof item === "string" || isUnknown(item) ? [item] : []));
    }
    return [];
}

/** True when any part of a value is unknown. */
export function containsUnknown(value: Plain | undefined): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (isObject(value)) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/**
 * Parses a JSON string property (IAM documents, provider settings); an object passes through.
 * Unknown stays unknown; a string that is not JSON gives undefined.
 */
export function parseJson(value: Plain | undefined): Plain | undefined {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return toPlain(JSON.parse(value));
    } catch {
        return undefined;
    }
}
