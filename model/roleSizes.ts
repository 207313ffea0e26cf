/**
 * What a role's documents will weigh in IAM, counted on what this package sends: the trust
 * policy (the Pod Identity statement with its conditions, plus any IRSA statements), the inline
 * policies (the role's statements and the chaining grant), each preset's managed policy, and the
 * number of managed policies. Values known only at deploy time count as empty, so a document
 * refused here is certainly too large; one that depends on such values is judged on the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "../core/json";
import { asList } from "../core/lists";
import { chainingPolicyDocument } from "../iam/chaining";
import { irsaTrustStatements, issuerOfOidcProviderArn, ResolvedIrsaTrust } from "../iam/irsaTrust";
import type { RolePermissionArgs } from "../iam/permissions";
import { normaliseStatement, policyDocument } from "../iam/policyDocument";
import type { TargetTrust } from "../iam/targetTrustPolicy";
import { targetRoleTrustPolicy, targetTrustProblems } from "../iam/targetTrustPolicy";
import { podIdentityTrustDocument, ResolvedTrustConditions } from "../iam/trustPolicy";
import { presetPolicy } from "../presets/policies";
import { enabledPresetNames } from "../presets/validate";
import type { PermissionPresets } from "../presets/registry";
import {
    Filler,
    IAM_QUOTAS,
    IAM_SIZES,
    INLINE_POLICY_SIZE_RULE,
    managedPolicyCountProblem,
    MANAGED_POLICY_SIZE_RULE,
    policySize,
    quotaSettingProblem,
    SESSION_POLICY_SIZE_RULE,
    sizeProblem,
    TRUST_POLICY_SIZE_RULE,
} from "./rules/quotas";
import { hasUnknowns } from "./ruleChecks";
import { known, Problems } from "./problems";

/** A role's quotas, as its args give them (see RoleSettingsArgs `quotas`). */
export interface QuotaValues {
    managedPoliciesPerRole?: unknown;
    trustPolicySize?: unknown;
}

/** The shortest role ARN there is: a lower bound for one not known yet. */
const SHORTEST_ROLE_ARN = "arn:aws:iam::000000000000:role/x";
/** Where presets are measured: the shortest partition and suffix, so sizes are lower bounds. */
const MEASURING_CONTEXT = {
    partition: "aws",
    accountId: "000000000000",
    dnsSuffix: "amazonaws.com",
};

/** A value with what is known of it: unknown strings become "", unknown lists empty. */
function lowerBound(value: unknown): { value: unknown; partial: boolean } {
    let partial = false;
    const walk = (item: unknown): unknown => {
        if (pulumi.Output.isInstance(item) || item instanceof Promise) {
            partial = true;
            return "";
        }
        if (Array.isArray(item)) {
            return item.map(walk);
        }
        if (item !== null && typeof item === "object") {
            return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v)]));
        }
        return item;
    };
    return { value: walk(value), partial };
}

/** The quotas to judge against: IAM's defaults, or the account's as given. */
function quotasOf(problems: Problems, at: string, quotas: QuotaValues | undefined) {
    const chosen: { -readonly [K in keyof typeof IAM_QUOTAS]: number } = {
        managedPoliciesPerRole: IAM_QUOTAS.managedPoliciesPerRole.default,
        trustPolicySize: IAM_QUOTAS.trustPolicySize.default,
    };
    for (const quota of Object.keys(IAM_QUOTAS) as (keyof typeof IAM_QUOTAS)[]) {
        const value = quotas?.[quota];
        if (value === undefined) {
            continue;
        }
        const problem = quotaSettingProblem(value, quota);
        if (problem) {
            problems.add(`${at}quotas.${quota}`, problem);
        } else {
            chosen[quota] = value as number;
        }
    }
    return chosen;
}

/** The args whose documents are measured. */
export interface MeasuredRole extends RolePermissionArgs {
    quotas?: QuotaValues;
    trust?: unknown;
    irsaTrust?: unknown;
}

/** What else the package puts on the role: the chaining grant of a PodIdentity. */
export interface RoleExtras {
    /** Target roles the role is granted to assume, in one inline policy `<name>-chain-targets`. */
    chainTargetRoleArns?: unknown[];
}

/**
 * Every size and quota problem of a role: managed policies per role, each preset's policy,
 * the inline policies together, and the Pod Identity trust policy (`at` prefixes paths).
 */
export function checkRoleSizes(
    problems: Problems,
    args: MeasuredRole,
    at = "",
    extras: RoleExtras = {},
): void {
    const quotas = quotasOf(problems, at, args.quotas);
    checkManagedPolicies(problems, args, at, quotas.managedPoliciesPerRole);
    checkInlinePolicies(problems, args, at, extras);
    if (args.trust !== undefined || args.irsaTrust !== undefined) {
        checkPodIdentityTrust(problems, args, at, quotas.trustPolicySize);
    }
}

function checkManagedPolicies(
    problems: Problems,
    args: MeasuredRole,
    at: string,
    quota: number,
): void {
    const arns = [...new Set(args.managedPolicyArns ?? [])];
    const presets = enabledPresetNames(args.presets);
    const attached = [
        ...arns.map((arn) => `managedPolicyArns ${arn}`),
        ...Object.keys(args.policyArns ?? {}).map((key) => `policyArns.${key}`),
        ...presets.map((preset) => `preset ${preset}`),
    ];
    const count = managedPolicyCountProblem(attached, quota);
    if (count) {
        problems.add(`${at}managedPolicyArns`, count);
    }
    for (const preset of presets) {
        const options = (args.presets as PermissionPresets & Record<string, unknown>)[preset];
        const path = `${at}presets.${preset}`;
        if (hasUnknowns(options) || problems.list.some((p) => p.propertyPath.startsWith(path))) {
            continue;
        }
        let json: string;
        try {
            json = presetPolicy(preset, options as object, MEASURING_CONTEXT);
        } catch (error) {
            problems.add(path, `${(error as Error).message}.`);
            continue;
        }
        const problem = sizeProblem(
            MANAGED_POLICY_SIZE_RULE,
            `the ${preset} preset's policy`,
            [{ what: `preset ${preset}`, size: policySize(json) }],
            IAM_SIZES.managedPolicy,
            false,
        );
        if (problem) {
            problems.add(path, problem);
        }
    }
}

function checkInlinePolicies(
    problems: Problems,
    args: MeasuredRole,
    at: string,
    extras: RoleExtras,
): void {
    const parts: Filler[] = [];
    let partial = false;
    const statements = args.statements ?? [];
    if (statements.length > 0) {
        const bound = lowerBound(statements);
        partial ||= bound.partial;
        const json = stableStringify(
            policyDocument(
                (bound.value as Parameters<typeof normaliseStatement>[0][]).map(normaliseStatement),
            ),
        );
        parts.push({ what: "statements (inline policy <name>-inline)", size: policySize(json) });
    }
    const targets = extras.chainTargetRoleArns ?? [];
    if (targets.length > 0) {
        const arns = targets.map((arn) => known(arn as pulumi.Input<string>));
        partial ||= arns.some((arn) => arn === undefined);
        try {
            const json = stableStringify(
                chainingPolicyDocument(arns.map((arn) => arn ?? SHORTEST_ROLE_ARN)),
            );
            parts.push({
                what: "the target-role grant (inline policy <name>-chain-targets)",
                size: policySize(json),
            });
        } catch {
            // Not a role ARN: refused by its own check.
        }
    }
    const problem = sizeProblem(
        INLINE_POLICY_SIZE_RULE,
        "the role's inline policies together",
        parts,
        IAM_SIZES.inlinePoliciesPerRole,
        partial,
    );
    if (problem) {
        problems.add(`${at}statements`, problem);
    }
}

function checkPodIdentityTrust(
    problems: Problems,
    args: MeasuredRole,
    at: string,
    limit: number,
): void {
    const trust = lowerBound(args.trust ?? {});
    let partial = trust.partial;
    const irsa: ResolvedIrsaTrust[] = [];
    for (const entry of asList(args.irsaTrust as unknown[] | undefined) ?? []) {
        const arn = known((entry as { oidcProviderArn?: pulumi.Input<string> })?.oidcProviderArn);
        const accounts = (entry as { serviceAccounts?: unknown })?.serviceAccounts;
        if (typeof arn !== "string" || !issuerOfOidcProviderArn(arn) || !Array.isArray(accounts)) {
            partial = true;
            continue;
        }
        irsa.push({ oidcProviderArn: arn, serviceAccounts: accounts as string[] });
    }
    let document;
    try {
        document = podIdentityTrustDocument(trust.value as ResolvedTrustConditions, []);
    } catch {
        return; // Conflicting conditions: refused by their own check.
    }
    const parts: Filler[] = [
        { what: "the Pod Identity statement", size: policySize(stableStringify(document)) },
        ...irsaTrustStatements(irsa).map((statement, i) => ({
            what: `irsaTrust[${i}]`,
            size: policySize(stableStringify(statement)) + 1,
        })),
    ];
    const problem = sizeProblem(TRUST_POLICY_SIZE_RULE, "the trust policy", parts, limit, partial);
    if (problem) {
        problems.add(`${at}${args.irsaTrust !== undefined ? "irsaTrust" : "trust"}`, problem);
    }
}

/**
 * The trust policy of a target role, when every value it is built from is known (its statements
 * depend on how the trusted role ARNs parse): over the quota, refused at `trustedRoleArns`.
 */
export function checkTargetTrustSize(
    problems: Problems,
    trust: TargetTrust<unknown>,
    quotas: QuotaValues | undefined,
): void {
    const limit = quotasOf(new Problems(), "", quotas).trustPolicySize;
    if (hasUnknowns(trust) || targetTrustProblems(trust).length > 0) {
        return;
    }
    let json: string;
    try {
        json = targetRoleTrustPolicy(trust as TargetTrust);
    } catch {
        return;
    }
    const roles = (trust.trustedRoleArns as string[]).length;
    const problem = sizeProblem(
        TRUST_POLICY_SIZE_RULE,
        "the trust policy",
        [
            {
                what: `the statements of ${roles} trusted role${roles === 1 ? "" : "s"} and their conditions`,
                size: policySize(json),
            },
        ],
        limit,
        false,
    );
    if (problem) {
        problems.add("trustedRoleArns", problem);
    }
}

/** An association's session policy: at most 2,048 characters as EKS receives it. */
export function checkSessionPolicySize(problems: Problems, path: string, policy: unknown): void {
    if (policy === undefined || hasUnknowns(policy)) {
        return;
    }
    let json: string;
    try {
        json = stableStringify(typeof policy === "string" ? JSON.parse(policy) : policy);
    } catch {
        return; // Not JSON: refused by its own check.
    }
    const problem = sizeProblem(
        SESSION_POLICY_SIZE_RULE,
        "the session policy",
        [{ what: "sessionPolicy", size: json.length }],
        IAM_SIZES.sessionPolicy,
        false,
    );
    if (problem) {
        problems.add(path, problem);
    }
}
