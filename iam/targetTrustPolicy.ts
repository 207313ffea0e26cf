import { accountRootOf, isClusterArn, parseRoleArn } from "./arn";
import { parseExternalId } from "./externalId";
import { stableStringify } from "../core/json";
import { shortHash } from "../core/names";
import { policyDocument, PolicyDocument, ResolvedStatement } from "./policyDocument";
import { isPattern, SESSION_TAG } from "./trustPolicy";
import type { Problem } from "../model/problems";

/** Statement ids of the target role's trust policy. */
export const TARGET_TRUST_SID = {
    /** Session tags on: AssumeRole and TagSession, matched on the request tags. */
    sessionTags: "AllowPodIdentityAssociationRoles",
    /**
     * Session tags off: AssumeRole, matched on the associations' external ids; one statement
     * per trusted role, this prefix followed by a hash of the role's ARN.
     */
    externalId: "AllowPodIdentityAssociationRoleByExternalId",
    /** Session tags off: the separate TagSession statement AWS documents. */
    tagSession: "AllowPodIdentityAssociationRolesTagSession",
} as const;

/**
 * Who may chain into a target role. The lists are Inputs in the component and plain strings
 * here; `T` lets the same validation run on both.
 */
export interface TargetTrust<T = string> {
    /** The association roles (in the clusters' accounts) that EKS chains from. */
    trustedRoleArns: T[];
    /** EKS cluster ARNs (`aws:RequestTag/eks-cluster-arn`); session tags only. */
    clusterArns?: T[];
    /** Kubernetes namespaces (`aws:RequestTag/kubernetes-namespace`); session tags only. */
    namespaces?: T[];
    /** Service account names (`aws:RequestTag/kubernetes-service-account`); session tags only. */
    serviceAccounts?: T[];
    /**
     * The associations' external ids (`sts:ExternalId`,
     * `region/account/cluster/namespace/service-account`, see `podIdentityExternalId`);
     * session tags off only.
     */
    externalIds?: T[];
    /** Whether the associations send session tags. Default: true. */
    sessionTags?: boolean;
}

/**
 * Session tags off: external ids of EKS's form, each naming the account of a trusted role, and
 * each trusted role with an id of its account (EKS requires the association role in the
 * cluster's account, which the id names). Only plain values are judged.
 */
function externalIdProblems<T>(trust: TargetTrust<T>): Problem[] {
    const problems: Problem[] = [];
    const accounts = new Set(
        (trust.trustedRoleArns ?? []).map((arn) =>
            typeof arn === "string" ? parseRoleArn(arn)?.accountId : undefined,
        ),
    );
    (trust.externalIds ?? []).forEach((id, i) => {
        if (typeof id !== "string") {
            return;
        }
        const parts = parseExternalId(id);
        if (!parts) {
            problems.push({
                propertyPath: `externalIds[${i}]`,
                reason: `"${id}" is not an EKS Pod Identity external id (region/account/cluster-name/namespace/service-account); compute it with podIdentityExternalId({ region, accountId, clusterName, namespace, serviceAccount })`,
            });
        } else if (!accounts.has(undefined) && !accounts.has(parts.accountId)) {
            problems.push({
                propertyPath: `externalIds[${i}]`,
                reason: `names account ${parts.accountId}, but no trusted role is in it; EKS requires the association role in the cluster's account, so add that role to trustedRoleArns or fix the account`,
            });
        }
    });
    const ids = trust.externalIds ?? [];
    if (ids.length > 0 && ids.every((id) => typeof id === "string")) {
        const idAccounts = new Set(ids.map((id) => parseExternalId(String(id))?.accountId));
        (trust.trustedRoleArns ?? []).forEach((arn, i) => {
            const account = typeof arn === "string" ? parseRoleArn(arn)?.accountId : undefined;
            if (account !== undefined && !idAccounts.has(account)) {
                problems.push({
                    propertyPath: `trustedRoleArns[${i}]`,
                    reason: `no external id names this role's account ${account}, so no association could chain in through it; add its associations' external ids (podIdentityExternalId) or remove the role`,
                });
            }
        });
    }
    return problems;
}

/**
 * Everything wrong with a target trust specification that is knowable from its shape and its
 * plain-string values (Inputs not yet resolved are skipped), so a component can fail before
 * creating anything.
 */
export function targetTrustProblems<T>(trust: TargetTrust<T>): Problem[] {
    const problems: Problem[] = [];
    const sessionTags = trust.sessionTags ?? true;
    const given = (list: T[] | undefined) => (list ?? []).length > 0;
    if (!given(trust.trustedRoleArns)) {
        problems.push({
            propertyPath: "trustedRoleArns",
            reason: "list at least one association role ARN (the roleArn of the associations that chain to this role)",
        });
    }
    (trust.trustedRoleArns ?? []).forEach((arn, i) => {
        if (typeof arn === "string" && !parseRoleArn(arn)) {
            problems.push({
                propertyPath: `trustedRoleArns[${i}]`,
                reason: `"${arn}" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)`,
            });
        }
    });
    (trust.clusterArns ?? []).forEach((arn, i) => {
        if (typeof arn === "string" && !isClusterArn(arn)) {
            problems.push({
                propertyPath: `clusterArns[${i}]`,
                reason: `"${arn}" is not an EKS cluster ARN (arn:<partition>:eks:<region>:<account>:cluster/<name>); the session tag holds the ARN, not the name`,
            });
        }
    });
    if (sessionTags) {
        if (given(trust.externalIds)) {
            problems.push({
                propertyPath: "externalIds",
                reason: "external ids are matched only for associations with session tags off; set sessionTags: false, or match clusterArns, namespaces and serviceAccounts instead",
            });
        }
    } else {
        if (!given(trust.externalIds)) {
            problems.push({
                propertyPath: "externalIds",
                reason: "with sessionTags: false the associations are told apart only by their external ids; compute each association's id with podIdentityExternalId({ region, accountId, clusterName, namespace, serviceAccount })",
            });
        }
        problems.push(...externalIdProblems(trust));
        for (const key of ["clusterArns", "namespaces", "serviceAccounts"] as const) {
            if (given(trust[key])) {
                problems.push({
                    propertyPath: key,
                    reason: `matches a session tag, which associations with session tags off do not send (every pod would be denied); remove it (the external id already names cluster, namespace and service account) or set sessionTags: true`,
                });
            }
        }
    }
    return problems;
}

/** Sorted, without duplicates: reordering an input list never changes the policy bytes. */
function sortedUnique(values: string[] | undefined): string[] {
    return [...new Set(values ?? [])].sort();
}

/** StringLike when any value is a pattern (IAM ANDs operators, so one operator per key). */
function stringOperator(values: string[]): "StringEquals" | "StringLike" {
    return values.some(isPattern) ? "StringLike" : "StringEquals";
}

type Conditions = { [operator: string]: { [conditionKey: string]: string[] } };

function addStringCondition(conditions: Conditions, key: string, values: string[]): void {
    if (values.length > 0) {
        (conditions[stringOperator(values)] ??= {})[key] = values;
    }
}

/**
 * The trust policy of a role that EKS Pod Identity chains into (an association's
 * `targetRoleArn`), in the shapes of the EKS user guide ("Access AWS Resources using EKS Pod
 * Identity Target IAM Roles"):
 *
 * - session tags on: one statement; principal the cluster accounts' roots, actions
 *   `sts:AssumeRole` + `sts:TagSession`, `ArnEquals aws:PrincipalARN` = the association roles,
 *   and the cluster ARN, namespace and service account request tags;
 * - session tags off: per trusted role, `sts:AssumeRole` on `sts:ExternalId` = the external
 *   ids of that role's account and `aws:PrincipalARN` = that role (independent statements,
 *   as the EKS API reference asks), and a separate `sts:TagSession` statement.
 */
export function targetRoleTrustDocument(trust: TargetTrust): PolicyDocument {
    const problems = targetTrustProblems(trust);
    if (problems.length > 0) {
        throw new Error(problems.map((p) => `${p.propertyPath}: ${p.reason}`).join("\n"));
    }
    const roles = sortedUnique(trust.trustedRoleArns);
    const principal = { AWS: sortedUnique(roles.map((arn) => accountRootOf(arn))) };
    const fromAssociationRoles = { ArnEquals: { "aws:PrincipalARN": roles } };

    if (trust.sessionTags ?? true) {
        const condition: Conditions = { ...fromAssociationRoles };
        addStringCondition(
            condition,
            `aws:RequestTag/${SESSION_TAG.clusterArn}`,
            sortedUnique(trust.clusterArns),
        );
        addStringCondition(
            condition,
            `aws:RequestTag/${SESSION_TAG.namespace}`,
            sortedUnique(trust.namespaces),
        );
        addStringCondition(
            condition,
            `aws:RequestTag/${SESSION_TAG.serviceAccount}`,
            sortedUnique(trust.serviceAccounts),
        );
        return policyDocument([
            {
                Sid: TARGET_TRUST_SID.sessionTags,
                Effect: "Allow",
                Principal: principal,
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: condition,
            },
        ]);
    }

    // One AssumeRole statement per trusted role, as the EKS API reference asks when one target
    // role serves several associations or roles (PodIdentityAssociation `externalId`:
    // "use independent statements in the trust policy to allow sts:AssumeRole access from
    // each role"). A role gets the external ids of its own account: EKS requires the
    // association role in the cluster's account, and the id names that account.
    const statements: ResolvedStatement[] = roles.map((role) => {
        const account = parseRoleArn(role)?.accountId;
        const ids = sortedUnique(trust.externalIds).filter(
            (id) => parseExternalId(id)?.accountId === account,
        );
        if (ids.length === 0) {
            throw new Error(
                `trustedRoleArns: no external id names account ${String(account)} of ${role}, so ` +
                    "no association could chain in through it; add its associations' external ids " +
                    "(podIdentityExternalId) or remove the role",
            );
        }
        const byExternalId: Conditions = { ArnEquals: { "aws:PrincipalARN": [role] } };
        addStringCondition(byExternalId, "sts:ExternalId", ids);
        return {
            Sid: `${TARGET_TRUST_SID.externalId}${shortHash(role)}`,
            Effect: "Allow",
            Principal: { AWS: [accountRootOf(role)] },
            Action: ["sts:AssumeRole"],
            Condition: byExternalId,
        };
    });
    statements.push({
        // AWS documents this statement unconditioned; limiting it to the association roles
        // grants nothing less to them, and nothing at all to anyone else.
        Sid: TARGET_TRUST_SID.tagSession,
        Effect: "Allow",
        Principal: principal,
        Action: ["sts:TagSession"],
        Condition: { ArnEquals: { "aws:PrincipalARN": roles } },
    });
    return policyDocument(statements);
}

/** The target role's trust policy as the JSON sent to IAM (sorted keys: byte-stable). */
export function targetRoleTrustPolicy(trust: TargetTrust): string {
    return stableStringify(targetRoleTrustDocument(trust));
}
