import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import type { PodIdentityAgentArgs } from "../model/inputs/agent";
import { FIXED_NAME } from "../core/fixedName";
import { checkAgentArgs } from "../model/args";
import { Problems } from "../model/problems";

export type { PodIdentityAgentArgs } from "../model/inputs/agent";

/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/**
 * The `eks-pod-identity-agent` EKS add-on for one cluster, with its version resolved for
 * the cluster's Kubernetes version. One per cluster, shared by every role on it.
 *
 * Installed on EKS Auto Mode clusters too: Auto Mode nodes run the agent themselves, and the
 * add-on's DaemonSet keeps off them (node affinity `eks.amazonaws.com/compute-type NotIn
 * [fargate, hybrid, auto]` in the upstream eks-pod-identity-agent chart), so it serves only
 * the managed and self-managed nodes a cluster mixes in, which need it.
 */
export class PodIdentityAgent extends pulumi.ComponentResource {
    /** The EKS add-on. */
    public readonly addon: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;

    constructor(name: string, args: PodIdentityAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        checkAgentArgs(problems, args);
        problems.throwIfAny("PodIdentityAgent", name);
        // The args are not recorded as the component's inputs, as in every component here: the
        // SDK would hold the add-on back until each Output in them resolved.
        super("eks-pod-identity:index:PodIdentityAgent", name, {}, opts);

        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: AGENT_ADDON_NAME,
                addonVersion: resolveAddonVersion({ ...args, addonName: AGENT_ADDON_NAME }, this),
                ...eksAddonInputs(args),
            },
            // `preserve` keeps the agent's pods running while a replacement deletes first.
            { parent: this, ...FIXED_NAME },
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({ addon: this.addon, addonVersion: this.addonVersion });
    }
}
