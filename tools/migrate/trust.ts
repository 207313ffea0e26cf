/**
 * The IRSA part of a role's trust policy: which OIDC providers may assume it with web
 * identity, for which service accounts. The shape read is AWS's (EKS User Guide, "Assign IAM
 * roles to Kubernetes service accounts"): Federated `...:oidc-provider/<issuer>`, action
 * `sts:AssumeRoleWithWebIdentity`, `<issuer>:sub` = `system:serviceaccount:<ns>:<name>`
 * under StringEquals, or patterns under StringLike.
 */
import { jsonObject } from "../../core/json";
import {
    IRSA_ACTION,
    isEksIssuer,
    issuerOfOidcProviderArn,
    SERVICE_ACCOUNT_SUBJECT_PREFIX,
} from "../../iam/irsaTrust";
import { wildcardMatch } from "../../iam/wildcard";

/** A service account subject of the trust: exact, or a pattern (StringLike with `*`/`?`). */
export type Subject =
    { kind: "exact"; namespace: string; name: string } | { kind: "pattern"; pattern: string };

/** What one OIDC provider may do with the role. */
export interface IrsaGrant {
    oidcProviderArn: string;
    /** The provider's issuer, `oidc.eks.<region>.amazonaws.com/id/<id>`. */
    issuer: string;
    subjects: Subject[];
}

const list = (value: unknown): string[] =>
    typeof value === "string"
        ? [value]
        : Array.isArray(value)
          ? value.filter((item): item is string => typeof item === "string")
          : [];

const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);

function allowsWebIdentity(statement: Record<string, unknown>): boolean {
    return (
        statement.Effect === "Allow" &&
        list(statement.Action).some((action) => wildcardMatch(action, IRSA_ACTION, true))
    );
}

/** The values of a statement's `<issuer>:sub` conditions, by operator. */
function subjectValues(condition: unknown, issuer: string): { equals: string[]; like: string[] } {
    const found = { equals: [] as string[], like: [] as string[] };
    if (!isObject(condition)) {
        return found;
    }
    const key = `${issuer}:sub`.toLowerCase();
    for (const [operator, keys] of Object.entries(condition)) {
        if (!isObject(keys)) {
            continue;
        }
        for (const [conditionKey, values] of Object.entries(keys)) {
            if (conditionKey.toLowerCase() !== key) {
                continue;
            }
            if (operator === "StringEquals") {
                found.equals.push(...list(values));
            } else if (operator === "StringLike") {
                found.like.push(...list(values));
            }
        }
    }
    return found;
}

function exactSubject(value: string): Subject | undefined {
    if (!value.startsWith(SERVICE_ACCOUNT_SUBJECT_PREFIX)) {
        return undefined;
    }
    const parts = value.slice(SERVICE_ACCOUNT_SUBJECT_PREFIX.length).split(":");
    return parts.length === 2 && parts.every((part) => part !== "")
        ? { kind: "exact", namespace: parts[0], name: parts[1] }
        : undefined;
}

/**
 * The IRSA grants of a trust policy, one per OIDC provider (statements for the same provider
 * merged). A web identity statement counts as IRSA when its issuer is an EKS cluster's or its
 * subjects are Kubernetes service accounts, so CI roles (e.g. GitHub Actions) are not. A
 * statement with no `:sub` condition trusts every service account: the pattern `*`.
 */
export function irsaGrants(assumeRolePolicy: unknown): IrsaGrant[] {
    const document = jsonObject(assumeRolePolicy);
    const statements = document?.Statement;
    const byIssuer = new Map<string, IrsaGrant>();
    for (const statement of Array.isArray(statements) ? statements : [statements]) {
        if (!isObject(statement) || !allowsWebIdentity(statement)) {
            continue;
        }
        const principal = statement.Principal;
        for (const arn of isObject(principal) ? list(principal.Federated) : []) {
            const issuer = issuerOfOidcProviderArn(arn);
            if (issuer === undefined) {
                continue;
            }
            const values = subjectValues(statement.Condition, issuer);
            const subjects: Subject[] = [];
            for (const value of values.equals) {
                const exact = exactSubject(value);
                if (exact) {
                    subjects.push(exact);
                }
            }
            for (const value of values.like) {
                subjects.push(
                    /[*?]/.test(value)
                        ? { kind: "pattern", pattern: value }
                        : (exactSubject(value) ?? { kind: "pattern", pattern: value }),
                );
            }
            if (values.equals.length === 0 && values.like.length === 0) {
                subjects.push({ kind: "pattern", pattern: "*" });
            }
            const serviceAccounts = [...values.equals, ...values.like].some((value) =>
                value.startsWith(SERVICE_ACCOUNT_SUBJECT_PREFIX),
            );
            if (!isEksIssuer(issuer) && !serviceAccounts) {
                continue;
            }
            const grant = byIssuer.get(issuer) ?? { oidcProviderArn: arn, issuer, subjects: [] };
            grant.subjects.push(...subjects);
            byIssuer.set(issuer, grant);
        }
    }
    return [...byIssuer.values()];
}
