/** The managed policy and attachment each enabled preset gets, and its policy JSON. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "../core/json";
import { policyDocument } from "../iam/policyDocument";
import { lookupCallerIdentity } from "../model/lookups";
import { Preset, PresetContext } from "./preset";
import { PermissionPresets, PresetName, PRESETS } from "./registry";
import { iamNamePrefix } from "../iam/autoName";

/** Partition and DNS suffix from an ARN the provider returned. */
function contextOf(callerArn: string, accountId: string): PresetContext {
    const partition = callerArn.split(":")[1] ?? "aws";
    return {
        partition,
        accountId,
        dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
    };
}

/** The policy JSON of one preset, keys sorted (byte-stable across runs). */
export function presetPolicy(name: PresetName, options: object, context: PresetContext): string {
    const preset = PRESETS[name] as Preset<object>;
    const statements = preset.statements(options, context);
    if (statements.length === 0) {
        throw new Error(
            `presets.${name}: with these options the ${preset.title} preset grants nothing; ` +
                "turn an option on or remove the preset",
        );
    }
    return stableStringify(policyDocument(statements));
}

/** What a role passes to get its preset policies. */
export interface PresetAttachment {
    /** The component name; children are named "<name>-preset-<key>". */
    name: string;
    /** The presets argument, already validated. */
    presets: PermissionPresets | undefined;
    /** Keys of the presets that are on (from {@link checkPresets}). */
    enabled: PresetName[];
    /** The role to attach to. */
    role: aws.iam.Role;
    /** Tags for the policies (the role's). */
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined;
    /** The component: parent of the policies and attachments. */
    parent: pulumi.Resource;
}

/**
 * One managed policy and one attachment per enabled preset, named from the preset's key so
 * that turning one preset on or off never renames another. Which resources exist depends only
 * on the keys; option Inputs only fill in the policy JSON. Returns what it created.
 */
export function attachPresetPolicies(args: PresetAttachment): pulumi.CustomResource[] {
    const created: pulumi.CustomResource[] = [];
    if (args.enabled.length === 0) {
        return created;
    }
    const identity = lookupCallerIdentity(args.parent, { parent: args.parent });
    const context = pulumi
        .all([identity.arn, identity.accountId])
        .apply(([callerArn, accountId]) => contextOf(callerArn, accountId));
    for (const name of args.enabled) {
        const preset = PRESETS[name] as Preset<object>;
        const options = (args.presets as Record<string, object>)[name];
        const childName = `${args.name}-preset-${name}`;
        const policy = new aws.iam.Policy(
            childName,
            {
                ...iamNamePrefix(childName, "policy"),
                // Nothing of the component's name: IAM cannot change a policy's description
                // in place (the AWS provider replaces the policy), so a rename with aliases
                // would replace every preset policy and its attachment.
                description: `${preset.title}: EKS Pod Identity permission preset "${name}"`,
                policy: pulumi
                    .all([pulumi.output(options), context])
                    .apply(([resolved, ctx]) => presetPolicy(name, resolved, ctx)),
                tags: args.tags,
            },
            {
                parent: args.parent,
                // IAM policy descriptions are immutable (ForceNew in the AWS provider, see
                // @pulumi/aws iam/policy.d.ts): without this, upgrading from a release whose
                // description named the component would replace every preset policy
                // create-first, briefly attaching old and new to the role, which can pass
                // IAM's 10 managed policies per role (LimitExceeded).
                ignoreChanges: ["description"],
            },
        );
        const attachment = new aws.iam.RolePolicyAttachment(
            childName,
            { role: args.role.name, policyArn: policy.arn },
            { parent: args.parent },
        );
        created.push(policy, attachment);
    }
    return created;
}
