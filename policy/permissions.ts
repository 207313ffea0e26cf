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

// Computed once per stack: every attachment is resolved to its role a single time.
const computed = new WeakMap<StackIndex, Map<RoleView, RolePermissions>>();

/** The permissions the stack gives a role. */
export function permissionsOf(stack: StackIndex, role: RoleView): RolePermissions {
    let all = computed.get(stack);
    if (!all) {
        all = permissionsOfAll(stack);
        computed.set(stack, all);
    }
    return all.get(role) ?? { managed: [], inline: [], incomplete: true };
}

function permissionsOfAll(stack: StackIndex): Map<RoleView, RolePermissions> {
    const all = new Map<RoleView, RolePermissions>();
    let unresolved = false;
    for (const role of stack.roles) {
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
        all.set(role, permissions);
    }

    const target = (source: ResourceView, value: Plain | undefined, property: string) => {
        const resolved = stack.roleByName(source, value, property);
        if (resolved.kind === "unknown") {
            unresolved = true;
        }
        return resolved.kind === "found" ? all.get(resolved.value) : undefined;
    };
    for (const attachment of stack.ofType(TYPES.rolePolicyAttachment)) {
        target(attachment, attachment.props.role, "role")?.managed.push(
            attached(stack, attachment, policyArnOf(attachment)),
        );
    }
    for (const attachment of stack.ofType(TYPES.policyAttachment)) {
        const roles = asStrings(attachment.props.roles);
        const targets = isUnknown(roles)
            ? [target(attachment, roles, "roles")]
            : roles.map((name) => target(attachment, name, "roles"));
        for (const permissions of new Set(targets)) {
            permissions?.managed.push(attached(stack, attachment, policyArnOf(attachment)));
        }
    }
    for (const rolePolicy of stack.ofType(TYPES.rolePolicy)) {
        target(rolePolicy, rolePolicy.props.role, "role")?.inline.push({
            document: parsePolicyDocument(rolePolicy.props.policy),
            source: rolePolicy,
        });
    }
    // An attachment that may target any role leaves every role's permissions incomplete.
    if (unresolved) {
        for (const permissions of all.values()) {
            permissions.incomplete = true;
        }
    }
    return all;
}

function policyArnOf(attachment: ResourceView): string | Unknown {
    const arn = attachment.props.policyArn;
    return typeof arn === "string" || isUnknown(arn) ? arn : "";
}
