/**
 * A cluster's IP family, and what it changes: the VPC CNI's permissions. An IPv4 cluster's
 * CNI needs the AmazonEKS_CNI_Policy permissions (network interfaces and secondary IPv4
 * addresses); an IPv6 cluster's needs the "IPv6 mode" policy of amazon-vpc-cni-k8s
 * docs/iam-policy.md (`ec2:AssignIpv6Addresses`, the describes and network-interface
 * tagging; read at v1.23.0, commit 0c65d58, tests/fixtures/upstream/vpcCni.json), as the EKS
 * User Guide's "Amazon VPC CNI plugin for Kubernetes" add-on page says. The family is fixed
 * when the cluster is created (DescribeCluster `kubernetesNetworkConfig.ipFamily`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { VpcCniOptions } from "../presets/vpcCni";

/** The IP families of EKS clusters (`kubernetesNetworkConfig.ipFamily`). */
export const IP_FAMILIES = ["ipv4", "ipv6"] as const;

/** Why a value is not an IP family, or undefined when it is one. */
export function ipFamilyProblem(value: string): string | undefined {
    return (IP_FAMILIES as readonly string[]).includes(value)
        ? undefined
        : `"${value}" is not an EKS IP family: use "ipv4" or "ipv6" (the cluster's ` +
              `kubernetesNetworkConfig.ipFamily), or leave it out to read it from the cluster.`;
}

/** The cluster's IP family from its lookup; `ipv4` when EKS reports none. */
export function ipFamilyOf(
    cluster: pulumi.Output<aws.eks.GetClusterResult>,
): pulumi.Output<string> {
    return cluster.kubernetesNetworkConfigs.apply(
        (configs) => configs[0]?.ipFamily?.toLowerCase() || "ipv4",
    );
}

/**
 * The `vpcCni` preset options for the IP families of the clusters one role serves: what
 * IPv4 clusters need if any is IPv4, and the IPv6 policy if any is IPv6.
 */
export function vpcCniOptionsFor(families: pulumi.Input<string>[]): VpcCniOptions {
    const all = pulumi.all(families);
    return {
        ipv4: all.apply((list) => list.length === 0 || list.some((family) => family !== "ipv6")),
        ipv6: all.apply((list) => list.some((family) => family === "ipv6")),
    };
}
