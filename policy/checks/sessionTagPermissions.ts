/**
 * An association that turns session tags off, with a role whose permissions read them: the
 * role session carries no EKS session tags, so every statement that needs
 * `${aws:PrincipalTag/kubernetes-namespace}` (or a condition on such a tag) never matches
 * and its requests are denied. The components refuse this before anything is created; this
 * rule catches stacks written by hand.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { sessionTagsNeededBy } from "../../model/sessionTags";
import { PolicyDocumentView } from "../iam";
import { permissionsOf } from "../permissions";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import { Finding, RoleView, StackIndex } from "../stack";
import { asBoolean, containsUnknown, isObject, isUnknown, Unknown } from "../values";

/** Keys of the role's own tags, which IAM also reads as principal tags; unknown if they are. */
function roleTagKeys(role: RoleView): string[] | Unknown {
    const keys: string[] = [];
    for (const property of ["tags", "tagsAll"]) {
        const tags = role.resource.props[property];
        if (isUnknown(tags) || (isObject(tags) && containsUnknown(tags))) {
            return tags as Unknown;
        }
        if (isObject(tags)) {
            keys.push(...Object.keys(tags));
        }
    }
    return keys;
}

/** The session tags a document's statements need, when it is known. */
function tagsNeeded(document: PolicyDocumentView | Unknown | undefined, own: string[]): string[] {
    if (document === undefined || isUnknown(document)) {
        return [];
    }
    const needed = document.statements.flatMap((statement) =>
        isUnknown(statement)
            ? []
            : sessionTagsNeededBy(
                  {
                      Effect: statement.effect,
                      Resource: statement.resource,
                      NotResource: statement.notResource,
                      Condition: statement.condition,
                  },
                  own,
              ),
    );
    return [...new Set(needed)].sort();
}

/** Which resource grants the role each set of session-tag permissions. */
function grantsReadingTags(
    stack: StackIndex,
    role: RoleView,
): { source: ResourceView; tags: string[] }[] {
    const own = roleTagKeys(role);
    if (isUnknown(own)) {
        return [];
    }
    const permissions = permissionsOf(stack, role);
    return [...permissions.inline, ...permissions.managed]
        .map((policy) => ({ source: policy.source, tags: tagsNeeded(policy.document, own) }))
        .filter((grant) => grant.tags.length > 0);
}

/**
 * Associations with `disableSessionTags: true` whose role (or target role), when the stack
 * defines it, is granted statements that need EKS session tags. Not judged while
 * `disableSessionTags`, the role, a policy document or the role's own tags are unknown
 * during preview; a policy outside the stack (an AWS managed policy) is not judged either.
 */
export function sessionTagPermissionFindings(stack: StackIndex): Finding[] {
    return stack.ofType(TYPES.association).flatMap((association): Finding[] => {
        if (asBoolean(association.props.disableSessionTags) !== true) {
            return [];
        }
        const roles = (["roleArn", "targetRoleArn"] as const).flatMap((property) => {
            const role = stack.roleByArn(association, association.props[property], property);
            return role.kind === "found" ? [{ property, role: role.value }] : [];
        });
        return roles.flatMap(({ property, role }) =>
            grantsReadingTags(stack, role).map(({ source, tags }) => ({
                urn: association.urn,
                message:
                    `association "${association.name}" disables session tags, but its ` +
                    `${property === "roleArn" ? "role" : "target role"} "${role.resource.name}" ` +
                    `has permissions from "${source.name}" that need the session tag` +
                    `${tags.length > 1 ? "s" : ""} ${tags.join(", ")} (aws:PrincipalTag): ` +
                    `without session tags those statements never match and their requests are ` +
                    `denied. Keep session tags on, or remove the session-tag scoping.`,
            })),
        );
    });
}

/** `pod-identity-session-tags-for-permissions`: see {@link sessionTagPermissionFindings}. */
export const sessionTagsForPermissionsPolicy: StackValidationPolicy = {
    name: "pod-identity-session-tags-for-permissions",
    description:
        "An association that disables session tags does not use a role (or target role) whose " +
        "permissions read EKS session tags with aws:PrincipalTag (they would deny every request).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of sessionTagPermissionFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
