/**
 * The kept role's new trust policy: its statements as they are, then the Pod Identity
 * statement, as eksctl's `utils migrate-to-pod-identity` writes it (updateTrustStatements in
 * pkg/actions/podidentityassociation/tasks.go, which appends it on every run; here it is added
 * once) and as `withPodIdentityTrust` adds it in a Pulumi program.
 */
import { withPodIdentityTrust } from "../../iam/podIdentityTrustStatement";
import { ExportedResource, property } from "./stackExport";
import { jsonObject } from "../../core/json";

/** IAM's default limit of a role's trust policy, in characters without whitespace. */
export const TRUST_POLICY_LIMIT = 2048;

/** One role's trust change: the `trustUpdates` entry of the JSON document. */
export interface TrustUpdate {
    roleArn: string;
    roleName: string;
    /** The `aws:iam/role:Role` that owns the trust policy. */
    urn: string;
    /** The whole new trust policy. */
    trustPolicy: Record<string, unknown>;
}

/** The role's trust with the Pod Identity statement; undefined when it cannot be read. */
export function trustUpdateOf(
    role: ExportedResource,
    roleArn: string,
    roleName: string,
): TrustUpdate | undefined {
    const current = jsonObject(property(role, "assumeRolePolicy"));
    if (current === undefined) {
        return undefined;
    }
    const trustPolicy = JSON.parse(withPodIdentityTrust(JSON.stringify(current))) as Record<
        string,
        unknown
    >;
    return { roleArn, roleName, urn: role.urn, trustPolicy };
}

/** The length IAM measures a policy by: its JSON without whitespace outside strings. */
export function policyLength(document: unknown): number {
    return JSON.stringify(document).length;
}
