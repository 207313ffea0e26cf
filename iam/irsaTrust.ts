/**
 * IRSA (IAM roles for service accounts) trust, kept on a Pod Identity role for a migration
 * window. The statement shape is AWS's, from the EKS User Guide page "Assign IAM roles to
 * Kubernetes service accounts" (associate-service-account-role): Federated principal = the
 * cluster's IAM OIDC provider ARN, action `sts:AssumeRoleWithWebIdentity`, and StringEquals
 * on `<issuer>:sub` = `system:serviceaccount:<namespace>:<name>` and `<issuer>:aud` =
 * `sts.amazonaws.com`, where `<issuer>` is the provider URL without `https://`.
 */
// Types only: the migration tool reads these helpers without loading the Pulumi SDK.
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedStatement } from "./policyDocument";

/** The STS action IRSA's web identity tokens are exchanged with. */
export const IRSA_ACTION = "sts:AssumeRoleWithWebIdentity";
/** The audience of the projected service account token EKS mounts for IRSA. */
export const IRSA_AUDIENCE = "sts.amazonaws.com";
/** Prefix of the `sub` claim of a Kubernetes service account token. */
export const SERVICE_ACCOUNT_SUBJECT_PREFIX = "system:serviceaccount:";

/** IRSA trust for one cluster, kept on the role during a migration to Pod Identity. */
export interface IrsaTrust {
    /**
     * ARN of the cluster's IAM OIDC identity provider, e.g.
     * `arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`
     * (the statement's Federated principal; its issuer names the condition keys). May be an
     * Output, such as an `aws.iam.OpenIdConnectProvider`'s `arn`. Required.
     */
    oidcProviderArn: pulumi.Input<string>;
    /**
     * The service accounts that may still assume the role through IRSA, each
     * `"namespace/name"`: the `<issuer>:sub` condition pins exactly these, no wildcards.
     * Required, at least one.
     */
    serviceAccounts: string[];
}

/** IRSA trust once the provider ARN has resolved. */
export type ResolvedIrsaTrust = pulumi.Unwrap<IrsaTrust>;

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/([^/\s]+(?:\/[^/\s]+)*)$/;
const EKS_ISSUER =
    /^oidc\.eks\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?\/id\/[A-Za-z0-9]+$/;

/**
 * The issuer (provider URL without `https://`) an IAM OIDC provider ARN names, or undefined
 * when the value is not such an ARN.
 */
export function issuerOfOidcProviderArn(arn: string): string | undefined {
    return OIDC_PROVIDER_ARN.exec(arn)?.[1];
}

/** An issuer URL or host path without its `https://` scheme and trailing slash. */
export function normaliseIssuer(issuer: string): string {
    return issuer.replace(/^https:\/\//i, "").replace(/\/+$/, "");
}

/** True for an EKS cluster's OIDC issuer, `oidc.eks.<region>.amazonaws.com/id/<id>`. */
export function isEksIssuer(issuer: string): boolean {
    return EKS_ISSUER.test(normaliseIssuer(issuer));
}

/** The AWS region of an EKS cluster's OIDC issuer; undefined for other issuers. */
export function regionOfIssuer(issuer: string): string | undefined {
    return EKS_ISSUER.exec(normaliseIssuer(issuer))?.[1];
}

/** The `sub` claim of a service account's token: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountSubject(namespace: string, name: string): string {
    return `${SERVICE_ACCOUNT_SUBJECT_PREFIX}${namespace}:${name}`;
}

/**
 * One trust statement per entry, as AWS documents it. Subjects are sorted and deduplicated,
 * so reordering `serviceAccounts` sends IAM the same bytes.
 */
export function irsaTrustStatements(entries: ResolvedIrsaTrust[]): ResolvedStatement[] {
    return entries.map((entry) => {
        const issuer = issuerOfOidcProviderArn(entry.oidcProviderArn);
        if (issuer === undefined) {
            throw new Error(
                `irsaTrust: "${entry.oidcProviderArn}" is not an IAM OIDC provider ARN; expected ` +
                    `arn:aws:iam::<12-digit account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>.`,
            );
        }
        const subjects = [
            ...new Set(
                entry.serviceAccounts.map((ref) => {
                    const [namespace, name] = ref.split("/");
                    return serviceAccountSubject(namespace, name);
                }),
            ),
        ].sort();
        return {
            Effect: "Allow",
            Principal: { Federated: entry.oidcProviderArn },
            Action: [IRSA_ACTION],
            Condition: {
                StringEquals: {
                    [`${issuer}:aud`]: [IRSA_AUDIENCE],
                    [`${issuer}:sub`]: subjects,
                },
            },
        };
    });
}
