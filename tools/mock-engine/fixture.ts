/**
 * What the mock cloud answers: the account, partition and clusters a program sees. Every
 * field has a realistic default, so a plan needs no fixture at all; a stack file or a test
 * overrides only what it cares about.
 */
export interface ClusterFixture {
    /** Kubernetes version. Default: the fixture's `kubernetesVersion`. */
    version?: string;
    /** EKS Auto Mode (compute config enabled). Default: false. */
    autoMode?: boolean;
    /** API server endpoint. Default: a generated `https://<hex>.gr7.<region>.eks.amazonaws.com`. */
    endpoint?: string;
    /** The cluster's IP family (`kubernetesNetworkConfig.ipFamily`). Default: `ipv4`. */
    ipFamily?: "ipv4" | "ipv6";
}

export interface MockFixture {
    /** Account of the default provider and of providers that name no account. Default: 123456789012. */
    accountId?: string;
    /** Region of the default provider. Default: us-east-1. */
    region?: string;
    /** Kubernetes version of clusters the fixture does not list. Default: 1.33. */
    kubernetesVersion?: string;
    /** Clusters by name. Default: none listed; every cluster is answered. */
    clusters?: { [clusterName: string]: ClusterFixture };
    /** Outputs of the stacks a program reads through StackReference, by stack name. Default: none. */
    stackOutputs?: { [stackName: string]: { [output: string]: unknown } };
    /** Agent add-on versions by Kubernetes version. Default: see `agentVersions`. */
    addonVersions?: { [kubernetesVersion: string]: { default: string; latest: string } };
    /**
     * Versions by add-on name (any Kubernetes version); for the agent, `addonVersions` by
     * Kubernetes version comes first. Default: see `OTHER_ADDON_VERSIONS` and `agentVersions`.
     */
    otherAddonVersions?: { [addonName: string]: { default: string; latest: string } };
}

/**
 * Versions answered for add-ons other than the agent: of the shape DescribeAddonVersions
 * returns and recent enough for Pod Identity associations, as AWS's current defaults are.
 */
export const OTHER_ADDON_VERSIONS: { [addonName: string]: { default: string; latest: string } } = {
    "vpc-cni": { default: "v1.19.5-eksbuild.1", latest: "v1.20.4-eksbuild.1" },
    "aws-ebs-csi-driver": { default: "v1.45.0-eksbuild.2", latest: "v1.48.0-eksbuild.2" },
    "aws-efs-csi-driver": { default: "v2.1.9-eksbuild.1", latest: "v2.1.11-eksbuild.1" },
    "aws-fsx-csi-driver": { default: "v1.5.0-eksbuild.1", latest: "v1.6.0-eksbuild.1" },
    "aws-mountpoint-s3-csi-driver": { default: "v1.15.0-eksbuild.1", latest: "v2.1.0-eksbuild.1" },
    adot: { default: "v0.131.0-eksbuild.1", latest: "v0.141.0-eksbuild.1" },
    "amazon-cloudwatch-observability": {
        default: "v4.1.0-eksbuild.1",
        latest: "v4.4.0-eksbuild.1",
    },
};

/** The versions answered for an add-on. */
export function addonVersionsOf(
    fixture: MockFixture,
    addonName: string,
    kubernetesVersion: string,
): { default: string; latest: string } {
    if (addonName === "eks-pod-identity-agent") {
        return (
            fixture.addonVersions?.[kubernetesVersion] ??
            fixture.otherAddonVersions?.[addonName] ??
            agentVersions(fixture, kubernetesVersion)
        );
    }
    return (
        fixture.otherAddonVersions?.[addonName] ??
        OTHER_ADDON_VERSIONS[addonName] ?? {
            default: "v1.0.0-eksbuild.1",
            latest: "v1.0.1-eksbuild.1",
        }
    );
}

/** The `eks-pod-identity-agent` versions answered when the fixture lists none. */
export function agentVersions(
    fixture: MockFixture,
    kubernetesVersion: string,
): { default: string; latest: string } {
    return (
        fixture.addonVersions?.[kubernetesVersion] ?? {
            default: "v1.3.8-eksbuild.2",
            latest: "v1.3.10-eksbuild.2",
        }
    );
}

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    if (region.startsWith("eusc-")) {
        return "aws-eusc";
    }
    return "aws";
}

/** The DNS suffix of a partition's endpoints. */
export function dnsSuffixOf(partition: string): string {
    return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Lays one fixture over another: top-level fields of `override` win, and the per-name maps
 * (`clusters`, `stackOutputs`, `addonVersions`) merge entry by entry. Either may be
 * undefined or not yet validated.
 */
export function mergeFixtures(base: unknown, override: unknown): unknown {
    if (!isRecord(base) || !isRecord(override)) {
        return override ?? base;
    }
    const merged: Record<string, unknown> = { ...base, ...override };
    for (const key of ["clusters", "stackOutputs", "addonVersions"]) {
        if (isRecord(base[key]) && isRecord(override[key])) {
            merged[key] = { ...base[key], ...override[key] };
        }
    }
    return merged;
}
