/**
 * Roles that still trust an EKS cluster's OIDC provider (IRSA). Advisory: during a migration
 * to Pod Identity that trust is expected (PodIdentityRole's `irsaTrust`), but it names
 * clusters again, so it should not outlive the migration.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import {
    IRSA_ACTION,
    isEksIssuer,
    issuerOfOidcProviderArn,
    SERVICE_ACCOUNT_SUBJECT_PREFIX,
} from "../../iam/irsaTrust";
import { allowsAction, Statement } from "../iam";
import { ResourceView, TYPES, viewOfResourceArgs } from "../resources";
import { roleOf } from "../stack";
import { asStrings, isObject, isUnknown } from "../values";

/** True when the statement's conditions name a Kubernetes service account subject. */
function namesServiceAccounts(statement: Statement): boolean {
    const condition = statement.condition;
    if (!isObject(condition)) {
        return false;
    }
    return Object.values(condition).some(
        (keys) =>
            isObject(keys) &&
            Object.entries(keys).some(([key, values]) => {
                const list = asStrings(values);
                return (
                    key.toLowerCase().endsWith(":sub") &&
                    !isUnknown(list) &&
                    list.some(
                        (value) =>
                            !isUnknown(value) && value.startsWith(SERVICE_ACCOUNT_SUBJECT_PREFIX),
                    )
                );
            }),
    );
}

/**
 * The issuers of the EKS OIDC providers a role's trust policy lets assume it with web
 * identity: an Allow statement with `sts:AssumeRoleWithWebIdentity` whose Federated principal
 * is an `oidc-provider/` ARN of an EKS issuer, or of any issuer when its `:sub` conditions name
 * Kubernetes service accounts (a GitHub Actions role is not IRSA). Values unknown during
 * preview are not judged.
 */
export function oidcTrustIssuers(resource: ResourceView): string[] {
    if (resource.type !== TYPES.role) {
        return [];
    }
    const trust = roleOf(resource).trust;
    if (trust === undefined || isUnknown(trust)) {
        return [];
    }
    const issuers = new Set<string>();
    for (const statement of trust.statements) {
        if (isUnknown(statement) || allowsAction(statement, IRSA_ACTION) !== true) {
            continue;
        }
        const principal = statement.principal;
        const federated = principal && !isUnknown(principal) ? principal.Federated : undefined;
        if (federated === undefined || isUnknown(federated)) {
            continue;
        }
        for (const arn of federated) {
            const issuer = isUnknown(arn) ? undefined : issuerOfOidcProviderArn(arn);
            if (issuer && (isEksIssuer(issuer) || namesServiceAccounts(statement))) {
                issuers.add(issuer);
            }
        }
    }
    return [...issuers].sort();
}

/** The advisory for a role that still trusts EKS OIDC providers; none when it does not. */
export function oidcTrustFindings(resource: ResourceView): string[] {
    const issuers = oidcTrustIssuers(resource);
    if (issuers.length === 0) {
        return [];
    }
    const providers = issuers.length === 1 ? "OIDC provider" : "OIDC providers";
    return [
        `role "${resource.name}" still trusts the EKS ${providers} ${issuers.join(", ")} ` +
            `(IRSA, ${IRSA_ACTION}), so its trust policy names clusters. Once its workloads use ` +
            `Pod Identity (associations in place, eks.amazonaws.com/role-arn annotations removed, ` +
            `pods restarted), remove that trust: drop irsaTrust, or those statements ` +
            `(npx eks-pod-identity migrate <stack export> prints the plan).`,
    ];
}

/** `pod-identity-no-oidc-trust`: see {@link oidcTrustFindings}. */
export const noOidcTrustPolicy: ResourceValidationPolicy = {
    name: "pod-identity-no-oidc-trust",
    description:
        "An IAM role no longer trusts EKS clusters' OIDC providers (IRSA) once its workloads " +
        "use Pod Identity, so its trust policy names no cluster.",
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        oidcTrustFindings(viewOfResourceArgs(args)).forEach((message) => reportViolation(message));
    },
};
