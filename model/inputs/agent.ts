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
}
