/**
 * The EKS add-ons (AWS's and the community ones EKS publishes) that take an IAM role through
 * the add-on's own Pod Identity associations: the service account(s) EKS associates, the
 * namespace the add-on installs into, the oldest version that accepts
 * `podIdentityAssociations`, and the permissions a role gets when none are given.
 *
 * Sources (refresh them here, nowhere else; tests/fixtures/eks-user-guide/addons.json keeps
 * the EKS User Guide's tables as read, with their commits, and tests/knownAddons.spec.ts
 * checks this table against it):
 * - The EKS User Guide (awsdocs/amazon-eks-user-guide): "Pod Identity Support Reference"
 *   (retreive-iam-info.adoc: minimum versions), "AWS add-ons"
 *   (workloads-add-ons-available-eks.adoc: names, namespaces, service accounts and managed
 *   policies of the "Required IAM permissions" sections) and "Community add-ons"
 *   (community-addons.adoc: the per-add-on tables of namespace, service account and managed
 *   policy). The support table lists Mountpoint for Amazon S3 as not supporting Pod Identity
 *   (driver v1); the driver's v2 add-on does, with no documented minimum, so none is enforced
 *   for it. FSx for Lustre has no documented minimum either.
 * - Service accounts the guide does not name: ADOT's collectors from the ADOT add-on
 *   documentation (aws-otel.github.io, "Advanced configuration": `adot-col-prom-metrics`,
 *   `adot-col-otlp-ingest`, `adot-col-container-logs` in `opentelemetry-operator-system`,
 *   each with its managed policy), and the Network Flow Monitor agent's from the CloudWatch
 *   User Guide ("Configure permissions for agents to deliver metrics":
 *   `aws-network-flow-monitor-agent-service-account` in `amazon-network-flow-monitor`; its
 *   troubleshooting page says add-on v1.0.1 renamed it from
 *   `aws-network-flow-monitoring-agent-service-account`).
 */
import type { PresetName } from "../presets/registry";

/**
 * The permissions a role made for an add-on's service account gets when none are given: a
 * permission preset of this package (least privilege, with its options), or an AWS managed
 * policy, by name (`arn:<partition>:iam::aws:policy/<name>`).
 */
export type AddonPermissions = { preset: PresetName } | { managedPolicy: string };

/** What this package knows about one EKS add-on that supports Pod Identity associations. */
/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/** What this package knows about one AWS add-on that supports Pod Identity associations. */
export interface KnownAddon {
    /**
     * The service accounts that take a role (DescribeAddonConfiguration's
     * `podIdentityConfiguration`). With one, it is the default `serviceAccount`; with several,
     * the user chooses.
     */
    serviceAccounts: string[];
    /** The namespace the add-on installs into (EKS's default; `namespaceConfig` not set). */
    namespace: string;
    /** The oldest add-on version that accepts Pod Identity associations, when AWS documents it. */
    minimumVersion?: string;
    /**
     * The permission preset that fits the add-on, when this package has one: suggested when a
     * role is missing, and the default permissions of every service account not in
     * `permissions`.
     */
    preset?: PresetName;
    /** Default permissions by service account, where they differ from `preset`. */
    permissions?: { [serviceAccount: string]: AddonPermissions };
    /**
     * The add-on's software must keep running when its component is deleted: it is what
     * every pod's network runs on (the VPC CNI). Its `preserve` defaults to true.
     */
    keepSoftwareOnDelete?: boolean;
    /** Published by AWS, or a community add-on that EKS publishes. */
    publisher: "aws" | "community";
}

/** The known add-ons, by EKS add-on name. */
export const KNOWN_ADDONS: { readonly [addonName: string]: KnownAddon } = {
    "vpc-cni": {
        serviceAccounts: ["aws-node"],
        namespace: "kube-system",
        minimumVersion: "v1.15.5-eksbuild.1",
        preset: "vpcCni",
        keepSoftwareOnDelete: true,
        publisher: "aws",
    },
    "aws-ebs-csi-driver": {
        serviceAccounts: ["ebs-csi-controller-sa"],
        namespace: "kube-system",
        minimumVersion: "v1.26.0-eksbuild.1",
        preset: "ebsCsi",
        publisher: "aws",
    },
    "aws-efs-csi-driver": {
        serviceAccounts: ["efs-csi-controller-sa"],
        namespace: "kube-system",
        minimumVersion: "v2.0.5-eksbuild.1",
        preset: "efsCsi",
        publisher: "aws",
    },
    "aws-mountpoint-s3-csi-driver": {
        serviceAccounts: ["s3-csi-driver-sa"],
        namespace: "kube-system",
        preset: "mountpointS3Csi",
        publisher: "aws",
    },
    "aws-fsx-csi-driver": {
        serviceAccounts: ["fsx-csi-controller-sa"],
        namespace: "kube-system",
        preset: "fsxLustreCsi",
        publisher: "aws",
    },
    adot: {
        serviceAccounts: [
            "adot-col-prom-metrics",
            "adot-col-otlp-ingest",
            "adot-col-container-logs",
        ],
        namespace: "opentelemetry-operator-system",
        minimumVersion: "v0.94.1-eksbuild.1",
        preset: "adotCollector",
        // ADOT add-on docs, one page per preconfigured collector.
        permissions: {
            "adot-col-prom-metrics": { managedPolicy: "AmazonPrometheusRemoteWriteAccess" },
            "adot-col-otlp-ingest": { managedPolicy: "AWSXrayWriteOnlyAccess" },
            "adot-col-container-logs": { managedPolicy: "CloudWatchAgentServerPolicy" },
        },
        publisher: "aws",
    },
    "amazon-cloudwatch-observability": {
        serviceAccounts: ["cloudwatch-agent"],
        namespace: "amazon-cloudwatch",
        minimumVersion: "v3.1.0-eksbuild.1",
        preset: "cloudwatchObservability",
        publisher: "aws",
    },
    "aws-privateca-connector-for-kubernetes": {
        serviceAccounts: ["aws-privateca-issuer"],
        namespace: "aws-privateca-issuer",
        // The guide names AWSPrivateCAConnectorForKubernetesPolicy (every CA of the account);
        // the preset limits the role to the CAs given.
        preset: "privateCaIssuer",
        publisher: "aws",
    },
    "aws-network-flow-monitoring-agent": {
        serviceAccounts: ["aws-network-flow-monitor-agent-service-account"],
        namespace: "amazon-network-flow-monitor",
        permissions: {
            "aws-network-flow-monitor-agent-service-account": {
                managedPolicy: "CloudWatchNetworkFlowMonitorAgentPublishPolicy",
            },
        },
        publisher: "aws",
    },
    "external-dns": {
        serviceAccounts: ["external-dns"],
        namespace: "external-dns",
        // The guide names AmazonRoute53FullAccess and says the permissions "can be reduced" to
        // the hosted zones managed: the preset does that.
        preset: "externalDns",
        publisher: "community",
    },
    "fluent-bit": {
        serviceAccounts: ["fluent-bit"],
        namespace: "fluent-bit",
        // No permissions by default (the guide); the outputs configured decide them.
        preset: "fluentBit",
        publisher: "community",
    },
};

/** The add-on's entry, or undefined for an add-on this package does not know. */
export function knownAddon(addonName: string): KnownAddon | undefined {
    return Object.prototype.hasOwnProperty.call(KNOWN_ADDONS, addonName)
        ? KNOWN_ADDONS[addonName]
        : undefined;
}

/**
 * The default permissions of a known add-on's service account: its own entry in
 * `permissions`, else the add-on's preset. Undefined for unknown add-ons and service accounts.
 */
export function defaultPermissions(
    addonName: string,
    serviceAccount: string,
): AddonPermissions | undefined {
    const known = knownAddon(addonName);
    if (!known || !known.serviceAccounts.includes(serviceAccount)) {
        return undefined;
    }
    const own = known.permissions?.[serviceAccount];
    if (own) {
        return own;
    }
    return known.preset ? { preset: known.preset } : undefined;
}
