import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md (full
// features policy, cluster-autoscaler-1.36.1): scaling calls limited here to groups with the
// `k8s.io/cluster-autoscaler/<cluster>` auto-discovery tag. autoscaling:DescribeTags left the
// policy in 2022 when auto-discovery moved to DescribeAutoScalingGroups filters.

/** Options of the `clusterAutoscaler` preset. */
export interface ClusterAutoscalerOptions {
    /**
     * Names of the clusters whose Auto Scaling groups the autoscaler may resize: only groups
     * tagged `k8s.io/cluster-autoscaler/<name>` (managed node groups carry it). Required.
     */
    clusterNames: pulumi.Input<string>[];
}

export const clusterAutoscaler = definePreset<ClusterAutoscalerOptions>({
    title: "Cluster Autoscaler",
    description:
        "Describes Auto Scaling groups, launch templates, instance types and node groups; sets capacity and terminates instances only in groups tagged `k8s.io/cluster-autoscaler/<cluster>` for the given clusters.",
    options: { clusterNames: "required" },
    example: { clusterNames: ["prod-eu", "prod-us"] },
    upstream: {
        source: "kubernetes/autoscaler:cluster-autoscaler/cloudprovider/aws/README.md",
        version: "cluster-autoscaler-1.36.1",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => [
        allow(
            "Describe",
            [
                "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeScalingActivities",
                "ec2:DescribeImages",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplateVersions",
                "ec2:GetInstanceTypesFromInstanceRequirements",
            ],
            ANY_RESOURCE,
        ),
        allow(
            "DescribeNodeGroups",
            ["eks:DescribeNodegroup"],
            o.clusterNames.map((cluster) => arn(context, "eks", `nodegroup/${cluster}/*/*`)),
        ),
        // One statement per cluster: condition keys in one statement are ANDed, statements ORed.
        ...o.clusterNames.map((cluster, index) =>
            allow(
                `ScaleGroupsOfCluster${index}`,
                [
                    "autoscaling:SetDesiredCapacity",
                    "autoscaling:TerminateInstanceInAutoScalingGroup",
                ],
                [arn(context, "autoscaling", "autoScalingGroup:*:autoScalingGroupName/*")],
                { Null: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: ["false"] } },
            ),
        ),
    ],
});
