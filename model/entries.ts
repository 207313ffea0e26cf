/**
 * How many times args entered the model's parsing, by part (e.g. `PodIdentity`, `role`,
 * `cluster`): each part of a component's args is parsed once, and the components built from
 * the model never parse it again. tests/parseOnce.spec.ts reads the counts; one increment per
 * part costs nothing worth measuring.
 */
const counts = new Map<string, number>();

/** Records that a part's args entered parsing. */
export function entered(part: string): void {
    counts.set(part, (counts.get(part) ?? 0) + 1);
}

/** The counts since the last reset, by part. */
export function parseEntries(): { [part: string]: number } {
    return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Starts counting again. */
export function resetParseEntries(): void {
    counts.clear();
}
