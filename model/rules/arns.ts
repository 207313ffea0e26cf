/**
 * ARNs, judged by what the argument that holds one expects: a managed policy, a role, an S3
 * bucket, a KMS key, a Route 53 hosted zone, or a resource of some other service. An ARN's
 * region, when it names one, must be a real region whose partition is the ARN's.
 *
 * ARN format: `arn:<partition>:<service>:<region>:<account>:<resource>` (IAM User Guide,
 * "Amazon Resource Names"). IAM policies may put wildcards (`*`, `?`) and policy variables
 * (`${aws:PrincipalTag/...}`) in any part: a part that holds one is not judged.
 */
import { breach, defineRule, Rule } from "./rule";
import { partitionProblem, PARTITION_NAMES, regionProblem } from "./regions";
import { SOURCES } from "./sources";

/** The six parts of an ARN. */
export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

/** True when a part holds a wildcard or a policy variable, so no rule can judge it. */
export function isOpen(part: string): boolean {
    return part.includes("*") || part.includes("?") || part.includes("${");
}

/**
 * Splits an ARN into its parts; undefined when it is not one. Colons inside `${...}` policy
 * variables do not split, and the resource keeps any colons of its own
 * (`foundation-model/anthropic.claude-3-haiku-20240307-v1:0`).
 */
export function parseArn(value: string): ArnParts | undefined {
    if (!value.startsWith("arn:")) {
        return undefined;
    }
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < value.length && parts.length < 5; i++) {
        if (value.startsWith("${", i)) {
            depth++;
        } else if (value[i] === "}" && depth > 0) {
            depth--;
        } else if (value[i] === ":" && depth === 0) {
            parts.push(value.slice(start, i));
            start = i + 1;
        }
    }
    if (parts.length < 5) {
        return undefined;
    }
    const [, partition, service, region, account] = parts;
    return { partition, service, region, account, resource: value.slice(start) };
}

export const ARN_FORMAT_RULE = defineRule({
    id: "arn-format",
    concern: "arns",
    rule: "an ARN reads arn:<partition>:<service>:<region>:<account>:<resource>, with a partition AWS has (aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc) and a 12-digit account where it names one",
    fix: "Copy the ARN from the resource's `arn` output or the AWS console.",
    source: SOURCES.arnFormat,
});

export const POLICY_ARN_RULE = defineRule({
    id: "iam-policy-arn",
    concern: "arns",
    rule: "a managed policy is named by its ARN, arn:<partition>:iam::<account or aws>:policy/<path><name>",
    fix: "Use the policy's ARN, e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or an aws.iam.Policy's `arn`.",
    source: SOURCES.iamArns,
});

export const ROLE_ARN_RULE = defineRule({
    id: "iam-role-arn",
    concern: "arns",
    rule: "a role is named by its ARN, arn:<partition>:iam::<12-digit account>:role/<path><name> (not an instance profile, user, policy or assumed-role session)",
    fix: "Use the role's ARN, e.g. arn:aws:iam::123456789012:role/my-role or a role's `arn` output.",
    source: SOURCES.iamArns,
});

export const S3_BUCKET_ARN_RULE = defineRule({
    id: "s3-bucket-arn",
    concern: "arns",
    rule: "a bucket is arn:<partition>:s3:::<bucket> (no region, no account, no key) or, where the preset says so, the bare bucket name; bucket names have 3 to 63 lower-case letters, digits, '.' and '-' (older us-east-1 buckets up to 255, with capitals and '_'), starting with a letter or digit",
    fix: "Give the bucket's ARN (a bucket's `arn` output) and put key prefixes in the preset's `prefixes`.",
    source: SOURCES.s3Arns,
});

export const KMS_KEY_ARN_RULE = defineRule({
    id: "kms-key-arn",
    concern: "arns",
    rule: "a KMS key in a policy's Resource is its key ARN, arn:<partition>:kms:<region>:<account>:key/<key id>; an alias ARN there authorizes nothing on the key",
    fix: "Use the key's ARN (an aws.kms.Key's `arn`, or an alias's `targetKeyArn`).",
    source: SOURCES.kmsKeysInPolicies,
});

export const HOSTED_ZONE_ARN_RULE = defineRule({
    id: "route53-hosted-zone-arn",
    concern: "arns",
    rule: "a hosted zone is arn:<partition>:route53:::hostedzone/<zone id> (no region, no account)",
    fix: "Use the zone's `arn` output, or arn:aws:route53:::hostedzone/<id> around its `zoneId`.",
    source: SOURCES.route53Arns,
});

export const SERVICE_ARN_RULE = defineRule({
    id: "service-arn",
    concern: "arns",
    rule: "an option named for a kind of resource takes ARNs of that service and resource type",
    fix: "Use the resource's `arn` output.",
    source: SOURCES.serviceArns,
});

/** All the ARN rules, for the catalogue. */
export const ARN_RULES: Rule[] = [
    ARN_FORMAT_RULE,
    POLICY_ARN_RULE,
    ROLE_ARN_RULE,
    S3_BUCKET_ARN_RULE,
    KMS_KEY_ARN_RULE,
    HOSTED_ZONE_ARN_RULE,
    SERVICE_ARN_RULE,
];

/** What an argument takes. */
export type ArnExpectation =
    /** Any ARN (a statement's Resource): only its format, region and partition are judged. */
    | { kind: "any" }
    | { kind: "policy" }
    /** `patterns`: wildcards allowed (a permission on many roles); otherwise one exact role. */
    | { kind: "role"; patterns?: boolean }
    /** `bareNames`: the preset turns a bare bucket name into its ARN. */
    | { kind: "s3-bucket"; bareNames: boolean }
    /** `aliases`: the preset matches aliases itself (none does today). */
    | { kind: "kms-key"; aliases?: boolean }
    | { kind: "route53-hosted-zone" }
    | {
          kind: "service";
          /** The ARN's service, e.g. `sqs`. */
          service: string;
          /** What the resource part starts with, e.g. `table/`; "" for names (SQS, SNS). */
          resourcePrefixes: string[];
          /** An example, for the fix. */
          example: string;
      };

const ACCOUNT = /^\d{12}$/;
/** A role name (1 to 64 characters), the last part of a role ARN. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** `<path><name>` after `policy/`: the path's characters, then a policy name (1 to 128). */
const POLICY_PATH_AND_NAME = /^(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,128}$/;
/**
 * A bucket name. Today's rule is 3 to 63 lower-case letters, digits, '.' and '-'; buckets made
 * in us-east-1 before March 2018 may have capitals and '_', up to 255 characters, and still
 * exist, so those are accepted too (no false refusal of an old bucket).
 */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;

function bucketNameProblem(name: string): string | undefined {
    if (isOpen(name)) {
        return /^[a-z0-9.*?${}:/-]+$/i.test(name) ? undefined : "is not a bucket name";
    }
    if (!BUCKET.test(name) || name.includes("..")) {
        return "is not a bucket name";
    }
    return undefined;
}

/** The region and partition checks every ARN gets. */
function placeProblems(parts: ArnParts, arn: string, region?: RegionContext): string[] {
    const problems: string[] = [];
    if (!isOpen(parts.region) && parts.region !== "") {
        const problem = regionProblem(parts.region);
        if (problem) {
            problems.push(problem);
        } else {
            const mismatch = partitionProblem(arn, parts.partition, parts.region, "its region");
            if (mismatch) {
                problems.push(mismatch);
            }
        }
    }
    if (region && problems.length === 0) {
        const mismatch = partitionProblem(arn, parts.partition, region.region, region.describe);
        if (mismatch) {
            problems.push(mismatch);
        }
    }
    return problems;
}

/** A region the ARN must agree with, known from elsewhere (e.g. the cluster's). */
export interface RegionContext {
    region: string;
    /** How a message names it, e.g. `clusters.prod's region`. */
    describe: string;
}

/** Why the ARN is not one of the expected kind; undefined when it is. */
function kindProblem(parts: ArnParts, arn: string, expect: ArnExpectation): string | undefined {
    const iamGlobal = parts.service === "iam" && parts.region === "";
    switch (expect.kind) {
        case "any":
            return undefined;
        case "policy": {
            const ok =
                iamGlobal &&
                (parts.account === "aws" || ACCOUNT.test(parts.account) || isOpen(parts.account)) &&
                parts.resource.startsWith("policy/") &&
                (isOpen(parts.resource) ||
                    POLICY_PATH_AND_NAME.test(parts.resource.slice("policy/".length)));
            return ok ? undefined : breach(POLICY_ARN_RULE, arn, "is not a managed policy ARN");
        }
        case "role": {
            const resource = parts.resource;
            const ok =
                iamGlobal &&
                (ACCOUNT.test(parts.account) || (!!expect.patterns && isOpen(parts.account))) &&
                resource.startsWith("role/") &&
                ((!!expect.patterns && isOpen(resource)) ||
                    ROLE_NAME.test(resource.slice(resource.lastIndexOf("/") + 1)));
            return ok ? undefined : breach(ROLE_ARN_RULE, arn, "is not an IAM role ARN");
        }
        case "s3-bucket": {
            if (parts.service !== "s3" || parts.region !== "" || parts.account !== "") {
                return breach(S3_BUCKET_ARN_RULE, arn, "is not an S3 bucket ARN");
            }
            const slash = parts.resource.indexOf("/");
            if (slash >= 0) {
                const bucket = parts.resource.slice(0, slash);
                return breach(
                    S3_BUCKET_ARN_RULE,
                    arn,
                    "is an object ARN, not a bucket's",
                    `Give the bucket, arn:${parts.partition}:s3:::${bucket}, and the key prefix ` +
                        `"${parts.resource.slice(slash + 1).replace(/\*+$/, "")}" in prefixes.`,
                );
            }
            const name = bucketNameProblem(parts.resource);
            return name
                ? breach(S3_BUCKET_ARN_RULE, arn, `names a bucket that ${name}`)
                : undefined;
        }
        case "kms-key": {
            const open = isOpen(parts.resource);
            if (parts.service === "kms" && parts.resource.startsWith("alias/") && !expect.aliases) {
                return breach(
                    KMS_KEY_ARN_RULE,
                    arn,
                    "is an alias ARN",
                    "Use the key ARN the alias points to (the alias's `targetKeyArn`).",
                );
            }
            const ok =
                parts.service === "kms" &&
                (ACCOUNT.test(parts.account) || isOpen(parts.account)) &&
                (parts.resource.startsWith("key/") ||
                    (!!expect.aliases && parts.resource.startsWith("alias/")) ||
                    (open && parts.resource === "*"));
            return ok ? undefined : breach(KMS_KEY_ARN_RULE, arn, "is not a KMS key ARN");
        }
        case "route53-hosted-zone": {
            const ok =
                parts.service === "route53" &&
                parts.region === "" &&
                parts.account === "" &&
                /^hostedzone\/(?:[A-Z0-9]+|.*[*?$].*)$/.test(parts.resource);
            return ok ? undefined : breach(HOSTED_ZONE_ARN_RULE, arn, "is not a hosted zone ARN");
        }
        case "service": {
            const ok =
                parts.service === expect.service &&
                parts.resource.length > 0 &&
                (parts.resource === "*" ||
                    expect.resourcePrefixes.some((prefix) => parts.resource.startsWith(prefix)));
            return ok
                ? undefined
                : breach(
                      SERVICE_ARN_RULE,
                      arn,
                      `is not an ARN of ${expect.service} ${expect.resourcePrefixes[0] || "resources"}`.trim(),
                      `Use an ARN such as ${expect.example}.`,
                  );
        }
    }
}

/** Why a value that is not an ARN at all cannot stand for one here. */
function notAnArn(value: string, expect: ArnExpectation): string | undefined {
    switch (expect.kind) {
        case "any":
            return undefined;
        case "s3-bucket": {
            const bucket = value.replace(/^s3:\/\//, "").replace(/\/.*$/, "");
            if (expect.bareNames && !value.includes("/") && !value.includes(":")) {
                const name = bucketNameProblem(value);
                return name
                    ? breach(S3_BUCKET_ARN_RULE, value, name, "Give the bucket's name or ARN.")
                    : undefined;
            }
            return breach(
                S3_BUCKET_ARN_RULE,
                value,
                "is not a bucket ARN",
                `Give arn:aws:s3:::${bucket} (a bucket's \`arn\` output)` +
                    (expect.bareNames ? " or the bare name." : ".") +
                    (value.includes("/") ? " Key prefixes go in prefixes." : ""),
            );
        }
        case "route53-hosted-zone": {
            const id = /^(?:\/?hostedzone\/)?([A-Z0-9]+)$/.exec(value)?.[1];
            return breach(
                HOSTED_ZONE_ARN_RULE,
                value,
                "is not a hosted zone ARN",
                id
                    ? `Give arn:aws:route53:::hostedzone/${id} (the zone's \`arn\` output).`
                    : HOSTED_ZONE_ARN_RULE.fix,
            );
        }
        case "kms-key":
            return breach(
                KMS_KEY_ARN_RULE,
                value,
                "is not a KMS key ARN",
                /^[0-9a-f-]{36}$|^mrk-[0-9a-f]{32}$/.test(value)
                    ? `That is a key id: give arn:aws:kms:<region>:<account>:key/${value} (the key's \`arn\`).`
                    : KMS_KEY_ARN_RULE.fix,
            );
        case "policy":
            return breach(POLICY_ARN_RULE, value, "is not a managed policy ARN");
        case "role":
            return breach(ROLE_ARN_RULE, value, "is not an IAM role ARN");
        case "service":
            return breach(
                SERVICE_ARN_RULE,
                value,
                "is not an ARN",
                `Use an ARN such as ${expect.example}.`,
            );
    }
}

/**
 * Every reason why `value` is not what an argument expecting `expect` takes: not an ARN, an
 * ARN of the wrong kind, a region AWS does not have, or a partition that is not its region's
 * (or, given `region`, not that region's). Empty when the value is fine.
 */
export function arnProblems(
    value: string,
    expect: ArnExpectation,
    region?: RegionContext,
): string[] {
    const parts = parseArn(value);
    if (!parts) {
        const problem = notAnArn(value, expect);
        return problem ? [problem] : [];
    }
    if (!isOpen(parts.partition) && !PARTITION_NAMES.includes(parts.partition)) {
        return [breach(ARN_FORMAT_RULE, value, `has partition "${parts.partition}"`)];
    }
    if (!["", "aws"].includes(parts.account) && !isOpen(parts.account)) {
        if (!ACCOUNT.test(parts.account)) {
            return [breach(ARN_FORMAT_RULE, value, `has account "${parts.account}"`)];
        }
    }
    const kind = kindProblem(parts, value, expect);
    return kind ? [kind] : placeProblems(parts, value, region);
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`, ...); undefined for other values. */
export function partitionOf(value: string): string | undefined {
    return parseArn(value)?.partition;
}
