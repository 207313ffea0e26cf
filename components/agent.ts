import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksAddonOptions, eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import { FIXED_NAME } from "../core/fixedName";
import { checkAgentArgs } from "../model/args";
import { checkHybridNodesVersion, withHybridNodes } from "../eks/hybridNodes";
import { Problems } from "../model/problems";

/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/** Arguments of {@link PodIdentityAgent}. */
export interface PodIdentityAgentArgs extends EksAddonOptions {
    /** Name of the EKS cluster to install the agent on (`clusterName`). */
    clusterName: pulumi.Input<string>;
    /**
     * The cluster's Kubernetes version, e.g. `1.31`, used to pick the add-on version.
     * Default: looked up with `aws.eks.getCluster` (one call) when `version` is `default` or
     * `latest`.
     */
    kubernetesVersion?: pulumi.Input<string>;
    /**
     * Add-on version (`addonVersion`): `default` (AWS's default for the Kubernetes version,
     * from DescribeAddonVersions), `latest` (the newest compatible version), or an exact
     * version such as `v1.3.4-eksbuild.1`. `default` and `latest` are resolved on every run,
     * so the add-on follows AWS's choice; pin an exact version to control upgrades. AWS
     * documents v1.3.4-eksbuild.1 as the minimum for a cluster that turns EKS Auto Mode on.
     * Default: `default`.
     */
    version?: string;
    /**
     * Serve pods on EKS Hybrid Nodes too: merges `{"daemonsets":{"hybrid":{"create":true}}}`
     * into `configurationValues`, which deploys the agent's DaemonSet for hybrid nodes (they
     * have no EC2 instance metadata to take credentials from), and requires add-on version
     * v1.3.3-eksbuild.1 or later: an older exact `version` is refused before anything is
     * created, and a `default` or `latest` that resolves older fails before the add-on is
     * registered. The hybrid nodes also need `enableCredentialsFile: true` in their nodeadm
     * configuration, and their IAM role `eks-auth:AssumeRoleForPodIdentity` (EKS User Guide,
     * "Configure add-ons for hybrid nodes"). Default: false.
     */
    hybridNodes?: boolean;
}

/**
 * The `eks-pod-identity-agent` EKS add-on for one cluster, with its version resolved for
 * the cluster's Kubernetes version. One per cluster, shared by every role on it.
 *
 * Installed on EKS Auto Mode clusters too: Auto Mode nodes run the agent themselves, and the
 * add-on's DaemonSet keeps off them (node affinity `eks.amazonaws.com/compute-type NotIn
 * [fargate, hybrid, auto]` in the upstream eks-pod-identity-agent chart), so it serves only
 * the managed and self-managed nodes a cluster mixes in, which need it. EKS Hybrid Nodes need
 * `hybridNodes: true`.
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

        const resolved = resolveAddonVersion({ ...args, addonName: AGENT_ADDON_NAME }, this);
        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: AGENT_ADDON_NAME,
                addonVersion: args.hybridNodes ? checkHybridNodesVersion(this, resolved) : resolved,
                ...eksAddonInputs({
                    ...args,
                    configurationValues: args.hybridNodes
                        ? withHybridNodes(args.configurationValues)
                        : args.configurationValues,
                }),
            },
            // `preserve` keeps the agent's pods running while a replacement deletes first.
            { parent: this, ...FIXED_NAME },
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({ addon: this.addon, addonVersion: this.addonVersion });
    }
}
