import { createHash } from "crypto";

/**
 * A short, stable hash of a key, for child resource names that must not depend on a
 * position in a list (adding or reordering entries must never rename another resource).
 */
export function shortHash(key: string, length = 8): string {
    return createHash("sha256").update(key).digest("hex").slice(0, length);
}
