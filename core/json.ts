/**
 * JSON with object keys sorted at every level, so the same document always serialises to
 * the same bytes: a re-run of `pulumi up` then sends byte-identical policies and add-on
 * configuration, and the engine sees no spurious diff.
 */
export function stableStringify(value: unknown): string {
    return JSON.stringify(sortKeys(value));
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
