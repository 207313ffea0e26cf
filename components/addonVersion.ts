import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kubernetesVersionProblem } from "./validation/kubernetes";

/** How an EKS add-on's version is chosen: `default`, `latest`, or an exact version. */
export interface AddonVersionChoice {
    /** The EKS add-on name, e.g. `eks-pod-identity-agent`. */
    addonName: string;
    /** The cluster, looked up for its Kubernetes version when that is not given. */
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version. Default: from `aws.eks.getCluster`. */
    kubernetesVersion?: pulumi.Input<string>;
    /** `default`, `latest` or an exact version. Default: `default`. */
    version?: string;
}

/**
 * The add-on version to install: an exact version as given, or AWS's choice for the
 * cluster's Kubernetes version (DescribeAddonVersions: the default version, or the most
 * recent with `latest`), with one DescribeCluster when the Kubernetes version is not given.
 * Lookups run with `owner` as their parent (and so its provider).
 */
export function resolveAddonVersion(
    choice: AddonVersionChoice,
    owner: pulumi.Resource,
): pulumi.Input<string> {
    const invokeOpts: pulumi.InvokeOutputOptions = { parent: owner };
    const version = choice.version ?? "default";
    if (version !== "default" && version !== "latest") {
        return version;
    }
    const kubernetesVersion =
        choice.kubernetesVersion ??
        aws.eks
            .getClusterOutput({ name: choice.clusterName }, invokeOpts)
            .version.apply((found) => {
                const problem = kubernetesVersionProblem(found);
                if (problem) {
                    throw new pulumi.ResourceError(`clusterName: ${problem}`, owner);
                }
                return found;
            });
    return aws.eks.getAddonVersionOutput(
        { addonName: choice.addonName, kubernetesVersion, mostRecent: version === "latest" },
        invokeOpts,
    ).version;
}

/** The numbers of an EKS add-on version `v<major>.<minor>.<patch>-eksbuild.<build>`. */
function versionNumbers(version: string): number[] | undefined {
    const match = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
    return match ? match.slice(1).map(Number) : undefined;
}

/** True when `version` is certainly older than `minimum` (both EKS add-on versions). */
export function addonVersionOlderThan(version: string, minimum: string): boolean {
    const have = versionNumbers(version);
    const need = versionNumbers(minimum);
    if (!have || !need) {
        return false;
    }
    for (let i = 0; i < need.length; i++) {
        if (have[i] !== need[i]) {
            return have[i] < need[i];
        }
    }
    return false;
}
