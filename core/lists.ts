/**
 * A list as IAM reads one: a single string stands for a list of one (the IAM policy grammar
 * allows both for Action, Resource and condition values). Undefined for an absent value.
 */
export function asList<T>(value: T | T[] | undefined | null): T[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    return Array.isArray(value) ? value : [value];
}
