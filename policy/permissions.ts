/**
 * Everything the stack says a role is allowed to do: managed policies and inline policies,
 * whether set on the role itself (`managedPolicyArns`, `inlinePolicies`) or by separate
 * RolePolicyAttachment / PolicyAttachment / RolePolicy resources, as this package's
 * PodIdentityRole and hand-written programs do.
 */
import { parsePolicyDocument, PolicyDocumentView } from "./iam";
import { ResourceView, TYPES } from "./resources";
import { RoleView, StackIndex } from "./stack";
import { asStrings, isUnknown, member, Plain, Unknown } from "./values";

/** A managed policy attached to a role. */
export interface AttachedPolicy {
    arn: string | Unknown;
    /** The resource that attaches it (the role itself for `managedPolicyArns`). */
    source: ResourceView;
    /** The policy's document, when it is an `aws.iam.Policy` of the stack. */
    document?: PolicyDocumentView | Unknown;
}

/** An inline policy of a role. */
export interface InlinePolicy {
    document: PolicyDocumentView | Unknown | undefined;
    /** The resource that sets it (the role itself for `inlinePolicies`). */
    source: ResourceView;
}

/** A role's permissions as far as the stack shows them. */
export interface RolePermissions {
    managed: AttachedPolicy[];
    inline: InlinePolicy[];
    /**
     * True when some attachment or inline policy of the stack targets a role that is not
     * known during preview, so it may belong to this role too.
     */
    incomplete: boolean;
}

function attached(stack: StackIndex, source: ResourceView, arn: string | Unknown): AttachedPolicy {
    const policy = stack.policyByArn(source, arn, "policyArn");
    return {
        arn,
        source,
        document:
            policy.kind === "found" ? parsePolicyDocument(policy.value.props.policy) : undefined,
    };
}

/** The permissions the stack gives a role. */
export function permissionsOf(stack: StackIndex, role: RoleView): RolePermissions {
    const own = role.resource;
    const permissions: RolePermissions = { managed: [], inline: [], incomplete: false };
    const ownArns = asStrings(own.props.managedPolicyArns);
    if (isUnknown(ownArns)) {
        permissions.incomplete = true;
    } else {
        permissions.managed.push(...ownArns.map((arn) => attached(stack, own, arn)));
    }
    const ownInline = own.props.inlinePolicies;
    if (isUnknown(ownInline)) {
        permissions.incomplete = true;
    } else if (Array.isArray(ownInline)) {
        for (const policy of ownInline) {
            permissions.inline.push({
                document: parsePolicyDocument(member(policy, "policy")),
                source: own,
            });
        }
    }

    const targets = (source: ResourceView, value: Plain | undefined, property: string) => {
        const resolved = stack.roleByName(source, value, property);
        if (resolved.kind === "unknown") {
            permissions.incomplete = true;
        }
        return resolved.kind === "found" && resolved.value === role;
    };
    for (const attachment of stack.ofType(TYPES.rolePolicyAttachment)) {
        if (targets(attachment, attachment.props.role, "role")) {
            permissions.managed.push(attached(stack, attachment, policyArnOf(attachment)));
        }
    }
    for (const attachment of stack.ofType(TYPES.policyAttachment)) {
        const roles = asStrings(attachment.props.roles);
        const hits = isUnknown(roles)
            ? targets(attachment, roles, "roles")
            : roles.map((name) => targets(attachment, name, "roles")).includes(true);
        if (hits) {
            permissions.managed.push(attached(stack, attachment, policyArnOf(attachment)));
        }
    }
    for (const rolePolicy of stack.ofType(TYPES.rolePolicy)) {
        if (targets(rolePolicy, rolePolicy.props.role, "role")) {
            permissions.inline.push({
                document: parsePolicyDocument(rolePolicy.props.policy),
                source: rolePolicy,
            });
        }
    }
    return permissions;
}

function policyArnOf(attachment: ResourceView): string | Unknown {
    const arn = attachment.props.policyArn;
    return typeof arn === "string" || isUnknown(arn) ? arn : "";
}
