/**
 * The role arguments of an add-on's service account when none are given: its known default
 * permissions (eks/knownAddons.ts), a permission preset or an AWS managed policy.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PodIdentityRoleArgs } from "../model/inputs/role";
import type { AddonPermissions } from "./knownAddons";
import { vpcCniOptionsFor } from "./ipFamily";

/** What the default permissions may need to know, asked for only when they do. */
export interface DefaultRoleContext {
    /** The partition of the role's account (`aws`, `aws-cn`, ...), for managed policy ARNs. */
    partition: () => pulumi.Input<string>;
    /** The IP families of the clusters the role serves, for the VPC CNI's permissions. */
    ipFamilies: () => pulumi.Input<string>[];
    /** Tags on the role and its policies. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** PodIdentityRole arguments granting `permissions`. */
export function defaultRoleArgs(
    permissions: AddonPermissions,
    context: DefaultRoleContext,
): PodIdentityRoleArgs {
    if ("managedPolicy" in permissions) {
        const policy = permissions.managedPolicy;
        return {
            // Keyed by the policy's name: the attachment is "<role>-<policy name>".
            policyArns: {
                [policy]: pulumi.interpolate`arn:${context.partition()}:iam::aws:policy/${policy}`,
            },
            tags: context.tags,
        };
    }
    if (permissions.preset === "vpcCni") {
        // IPv4 clusters need AmazonEKS_CNI_Policy's permissions, IPv6 ones the IPv6 policy.
        return {
            presets: { vpcCni: vpcCniOptionsFor(context.ipFamilies()) },
            tags: context.tags,
        };
    }
    return { presets: { [permissions.preset]: {} }, tags: context.tags };
}
