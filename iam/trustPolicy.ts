import * as pulumi from "@pulumi/pulumi";
import { irsaTrustStatements, ResolvedIrsaTrust } from "./irsaTrust";
import { stableStringify } from "../core/json";
import { asList } from "../core/lists";
import {
    ConditionBlock,
    policyDocument,
    PolicyDocument,
    ResolvedStatement,
} from "./policyDocument";

/** The service principal the EKS Auth API uses to assume pod roles. */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";
/** Both actions are required: without `sts:TagSession` EKS rejects the role. */
export const POD_IDENTITY_ACTIONS = ["sts:AssumeRole", "sts:TagSession"];
/** The Sid AWS's documentation uses for the Pod Identity trust statement. */
export const POD_IDENTITY_TRUST_SID = "AllowEksAuthToAssumeRoleForPodIdentity";

/** The session tags EKS attaches that a trust policy can match (`aws:RequestTag/<key>`). */
export const SESSION_TAG = {
    clusterName: "eks-cluster-name",
    clusterArn: "eks-cluster-arn",
    namespace: "kubernetes-namespace",
    serviceAccount: "kubernetes-service-account",
} as const;

/**
 * Cluster-independent conditions on who may assume a Pod Identity role. None of them names
 * a particular cluster's identity provider, so the trust policy never changes when clusters
 * are added or removed.
 */
export interface TrustConditions {
    /**
     * Accounts whose clusters may use the role (`aws:SourceAccount`, StringEquals).
     * UNVERIFIED: AWS does not document that EKS Auth sends `aws:SourceAccount` when it
     * assumes a Pod Identity role (the user guide lists only the six session tags; the
     * best-practices guide names only `aws:SourceOrgId`). If it does not, this condition
     * denies every pod, so PodIdentityRole warns when it is set; prefer `sourceOrgIds`.
     * Default: any account's EKS Auth service.
     */
    sourceAccounts?: pulumi.Input<string>[];
    /**
     * AWS Organizations ids whose clusters may use the role (`aws:SourceOrgId`,
     * StringEquals); `${aws:ResourceOrgId}` means "the role's own organisation". AWS's word:
     * "EKS will pass in a value for `aws:SourceOrgId` [...] when assuming a role with EKS Pod
     * Identities", recommended against the cross-service confused deputy (Amazon EKS
     * Best Practices Guide, Identity and Access Management, "Working with IAM roles for EKS
     * Pod Identities":
     * https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html).
     * The role's account must belong to that organisation. Default: none.
     */
    sourceOrgIds?: pulumi.Input<string>[];
    /**
     * Kubernetes namespaces whose pods may use the role
     * (`aws:RequestTag/kubernetes-namespace`). A value with `*` or `?` is a pattern
     * (StringLike); otherwise StringEquals. Requires session tags. Default: any namespace.
     */
    namespaces?: pulumi.Input<string>[];
    /**
     * Service account names that may use the role
     * (`aws:RequestTag/kubernetes-service-account`), patterns as for `namespaces`. Requires
     * session tags. Default: any service account.
     */
    serviceAccounts?: pulumi.Input<string>[];
    /**
     * EKS cluster names whose pods may use the role (`aws:RequestTag/eks-cluster-name`),
     * patterns such as `prod-*` as for `namespaces`. Requires session tags. Default: any
     * cluster.
     */
    clusterNames?: pulumi.Input<string>[];
    /**
     * Any further condition block, merged into the statement's `Condition`. A key that a
     * field above also sets is an error. Default: none.
     */
    conditions?: ConditionBlock;
}

/** Trust conditions once their Inputs have resolved. */
export type ResolvedTrustConditions = pulumi.Unwrap<TrustConditions>;

/** True when an IAM string-condition value uses a wildcard, so it needs StringLike. */
export function isPattern(value: string): boolean {
    return value.includes("*") || value.includes("?");
}

type Conditions = { [operator: string]: { [conditionKey: string]: string[] } };

/** The session tags EKS attaches; no other `aws:RequestTag/<key>` ever reaches the role. */
export const EKS_SESSION_TAGS = [
    "eks-cluster-arn",
    "eks-cluster-name",
    "kubernetes-namespace",
    "kubernetes-service-account",
    "kubernetes-pod-name",
    "kubernetes-pod-uid",
];

function addCondition(into: Conditions, operator: string, key: string, values: string[]): void {
    // A key under two operators must satisfy both (IAM ANDs them), which for the same values
    // under StringEquals and StringLike denies every pod; one place per key.
    const taken = Object.entries(into).find(([, block]) => block[key] !== undefined);
    if (taken) {
        throw new Error(
            `trust.conditions.${operator}["${key}"] repeats a condition key that is already set ` +
                `(under ${taken[0]}, by another trust field or condition); set it in one place only.`,
        );
    }
    const tag = key.startsWith("aws:RequestTag/") ? key.slice("aws:RequestTag/".length) : undefined;
    if (tag !== undefined && !EKS_SESSION_TAGS.includes(tag)) {
        throw new Error(
            `trust.conditions.${operator}["${key}"]: EKS sends only its own session tags ` +
                `(${EKS_SESSION_TAGS.join(", ")}) and custom ones cannot be added, so this condition ` +
                `would deny every pod. Use one of those tags.`,
        );
    }
    (into[operator] ??= {})[key] = values;
}

/**
 * Builds the condition block of the trust statement. Every value list of one key goes under
 * a single operator: StringEquals and StringLike on the same key would both have to match
 * (IAM ANDs operators), so a key with any pattern uses StringLike for all its values, which
 * still matches the exact ones exactly.
 */
export function trustConditionBlock(trust: ResolvedTrustConditions | undefined): Conditions {
    const conditions: Conditions = {};
    if (!trust) {
        return conditions;
    }
    const exact = (key: string, given: string[] | undefined) => {
        const values = asList(given);
        if (values && values.length > 0) {
            addCondition(conditions, "StringEquals", key, [...values]);
        }
    };
    const tag = (key: string, given: string[] | undefined) => {
        const values = asList(given);
        if (values && values.length > 0) {
            const operator = values.some(isPattern) ? "StringLike" : "StringEquals";
            addCondition(conditions, operator, `aws:RequestTag/${key}`, [...values]);
        }
    };
    exact("aws:SourceAccount", trust.sourceAccounts);
    exact("aws:SourceOrgId", trust.sourceOrgIds);
    tag(SESSION_TAG.namespace, trust.namespaces);
    tag(SESSION_TAG.serviceAccount, trust.serviceAccounts);
    tag(SESSION_TAG.clusterName, trust.clusterNames);
    for (const [operator, keys] of Object.entries(trust.conditions ?? {})) {
        for (const [key, values] of Object.entries(keys)) {
            // One string is one value (IAM's grammar), never its characters.
            addCondition(conditions, operator, key, [...(asList(values) ?? [])]);
        }
    }
    return conditions;
}

/** True when the trust conditions match on session tags (which `disableSessionTags` removes). */
export function usesRequestTags(trust: ResolvedTrustConditions | undefined): boolean {
    const conditions = trustConditionBlock(trust);
    return Object.values(conditions).some((keys) =>
        Object.keys(keys).some((key) => key.startsWith("aws:RequestTag/")),
    );
}

/**
 * The Pod Identity trust policy document: one statement, cluster-independent; plus, during a
 * migration from IRSA, one web identity statement per `irsaTrust` entry after it.
 */
export function podIdentityTrustDocument(
    trust?: ResolvedTrustConditions,
    irsaTrust: ResolvedIrsaTrust[] = [],
): PolicyDocument {
    const statement: ResolvedStatement = {
        Sid: POD_IDENTITY_TRUST_SID,
        Effect: "Allow",
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: [...POD_IDENTITY_ACTIONS],
    };
    const condition = trustConditionBlock(trust);
    if (Object.keys(condition).length > 0) {
        statement.Condition = condition;
    }
    return policyDocument([statement, ...irsaTrustStatements(irsaTrust)]);
}

/** The trust policy as the JSON string sent to IAM (sorted keys: byte-stable across runs). */
export function podIdentityTrustPolicy(
    trust?: ResolvedTrustConditions,
    irsaTrust: ResolvedIrsaTrust[] = [],
): string {
    return stableStringify(podIdentityTrustDocument(trust, irsaTrust));
}
