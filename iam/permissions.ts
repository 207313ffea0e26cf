import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "../core/json";
import { shortHash } from "../core/names";
import { normaliseStatement, policyDocument, PolicyStatement } from "./policyDocument";
import { attachPresetPolicies, enabledPresetNames, PermissionPresets } from "../presets";
import { iamNamePrefix } from "./autoName";

/**
 * What a role may do: the permission arguments shared by every role this package creates
 * (PodIdentityRole, PodIdentityTargetRole). New kinds of permissions go here and in
 * {@link attachPermissions}, and both roles get them.
 */
export interface RolePermissionArgs {
    /**
     * ARNs of managed policies to attach (one `RolePolicyAttachment` each, named from a hash
     * of the ARN, so reordering the list renames nothing). Plain strings; for an ARN only
     * known at deploy time use `policyArns`. Default: none.
     */
    managedPolicyArns?: string[];
    /**
     * Managed policies to attach whose ARNs are Outputs (e.g. an `aws.iam.Policy` of the same
     * stack), keyed by a stable name you choose; the key names the attachment. Default: none.
     */
    policyArns?: { [key: string]: pulumi.Input<string> };
    /**
     * Inline permission statements, in AWS's JSON shape, all in one inline policy
     * (`RolePolicy` "<name>-inline"). Default: none.
     */
    statements?: PolicyStatement[];
    /**
     * Permission presets: least-privilege policies for well-known controllers (AWS Load
     * Balancer Controller, EBS CSI, Karpenter, external-dns, ...) and everyday application
     * access (S3, DynamoDB, SQS, Secrets Manager, ...). Each key turns one on, with its typed
     * options; each becomes its own managed policy (`aws.iam.Policy` "<name>-preset-<key>",
     * tagged like the role) and attachment. Missing required options fail before anything is
     * created. Default: none.
     */
    presets?: PermissionPresets;
}

/**
 * Attaches the permissions `args` asks for to `role`, as children of `parent`: one
 * attachment per managed policy, one policy and attachment per preset, and one inline policy
 * for all statements. Child names come from `name` plus stable keys (ARN hash, map key,
 * preset key), never from list positions. The managed-policy attachments and the inline
 * policy wait for `dependsOn` (the checks of the values they take that are known only at
 * deployment). Returns every resource it created, which the role's permissions are complete
 * once all exist.
 */
export function attachPermissions(
    name: string,
    role: aws.iam.Role,
    args: RolePermissionArgs & { tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }> },
    parent: pulumi.Resource,
    dependsOn?: pulumi.CustomResourceOptions["dependsOn"],
): pulumi.CustomResource[] {
    const created: pulumi.CustomResource[] = [];
    for (const policyArn of new Set(args.managedPolicyArns ?? [])) {
        created.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-${shortHash(policyArn)}`,
                { role: role.name, policyArn },
                { parent, dependsOn },
            ),
        );
    }
    for (const [key, policyArn] of Object.entries(args.policyArns ?? {})) {
        created.push(
            new aws.iam.RolePolicyAttachment(
                `${name}-${key}`,
                { role: role.name, policyArn },
                { parent, dependsOn },
            ),
        );
    }
    const presets = attachPresetPolicies({
        name,
        presets: args.presets,
        enabled: enabledPresetNames(args.presets),
        role,
        tags: args.tags,
        parent,
    });
    created.push(...presets);
    if (args.statements && args.statements.length > 0) {
        const inline = new aws.iam.RolePolicy(
            `${name}-inline`,
            {
                ...iamNamePrefix(`${name}-inline`, "policy"),
                role: role.name,
                policy: pulumi
                    .output(args.statements)
                    .apply((statements) =>
                        stableStringify(policyDocument(statements.map(normaliseStatement))),
                    ),
            },
            { parent, dependsOn },
        );
        created.push(inline);
    }
    return created;
}
