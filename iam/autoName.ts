/**
 * IAM names (of roles, managed policies and inline policies) take letters, digits and
 * `+ = , . @ _ -` only (IAM API Reference: CreateRole `RoleName`, CreatePolicy `PolicyName`,
 * PutRolePolicy `PolicyName`, pattern `[\w+=,.@-]+`). Pulumi auto-names a resource from its
 * resource name, so a resource name with another character (the `/` of an add-on role
 * `otel/adot-col-otlp-ingest`, or of a component name a user chose) would be refused by IAM
 * halfway through `pulumi up`. Such a resource gets a `namePrefix` with those characters
 * replaced instead; a resource name IAM accepts keeps Pulumi's auto-name, so no existing
 * resource is renamed.
 */

/** The longest `namePrefix` the AWS provider takes: the name's limit less its 26-character suffix. */
export const IAM_NAME_PREFIX_LIMIT = { role: 38, policy: 102 } as const;

/** `{ namePrefix }` for a resource name IAM would refuse as an auto-name; `{}` otherwise. */
export function iamNamePrefix(
    resourceName: string,
    kind: keyof typeof IAM_NAME_PREFIX_LIMIT,
): { namePrefix?: string } {
    if (/^[\w+=,.@-]+$/.test(resourceName)) {
        return {};
    }
    const cleaned = resourceName
        .replace(/[^\w+=,.@-]+/g, "-")
        .slice(0, IAM_NAME_PREFIX_LIMIT[kind] - 1);
    return { namePrefix: `${cleaned}-` };
}
