/**
 * What an object-storage backend lists when it starts, and the `s3:ListBucket` grants that allow
 * it under an `s3:prefix` condition. A list the condition does not allow is AccessDenied, and a
 * backend that cannot list at start-up does not start (Tempo: "unexpected error from ListObjects").
 *
 * `""` as an `s3:prefix` value matches a list with no prefix: the IAM User Guide's home-directory
 * example (reference_policies_examples_s3_home-directory-console) lets a user list the bucket
 * root with `"s3:prefix": ["", "home/"]` and `"s3:delimiter": ["/"]`.
 */
import { ResolvedStatement } from "../iam/policyDocument";
import { allow, Conditions } from "./statements";

/** What a backend lists at start-up, read from its source at a version. */
export interface StartupListing {
    /**
     * It lists its configured prefix as written (`tempo`, without the trailing slash the preset
     * normalises to), not only keys under `tempo/`.
     */
    prefixAsWritten: boolean;
    /**
     * Releases before `version` list the bucket root (prefix `""`) with `delimiter` at start-up,
     * whatever the prefix. Default: none does.
     */
    bucketRootBefore?: { version: string; delimiter: string };
    /** Where this was read: the file and call at a version. */
    source: string;
}

/** `tempo/` without its trailing slash. */
function withoutSlash(prefix: string): string {
    return prefix.replace(/\/$/, "");
}

/**
 * The `s3:prefix` values that allow the backend's lists under `prefixes` (normalised, `tempo/`):
 * each prefix and everything under it, plus the prefix as written where the backend lists it so.
 * Undefined when the whole bucket is allowed.
 */
export function startupListCondition(
    prefixes: string[],
    listing: StartupListing,
): Conditions | undefined {
    if (prefixes.includes("")) {
        return undefined;
    }
    const values = prefixes.flatMap((prefix) => [
        ...(listing.prefixAsWritten ? [withoutSlash(prefix)] : []),
        prefix,
        `${prefix}*`,
    ]);
    return { StringLike: { "s3:prefix": [...new Set(values)] } };
}

/**
 * For backends whose older releases list the bucket root at start-up: `s3:ListBucket` with no
 * prefix, only one level deep (the delimiter they send), so no key under another prefix is
 * listed. None when the whole bucket is allowed anyway.
 */
export function bucketRootListStatements(
    buckets: string[],
    prefixes: string[],
    listing: StartupListing,
): ResolvedStatement[] {
    const root = listing.bucketRootBefore;
    if (!root || prefixes.includes("")) {
        return [];
    }
    return [
        allow("ListBucketRootAtStartup", ["s3:ListBucket"], buckets, {
            StringEquals: { "s3:prefix": [""], "s3:delimiter": [root.delimiter] },
        }),
    ];
}
