/** The arguments of PodIdentityAgent. */
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonOptions } from "../../eks/eksAddon";

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
