/** The arguments of PodIdentityAddon, and of PodIdentity's `addon`. */
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonSettings } from "../../eks/eksAddon";
import type { PodIdentityRoleArgs } from "./role";

/** The namespace an add-on installs into (`namespaceConfig` of the EKS add-on). */
export interface AddonNamespaceConfig {
    /** The namespace, a DNS-1123 label, e.g. `storage`. */
    namespace: string;
}

/** One of an add-on's service accounts and the role it takes. */
export interface AddonServiceAccount {
    /**
     * The add-on's service account (`podIdentityAssociations[].serviceAccount`), e.g.
     * `adot-col-otlp-ingest`.
     */
    serviceAccount: string;
    /**
     * Creates this service account's role with these arguments (as PodIdentityRole does),
     * named `<name>/<service account>`. At most one of `role` and `roleArn`. Default: a role
     * with the service account's known permissions (docs/addons.md) when they need no
     * options; otherwise one of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /** An existing role for this service account. Default: none. */
    roleArn?: pulumi.Input<string>;
}

/** Arguments of {@link PodIdentityAddon}. */
export interface PodIdentityAddonArgs extends EksAddonSettings {
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
     * namespace, minimum version and default permissions from this package.
     */
    addonName: string;
    /**
     * Creates the add-on's role with these arguments (as PodIdentityRole does). At most one of
     * `role` and `roleArn`; not with `serviceAccounts`. Default: for a known add-on whose
     * default permissions need no options, a role with them (e.g. the `ebsCsi` preset for
     * `aws-ebs-csi-driver`); otherwise one of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /**
     * An existing role for the add-on (`podIdentityAssociations[].roleArn`). Not with
     * `serviceAccounts`. Default: none.
     */
    roleArn?: pulumi.Input<string>;
    /**
     * The add-on's service account the association names
     * (`podIdentityAssociations[].serviceAccount`). Not with `serviceAccounts`. Default: the
     * one DescribeAddonConfiguration reports for a known add-on (e.g. `ebs-csi-controller-sa`);
     * required for other add-ons and for add-ons with several (ADOT).
     */
    serviceAccount?: string;
    /**
     * Several of the add-on's service accounts, each with its own role, e.g. ADOT's
     * collectors. EKS replaces all of an add-on's associations whenever one changes, so one
     * component owns them all. Instead of `serviceAccount`, `role` and `roleArn`. Default:
     * none (one association, from those three).
     */
    serviceAccounts?: AddonServiceAccount[];
    /**
     * The namespace to install the add-on into (`namespaceConfig`). EKS cannot move an
     * installed add-on: changing it replaces the add-on (deleted first, then created in the
     * new namespace), and with it the associations. Default: the add-on's own namespace.
     */
    namespaceConfig?: AddonNamespaceConfig;
    /**
     * The cluster's IP family, `ipv4` or `ipv6`, for a `vpc-cni` add-on's default permissions
     * (IPv6 clusters need `ec2:AssignIpv6Addresses` and the CNI's IPv6 policy). Default: the
     * cluster's `kubernetesNetworkConfig.ipFamily`, from the cluster lookup.
     */
    ipFamily?: string;
    /**
     * Keep the add-on's software running in the cluster when this component is deleted or
     * the add-on replaced (`preserve`). With it, the add-on's associations are standalone
     * `aws.eks.PodIdentityAssociation` children instead of the add-on's own (which EKS would
     * keep after the add-on, pointing at the role this component deletes), deleted with the
     * component. Without it, deleting the component deletes the add-on's software from the
     * cluster, and its associations with it. Default: true for `vpc-cni` (every pod's network
     * runs on it), false for other add-ons.
     */
    preserve?: boolean;
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
export interface FleetAddon extends EksAddonSettings {
    /** The EKS add-on (`addonName`), e.g. `aws-ebs-csi-driver`. See PodIdentityAddon. */
    name: string;
    /**
     * The add-on's service account its association names. Default: the one AWS reports for a
     * known add-on, as for PodIdentityAddon.
     */
    serviceAccount?: string;
    /**
     * The namespace to install the add-on into (`namespaceConfig`); changing it replaces the
     * add-on, as for PodIdentityAddon. Default: the add-on's own namespace.
     */
    namespaceConfig?: AddonNamespaceConfig;
    /**
     * Keep the add-on's software running when this component is deleted, with standalone
     * associations deleted with it, as for PodIdentityAddon. Default: true for `vpc-cni`,
     * false for other add-ons.
     */
    preserve?: boolean;
}
