/** The arguments of PodIdentityAddon, and of PodIdentity's `addon`. */
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonOptions } from "../../eks/eksAddon";
import type { PodIdentityRoleArgs } from "./role";

/** Arguments of {@link PodIdentityAddon}. */
export interface PodIdentityAddonArgs extends EksAddonOptions {
    /** Name of the EKS cluster to install the add-on on (`clusterName`). */
    clusterName: pulumi.Input<string>;
    /**
     * The cluster's Kubernetes version, e.g. `1.31`, used to pick the add-on version.
     * Default: looked up with `aws.eks.getCluster` (one call) when `version` is `default` or
     * `latest`.
     */
    kubernetesVersion?: pulumi.Input<string>;
    /**
     * The EKS add-on (`addonName`), e.g. `aws-ebs-csi-driver`, `vpc-cni`,
     * `aws-efs-csi-driver`. The add-ons listed in docs/addons.md get their service account,
     * minimum version and permission preset from this package.
     */
    addonName: string;
    /**
     * Creates the add-on's role with these arguments (as PodIdentityRole does). At most one
     * of `role` and `roleArn`. Default: for a known add-on whose permission preset needs no
     * options, a role with that preset (e.g. `ebsCsi` for `aws-ebs-csi-driver`); otherwise one
     * of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /** An existing role for the add-on (`podIdentityAssociations[].roleArn`). Default: none. */
    roleArn?: pulumi.Input<string>;
    /**
     * The add-on's service account the association names
     * (`podIdentityAssociations[].serviceAccount`). Default: the one DescribeAddonConfiguration
     * reports for a known add-on (e.g. `ebs-csi-controller-sa`); required for other add-ons
     * and for add-ons with several (ADOT).
     */
    serviceAccount?: string;
    /**
     * Whether the Pod Identity agent, which hands the add-on's pods their credentials, must be
     * found: `true` refuses the add-on, before anything is created, unless the program also
     * installs the agent on the cluster (a PodIdentityAgent, or a PodIdentity's agent) or the
     * cluster runs EKS Auto Mode (its nodes run the agent; one `aws.eks.getCluster` tells,
     * made only when no agent is found). `false` when the agent is managed elsewhere (another
     * stack, eksctl, the console). Default: true.
     */
    agent?: boolean;
}

/** The add-on PodIdentity installs on every cluster instead of binding service accounts. */
export interface FleetAddon extends EksAddonOptions {
    /** The EKS add-on (`addonName`), e.g. `aws-ebs-csi-driver`. See PodIdentityAddon. */
    name: string;
    /**
     * The add-on's service account its association names. Default: the one AWS reports for a
     * known add-on, as for PodIdentityAddon.
     */
    serviceAccount?: string;
}
