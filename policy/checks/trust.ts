/**
 * Rules on the trust policy of a role that `pods.eks.amazonaws.com` may assume.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { POD_IDENTITY_ACTIONS, POD_IDENTITY_PRINCIPAL } from "../../iam/trustPolicy";
import { missingPodActions, otherPrincipals, podStatements } from "../iam";
import { ResourceView, TYPES, viewOfResourceArgs } from "../resources";
import { roleOf } from "../stack";
import { isUnknown } from "../values";

/**
 * Problems with the actions a Pod Identity role's trust policy allows the pods principal:
 * both `sts:AssumeRole` and `sts:TagSession` are required, or EKS refuses the association.
 * A trust policy (or the part of it that decides) that is unknown during preview is not
 * judged.
 */
export function trustActionFindings(resource: ResourceView): string[] {
    if (resource.type !== TYPES.role) {
        return [];
    }
    const trust = roleOf(resource).trust;
    if (trust === undefined || isUnknown(trust) || podStatements(trust).length === 0) {
        return [];
    }
    const missing = missingPodActions(trust, POD_IDENTITY_ACTIONS);
    if (missing.length === 0) {
        return [];
    }
    return [
        `role "${resource.name}" trusts ${POD_IDENTITY_PRINCIPAL} without allowing ` +
            `${missing.join(" and ")}: EKS rejects it for a Pod Identity association ("Trust ` +
            `policy of the role provided is invalid"). Allow both ${POD_IDENTITY_ACTIONS.join(" and ")} ` +
            `for the principal, as PodIdentityRole does.`,
    ];
}

/**
 * Statements that trust the pods principal together with other principals: every other
 * principal could then assume the pod role's permissions without going through EKS. A
 * principal value unknown during preview is not judged.
 */
export function sharedTrustFindings(resource: ResourceView): string[] {
    if (resource.type !== TYPES.role) {
        return [];
    }
    const trust = roleOf(resource).trust;
    if (trust === undefined || isUnknown(trust)) {
        return [];
    }
    return podStatements(trust).flatMap((statement) => {
        const others = otherPrincipals(statement);
        return others.length === 0
            ? []
            : [
                  `role "${resource.name}" trusts ${POD_IDENTITY_PRINCIPAL} in the same statement ` +
                      `as ${others.join(", ")}: those principals can assume the pod role too. ` +
                      `Give ${POD_IDENTITY_PRINCIPAL} a statement of its own, or use a separate role.`,
              ];
    });
}

/** `pod-identity-trust-actions`: see {@link trustActionFindings}. */
export const trustActionsPolicy: ResourceValidationPolicy = {
    name: "pod-identity-trust-actions",
    description:
        `An IAM role trusted by ${POD_IDENTITY_PRINCIPAL} allows both sts:AssumeRole and ` +
        `sts:TagSession; without both, EKS rejects the role and pods get no credentials.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        trustActionFindings(viewOfResourceArgs(args)).forEach((message) =>
            reportViolation(message),
        );
    },
};

/** `pod-identity-trust-exclusive-principal`: see {@link sharedTrustFindings}. */
export const trustExclusivePrincipalPolicy: ResourceValidationPolicy = {
    name: "pod-identity-trust-exclusive-principal",
    description:
        `A trust statement for ${POD_IDENTITY_PRINCIPAL} names no other principal, so nothing ` +
        `but EKS Pod Identity can assume the role through it.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        sharedTrustFindings(viewOfResourceArgs(args)).forEach((message) =>
            reportViolation(message),
        );
    },
};
