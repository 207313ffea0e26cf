/**
 * Everything in the export whose policy or trust names a role: bucket, key, queue, topic and
 * secret policies, other roles' trust, SCPs, VPC endpoint policies, EKS access entries. They
 * name a role by its ARN (or a pattern such as `aws:PrincipalArn` = `...:role/jobs-*`), and IAM
 * stores the principal as the role's unique id (IAM User Guide, "IAM identifiers": a role
 * deleted and re-created under the same name is a different principal, and the policies show
 * the old unique id). Keeping the role keeps them all working; a new role needs each updated.
 */
import { wildcardMatch } from "../../iam/wildcard";
import { ExportedResource, property } from "./stackExport";
import { jsonObject } from "../../core/json";

/** A resource of the export whose policy or trust names a role. */
export interface Reference {
    /** The role it names. */
    roleArn: string;
    urn: string;
    /** Its type token, e.g. `aws:s3/bucketPolicy:BucketPolicy`. */
    type: string;
    /** The property that names the role, e.g. `policy` or `assumeRolePolicy`. */
    property: string;
    /** The pattern that matches the role, when it is named by one rather than exactly. */
    pattern?: string;
}

/**
 * Properties that hold a policy or trust document (`policy` on bucket, queue, topic, secret,
 * key and endpoint policies; `assumeRolePolicy` on roles; `accessPolicies` on OpenSearch
 * domains; `content` on AWS Organizations policies), or a principal (`principalArn` on EKS
 * access entries).
 */
const PROPERTIES = ["policy", "assumeRolePolicy", "accessPolicies", "content", "principalArn"];

/** Every string in a value, documents given as JSON text included. */
function stringsOf(value: unknown, into: string[] = []): string[] {
    if (typeof value === "string") {
        const document = /^\s*[[{]/.test(value) ? jsonObject(value) : undefined;
        if (document) {
            stringsOf(document, into);
        } else {
            into.push(value);
        }
    } else if (Array.isArray(value)) {
        value.forEach((item) => stringsOf(item, into));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => stringsOf(item, into));
    }
    return into;
}

/** The role a string names: its ARN, its unique id, or an ARN pattern that matches the ARN. */
function naming(value: string, arn: string, uniqueId: string | undefined) {
    if (value === arn || (uniqueId !== undefined && value === uniqueId)) {
        return { named: true };
    }
    if (value.startsWith("arn:") && /[*?]/.test(value) && wildcardMatch(value, arn)) {
        return { named: true, pattern: value };
    }
    return { named: false };
}

/** A role to look for: its ARN, and its unique id and URN when the export has the role. */
export interface RoleIdentity {
    arn: string;
    uniqueId?: string;
    urn?: string;
}

/** The identity of a role resource of the export. */
export function identityOf(role: ExportedResource): RoleIdentity | undefined {
    const arn = property(role, "arn");
    const uniqueId = property(role, "uniqueId");
    return typeof arn === "string" && arn !== ""
        ? {
              arn,
              uniqueId: typeof uniqueId === "string" && uniqueId !== "" ? uniqueId : undefined,
              urn: role.urn,
          }
        : undefined;
}

/** The resources of the export, other than the role itself, whose policy or trust names it. */
export function referencesTo(role: RoleIdentity, resources: ExportedResource[]): Reference[] {
    const { arn, uniqueId } = role;
    const found: Reference[] = [];
    for (const resource of resources) {
        if (resource.urn === role.urn) {
            continue;
        }
        for (const key of PROPERTIES) {
            const matches = stringsOf(property(resource, key)).map((value) =>
                naming(value, arn, uniqueId),
            );
            if (matches.some((m) => m.named)) {
                const pattern = matches.every((m) => !m.named || m.pattern !== undefined)
                    ? matches.find((m) => m.pattern !== undefined)?.pattern
                    : undefined;
                found.push({
                    roleArn: arn,
                    urn: resource.urn,
                    type: resource.type,
                    property: key,
                    ...(pattern !== undefined ? { pattern } : {}),
                });
            }
        }
    }
    return found;
}
