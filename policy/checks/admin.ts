/**
 * A Pod Identity role carries no administrator permissions: any pod of any namespace an
 * association names would hold them.
 */
import {
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configSchema, matchesAny, readOptions } from "../config";
import { adminStatements, parsePolicyDocument, policyArnMatches, trustsPods, Tri } from "../iam";
import { permissionsOf } from "../permissions";
import { ResourceView, TYPES, viewOfResourceArgs, viewOfStackResource } from "../resources";
import { Finding, roleOf, RoleView, StackIndex } from "../stack";
import { asStrings, isUnknown, member, UNKNOWN } from "../values";

/** Options of the two no-admin rules. */
export interface AdminOptions {
    [option: string]: string[];
    /** Roles exempt (IAM role name, role ARN or Pulumi resource name; wildcards allowed). */
    allowedRoles: string[];
    /** Managed policies a Pod Identity role must not carry (AWS managed names or ARNs). */
    forbiddenManagedPolicies: string[];
}

const OPTIONS = {
    allowedRoles: {
        description:
            "Roles exempt from the rule: IAM role names, role ARNs or Pulumi resource names; " +
            "`*` and `?` are wildcards.",
        default: [],
    },
    forbiddenManagedPolicies: {
        description:
            "Managed policies a Pod Identity role must not carry: AWS managed policy names " +
            "(matched in every partition) or policy ARNs (wildcards allowed).",
        default: ["AdministratorAccess"],
    },
};

/** The defaults of {@link AdminOptions}. */
export const ADMIN_DEFAULTS: AdminOptions = readOptions<AdminOptions>(undefined, OPTIONS);

/**
 * Whether a role is on the allow-list. Unknown when the list names something the role's
 * unknown name or ARN could still match.
 */
function exempt(role: RoleView, allowed: string[]): Tri {
    if (allowed.length === 0) {
        return false;
    }
    const known = [role.resource.name, role.name, role.arn].filter(
        (value): value is string => typeof value === "string",
    );
    if (known.some((value) => matchesAny(allowed, value))) {
        return true;
    }
    const arnPatterns = allowed.some((pattern) => pattern.startsWith("arn:"));
    return isUnknown(role.name) || (arnPatterns && typeof role.arn !== "string") ? UNKNOWN : false;
}

/** A role that Pod Identity can assume and that is not exempt; undefined otherwise or unknown. */
function podRole(role: RoleView, options: AdminOptions): RoleView | undefined {
    return trustsPods(role.trust) === true && exempt(role, options.allowedRoles) === false
        ? role
        : undefined;
}

/**
 * Administrator permissions set on a Pod Identity role resource itself: a forbidden policy in
 * `managedPolicyArns`, or a `*`-on-`*` statement in `inlinePolicies`. Values unknown during
 * preview are not judged.
 */
export function roleAdminFindings(resource: ResourceView, options: AdminOptions): string[] {
    if (resource.type !== TYPES.role) {
        return [];
    }
    const role = podRole(roleOf(resource), options);
    if (!role) {
        return [];
    }
    const findings: string[] = [];
    const arns = asStrings(resource.props.managedPolicyArns);
    for (const arn of isUnknown(arns) ? [] : arns) {
        if (typeof arn === "string" && policyArnMatches(options.forbiddenManagedPolicies, arn)) {
            findings.push(
                `Pod Identity role "${resource.name}" carries ${arn} (managedPolicyArns): every ` +
                    `pod associated with it would hold those permissions. Grant only what the ` +
                    `workload needs, or list the role in allowedRoles.`,
            );
        }
    }
    const inline = resource.props.inlinePolicies;
    for (const policy of Array.isArray(inline) ? inline : []) {
        if (adminStatements(parsePolicyDocument(member(policy, "policy"))).length > 0) {
            const name = member(policy, "name");
            findings.push(
                `Pod Identity role "${resource.name}" has an inline policy` +
                    `${typeof name === "string" ? ` "${name}"` : ""} allowing "*" on "*": every ` +
                    `pod associated with it would be an administrator. Grant only what the ` +
                    `workload needs, or list the role in allowedRoles.`,
            );
        }
    }
    return findings;
}

/**
 * Administrator permissions given to a Pod Identity role by other resources of the stack:
 * a RolePolicyAttachment or PolicyAttachment of a forbidden policy (or of an `aws.iam.Policy`
 * allowing `*` on `*`), or a RolePolicy allowing `*` on `*`. Reported on the resource that
 * grants them. Attachments whose role or policy is unknown during preview are not judged.
 */
export function attachedAdminFindings(stack: StackIndex, options: AdminOptions): Finding[] {
    const findings: Finding[] = [];
    for (const candidate of stack.roles) {
        const role = podRole(candidate, options);
        if (!role) {
            continue;
        }
        const permissions = permissionsOf(stack, role);
        for (const policy of permissions.managed) {
            if (policy.source === role.resource || isUnknown(policy.arn)) {
                continue;
            }
            if (
                policyArnMatches(options.forbiddenManagedPolicies, policy.arn) ||
                adminStatements(policy.document).length > 0
            ) {
                findings.push({
                    urn: policy.source.urn,
                    message:
                        `"${policy.source.name}" attaches ${policy.arn} to Pod Identity role ` +
                        `"${role.resource.name}": every pod associated with the role would hold ` +
                        `administrator permissions. Attach a narrower policy, or list the role ` +
                        `in allowedRoles.`,
                });
            }
        }
        for (const policy of permissions.inline) {
            if (policy.source !== role.resource && adminStatements(policy.document).length > 0) {
                findings.push({
                    urn: policy.source.urn,
                    message:
                        `inline policy "${policy.source.name}" of Pod Identity role ` +
                        `"${role.resource.name}" allows "*" on "*": every pod associated with ` +
                        `the role would be an administrator. Grant only what the workload ` +
                        `needs, or list the role in allowedRoles.`,
                });
            }
        }
    }
    return findings;
}

function options(args: ResourceValidationArgs | StackValidationArgs): AdminOptions {
    return readOptions<AdminOptions>(args, OPTIONS);
}

/** `pod-identity-role-no-admin`: see {@link roleAdminFindings}. */
export const roleNoAdminPolicy: ResourceValidationPolicy = {
    name: "pod-identity-role-no-admin",
    description:
        "A role that pods.eks.amazonaws.com may assume carries no AdministratorAccess in " +
        "managedPolicyArns and no inline statement allowing * on *.",
    enforcementLevel: "mandatory",
    configSchema: configSchema(OPTIONS),
    validateResource: (args, reportViolation) => {
        roleAdminFindings(viewOfResourceArgs(args), options(args)).forEach((message) =>
            reportViolation(message),
        );
    },
};

/** `pod-identity-role-no-admin-attached`: see {@link attachedAdminFindings}. */
export const roleNoAdminAttachedPolicy: StackValidationPolicy = {
    name: "pod-identity-role-no-admin-attached",
    description:
        "No RolePolicyAttachment, PolicyAttachment or RolePolicy of the stack gives a role " +
        "that pods.eks.amazonaws.com may assume AdministratorAccess or * on *.",
    enforcementLevel: "mandatory",
    configSchema: configSchema(OPTIONS),
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of attachedAdminFindings(stack, options(args))) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
