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
