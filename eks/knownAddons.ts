/**
 * The AWS add-ons that take their IAM role through the add-on's own Pod Identity
 * associations: the service account(s) EKS associates, the namespace the add-on installs
 * into, the oldest version that accepts `podIdentityAssociations`, and the permission preset
 * that fits the add-on.
 *
 * Sources (refresh them here, nowhere else):
 * - Service accounts: `aws eks describe-addon-configuration --query podIdentityConfiguration`
 *   as the EKS User Guide shows it ("Retrieve IAM information about an Amazon EKS add-on",
 *   retreive-iam-info: `ebs-csi-controller-sa` for aws-ebs-csi-driver), each add-on's page
 *   ("Amazon EKS add-ons", workloads-add-ons-available-eks), the CloudWatch User Guide
 *   ("Install the CloudWatch agent with the Amazon CloudWatch Observability EKS add-on":
 *   `--pod-identity-associations serviceAccount=cloudwatch-agent`), and the eksctl User
 *   Guide ("EKS Pod Identity Associations": ADOT's `adot-col-prom-metrics`,
 *   `adot-col-otlp-ingest`, `adot-col-container-logs` in `opentelemetry-operator-system`).
 * - Minimum versions: the EKS User Guide's "Pod Identity Support Reference" table
 *   (retreive-iam-info, "last updated on October 28, 2024"). That table lists Mountpoint for
 *   Amazon S3 as not supporting Pod Identity (driver v1); the driver's v2 add-on does, with no
 *   documented minimum, so none is enforced for it. FSx for Lustre has no documented minimum
 *   either.
 */
import type { PresetName } from "../presets/registry";

/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/** What this package knows about one AWS add-on that supports Pod Identity associations. */
export interface KnownAddon {
    /**
     * The service accounts DescribeAddonConfiguration's `podIdentityConfiguration` lists. With
     * one, it is the default `serviceAccount`; with several, the user chooses.
     */
    serviceAccounts: string[];
    /** The namespace the add-on installs into (EKS's default; `namespaceConfig` not set). */
    namespace: string;
    /** The oldest add-on version that accepts Pod Identity associations, when AWS documents it. */
    minimumVersion?: string;
    /** The permission preset for the add-on's role. */
    preset: PresetName;
}

/** The known add-ons, by EKS add-on name. */
export const KNOWN_ADDONS: { readonly [addonName: string]: KnownAddon } = {
    "vpc-cni": {
        serviceAccounts: ["aws-node"],
        namespace: "kube-system",
        minimumVersion: "v1.15.5-eksbuild.1",
        preset: "vpcCni",
    },
    "aws-ebs-csi-driver": {
        serviceAccounts: ["ebs-csi-controller-sa"],
        namespace: "kube-system",
        minimumVersion: "v1.26.0-eksbuild.1",
        preset: "ebsCsi",
    },
    "aws-efs-csi-driver": {
        serviceAccounts: ["efs-csi-controller-sa"],
        namespace: "kube-system",
        minimumVersion: "v2.0.5-eksbuild.1",
        preset: "efsCsi",
    },
    "aws-mountpoint-s3-csi-driver": {
        serviceAccounts: ["s3-csi-driver-sa"],
        namespace: "kube-system",
        preset: "mountpointS3Csi",
    },
    "aws-fsx-csi-driver": {
        serviceAccounts: ["fsx-csi-controller-sa"],
        namespace: "kube-system",
        preset: "fsxLustreCsi",
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
    },
    "amazon-cloudwatch-observability": {
        serviceAccounts: ["cloudwatch-agent"],
        namespace: "amazon-cloudwatch",
        minimumVersion: "v3.1.0-eksbuild.1",
        preset: "cloudwatchObservability",
    },
};

/** The add-on's entry, or undefined for an add-on this package does not know. */
export function knownAddon(addonName: string): KnownAddon | undefined {
    return Object.prototype.hasOwnProperty.call(KNOWN_ADDONS, addonName)
        ? KNOWN_ADDONS[addonName]
        : undefined;
}
