/**
 * IAM's sizes and quotas, counted on what this package sends: the trust policy (with the IRSA
 * statements of a migration), the inline policies of a role (statements and the chaining
 * grant), each preset's managed policy, the number of managed policies on a role, and an
 * association's session policy. IAM does not count whitespace (IAM User Guide, "IAM and AWS
 * STS quotas"); the package sends compact JSON anyway.
 */
import { breach, defineRule, Rule } from "./rule";
import { SOURCES } from "./sources";

/** IAM's defaults, and the most an account can raise them to (IAM quotas page). */
export const IAM_QUOTAS = {
    /** Managed policies attached to one role: 10 by default. */
    managedPoliciesPerRole: { default: 10, max: 25 },
    /** Characters of a role's trust policy, without whitespace: 2,048 by default. */
    trustPolicySize: { default: 2048, max: 8192 },
} as const;

/** Fixed sizes, not adjustable. */
export const IAM_SIZES = {
    /** All inline policies of one role together, without whitespace. */
    inlinePoliciesPerRole: 10240,
    /** One managed policy document, without whitespace. */
    managedPolicy: 6144,
    /** An association's session policy (EKS `policy`). */
    sessionPolicy: 2048,
} as const;

export const MANAGED_POLICY_COUNT_RULE = defineRule({
    id: "iam-managed-policies-per-role",
    concern: "quotas",
    rule: "IAM attaches at most 10 managed policies to a role unless the account's quota was raised (up to 25); every preset is one managed policy",
    fix: "Attach fewer policies (fold statements into `statements`), or set quotas.managedPoliciesPerRole to your account's raised quota.",
    source: SOURCES.iamQuotas,
});

export const TRUST_POLICY_SIZE_RULE = defineRule({
    id: "iam-trust-policy-size",
    concern: "quotas",
    rule: "a role's trust policy has at most 2,048 characters without whitespace unless the account's quota was raised (up to 8,192)",
    fix: "Trust fewer principals (irsaTrust entries go once the migration is done), or set quotas.trustPolicySize to your account's raised quota.",
    source: SOURCES.iamQuotas,
});

export const INLINE_POLICY_SIZE_RULE = defineRule({
    id: "iam-inline-policies-size",
    concern: "quotas",
    rule: "all inline policies of a role together have at most 10,240 characters without whitespace (not adjustable)",
    fix: "Move statements into a managed policy (an aws.iam.Policy in policyArns) or a preset.",
    source: SOURCES.iamQuotas,
});

export const MANAGED_POLICY_SIZE_RULE = defineRule({
    id: "iam-managed-policy-size",
    concern: "quotas",
    rule: "a managed policy document has at most 6,144 characters without whitespace (not adjustable)",
    fix: "Give the preset fewer ARNs (use wildcards such as arn:aws:s3:::logs-*), or split it over two roles.",
    source: SOURCES.iamQuotas,
});

export const SESSION_POLICY_SIZE_RULE = defineRule({
    id: "eks-session-policy-size",
    concern: "quotas",
    rule: "an association's session policy has at most 2,048 characters",
    fix: "Narrow the role's permissions in its own policies instead, or shorten the session policy (wildcards, fewer statements).",
    source: SOURCES.eksPodIdentityAssociation,
});

export const QUOTA_SETTING_RULE = defineRule({
    id: "iam-quota-setting",
    concern: "quotas",
    rule: "quotas.managedPoliciesPerRole is a whole number from 1 to 25, quotas.trustPolicySize from 1 to 8,192: what IAM can grant an account",
    fix: "Give your account's quota as Service Quotas shows it (IAM, global).",
    source: SOURCES.iamQuotas,
});

/** All the size and quota rules, for the catalogue. */
export const QUOTA_RULES: Rule[] = [
    MANAGED_POLICY_COUNT_RULE,
    TRUST_POLICY_SIZE_RULE,
    INLINE_POLICY_SIZE_RULE,
    MANAGED_POLICY_SIZE_RULE,
    SESSION_POLICY_SIZE_RULE,
    QUOTA_SETTING_RULE,
];

/** A policy's size as IAM counts it: characters without whitespace. */
export function policySize(json: string): number {
    return json.replace(/\s/g, "").length;
}

/** One part of what fills a limit: what it is, and how much of it. */
export interface Filler {
    what: string;
    size: number;
}

function fillers(parts: Filler[]): string {
    return [...parts]
        .sort((a, b) => b.size - a.size)
        .map((part) => `${part.what} ${part.size}`)
        .join(", ");
}

/**
 * Why documents of these parts are too large for `limit`, or undefined when they fit. `at
 * least` says the count leaves out values only known at deploy time.
 */
export function sizeProblem(
    rule: Rule,
    what: string,
    parts: Filler[],
    limit: number,
    partial: boolean,
): string | undefined {
    const total = parts.reduce((sum, part) => sum + part.size, 0);
    if (total <= limit) {
        return undefined;
    }
    return breach(
        rule,
        `${partial ? "at least " : ""}${total} characters`,
        `in ${what}, over the limit of ${limit} (${fillers(parts)})`,
    );
}

/** Why a role would get more managed policies than the quota allows, or undefined. */
export function managedPolicyCountProblem(attached: string[], quota: number): string | undefined {
    if (attached.length <= quota) {
        return undefined;
    }
    return breach(
        MANAGED_POLICY_COUNT_RULE,
        `${attached.length} managed policies`,
        `would be attached, over the quota of ${quota} (${attached.join(", ")})`,
    );
}

/** Why a quota setting is not one IAM can grant, or undefined. */
export function quotaSettingProblem(
    value: unknown,
    quota: keyof typeof IAM_QUOTAS,
): string | undefined {
    const max = IAM_QUOTAS[quota].max;
    if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= max) {
        return undefined;
    }
    return breach(QUOTA_SETTING_RULE, value, `is not a ${quota} quota IAM can grant`);
}
