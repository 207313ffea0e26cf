/**
 * JSON with object keys sorted at every level, so the same document always serialises to
 * the same bytes: a re-run of `pulumi up` then sends byte-identical policies and add-on
 * configuration, and the engine sees no spurious diff.
 */
export function stableStringify(value: unknown): string {
    return JSON.stringify(sortKeys(value));
}

/**
 * A document given as an object or as its JSON text (as other languages and stack
 * configuration hold it), as sorted-key JSON. Text that does not parse is returned as it is:
 * the args' checks refuse it (once it is known, for an Output) before the resource that takes
 * it is registered, and throwing here would report it a second time.
 */
export function stableJsonText(value: unknown): string {
    if (typeof value !== "string") {
        return stableStringify(value);
    }
    try {
        return stableStringify(JSON.parse(value));
    } catch {
        return value;
    }
}

/** An object given as one, or as its JSON text; undefined for anything else. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
    let parsed = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value) as unknown;
        } catch {
            return undefined;
        }
    }
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (value !== null && typeof value === "object") {
        const source = value as Record<string, unknown>;
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(source).sort()) {
            // Undefined members would vanish in JSON anyway; dropping them here keeps
            // `{a: undefined}` and `{}` byte-identical.
            if (source[key] !== undefined) {
                sorted[key] = sortKeys(source[key]);
            }
        }
        return sorted;
    }
    return value;
}
