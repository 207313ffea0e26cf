import { PresetContext } from "./preset";
import { SessionTag, sessionTagPath } from "./sessionTags";
import { Conditions } from "./statements";

/** A bucket ARN, also from a bare bucket name (`bucket.bucket` and `bucket.arn` both work). */
export function bucketArn(context: PresetContext, bucket: string): string {
    return bucket.startsWith("arn:") ? bucket : `arn:${context.partition}:s3:::${bucket}`;
}

/** `/reports` and `reports/` both mean the key prefix `reports/`; "" or `/` mean the whole bucket. */
export function keyPrefix(prefix: string): string {
    const trimmed = prefix.replace(/^\/+/, "").replace(/\/+$/, "");
    return trimmed === "" ? "" : `${trimmed}/`;
}

/**
 * The key prefixes a pod may use: each configured prefix (or the bucket root) followed by the
 * session-tag path, e.g. `tenants/${aws:PrincipalTag/kubernetes-namespace}/`.
 */
export function keyPrefixes(
    prefixes: string[] | undefined,
    tags: SessionTag[] | undefined,
): string[] {
    const base = prefixes && prefixes.length > 0 ? prefixes.map(keyPrefix) : [""];
    const tagPath = sessionTagPath(tags);
    return [...new Set(base.map((prefix) => prefix + tagPath))];
}

/** Object ARNs under each prefix of each bucket. */
export function objectArns(buckets: string[], prefixes: string[]): string[] {
    return buckets.flatMap((bucket) => prefixes.map((prefix) => `${bucket}/${prefix}*`));
}

/**
 * Limits `s3:ListBucket` to the prefixes (the prefix itself, to open the "folder", and
 * everything under it). None when the whole bucket is allowed.
 */
export function listPrefixCondition(prefixes: string[]): Conditions | undefined {
    if (prefixes.includes("")) {
        return undefined;
    }
    return { StringLike: { "s3:prefix": prefixes.flatMap((prefix) => [prefix, `${prefix}*`]) } };
}
