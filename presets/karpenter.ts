import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allOf, allow, ANY_RESOURCE, arn, Conditions } from "./statements";

// Facts from aws/karpenter-provider-aws getting-started cloudformation.yaml (v1.14.1): everything
// Karpenter launches or creates carries `kubernetes.io/cluster/<cluster>=owned`,
// `eks:eks-cluster-name=<cluster>` and `karpenter.sh/nodepool`; instance profiles carry
// `karpenter.k8s.aws/ec2nodeclass` and `topology.kubernetes.io/region`. Since v1.11 it launches
// into placement groups, reads instance status and placement groups and the cluster's zonal
// shift state, and no longer calls DescribeAvailabilityZones or sqs:GetQueueAttributes.

/** Options of the `karpenter` preset. */
export interface KarpenterOptions {
    /** The EKS cluster Karpenter manages nodes for. Required. */
    clusterName: pulumi.Input<string>;
    /** ARNs of the node IAM roles Karpenter may pass to instances (`iam:PassRole`). Required. */
    nodeRoleArns: pulumi.Input<string>[];
    /** ARNs of the interruption queues (`settings.interruptionQueue`). Default: none (no interruption handling). */
    interruptionQueueArns?: pulumi.Input<string>[];
    /** The cluster's region, to which every action is then limited. Default: any region. */
    region?: pulumi.Input<string>;
}

export const karpenter = definePreset<KarpenterOptions>({
    title: "Karpenter",
    description:
        "Upstream's v1 controller policy: launches instances and fleets (also into placement groups), creates launch templates and instance profiles only with the cluster's ownership and NodePool tags, terminates and deletes only what carries them; passes only the given node roles; reads pricing, AMI parameters, the cluster's zonal shift state and the interruption queues.",
    options: {
        clusterName: "required",
        nodeRoleArns: "required",
        interruptionQueueArns: "optional",
        region: "optional",
    },
    example: {
        clusterName: "prod",
        nodeRoleArns: ["arn:aws:iam::123456789012:role/KarpenterNodeRole-prod"],
        interruptionQueueArns: ["arn:aws:sqs:us-east-1:123456789012:prod-karpenter"],
        region: "us-east-1",
    },
    upstream: {
        source: "aws/karpenter-provider-aws:website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml",
        version: "v1.14.1",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => {
        const region = o.region ?? "*";
        const ec2 = (type: string, account = "*") =>
            arn(context, "ec2", `${type}/*`, { region, account });
        const owned = `kubernetes.io/cluster/${o.clusterName}`;
        const requestTags: Conditions = {
            StringEquals: {
                [`aws:RequestTag/${owned}`]: ["owned"],
                "aws:RequestTag/eks:eks-cluster-name": [o.clusterName],
            },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": ["*"] },
        };
        const resourceTags: Conditions = {
            StringEquals: { [`aws:ResourceTag/${owned}`]: ["owned"] },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": ["*"] },
        };
        const regionTag = (kind: "Request" | "Resource") =>
            o.region ? { [`aws:${kind}Tag/topology.kubernetes.io/region`]: [o.region] } : {};
        const created = [
            ec2("fleet"),
            ec2("instance"),
            ec2("launch-template"),
            ec2("network-interface"),
            ec2("spot-instances-request"),
            ec2("volume"),
        ];
        const instanceProfiles = [arn(context, "iam", "instance-profile/*", { region: "" })];
        const cluster = arn(context, "eks", `cluster/${o.clusterName}`, { region });
        return [
            allow(
                "AllowScopedEC2InstanceAccessActions",
                ["ec2:CreateFleet", "ec2:RunInstances"],
                [
                    ec2("image", ""),
                    ec2("snapshot", ""),
                    ec2("security-group"),
                    ec2("subnet"),
                    ec2("capacity-reservation"),
                    ec2("placement-group"),
                ],
            ),
            allow(
                "AllowScopedEC2LaunchTemplateAccessActions",
                ["ec2:CreateFleet", "ec2:RunInstances"],
                [ec2("launch-template")],
                resourceTags,
            ),
            allow(
                "AllowScopedEC2InstanceActionsWithTags",
                ["ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:RunInstances"],
                created,
                requestTags,
            ),
            allow(
                "AllowScopedResourceCreationTagging",
                ["ec2:CreateTags"],
                created,
                allOf(requestTags, {
                    StringEquals: {
                        "ec2:CreateAction": ["CreateFleet", "CreateLaunchTemplate", "RunInstances"],
                    },
                }),
            ),
            allow(
                "AllowScopedResourceTagging",
                ["ec2:CreateTags"],
                [ec2("instance")],
                allOf(resourceTags, {
                    StringEqualsIfExists: {
                        "aws:RequestTag/eks:eks-cluster-name": [o.clusterName],
                    },
                    "ForAllValues:StringEquals": {
                        "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
                    },
                }),
            ),
            allow(
                "AllowScopedDeletion",
                ["ec2:DeleteLaunchTemplate", "ec2:TerminateInstances"],
                [ec2("instance"), ec2("launch-template")],
                resourceTags,
            ),
            allow(
                "AllowRegionalReadActions",
                [
                    "ec2:DescribeCapacityReservations",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstanceStatus",
                    "ec2:DescribeInstanceTypeOfferings",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeInstances",
                    "ec2:DescribeLaunchTemplates",
                    "ec2:DescribePlacementGroups",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSpotPriceHistory",
                    "ec2:DescribeSubnets",
                ],
                ANY_RESOURCE,
                o.region ? { StringEquals: { "aws:RequestedRegion": [o.region] } } : undefined,
            ),
            allow(
                "AllowSSMReadActions",
                ["ssm:GetParameter"],
                [arn(context, "ssm", "parameter/aws/service/*", { region, account: "" })],
            ),
            allow("AllowPricingReadActions", ["pricing:GetProducts"], ANY_RESOURCE),
            ...(o.interruptionQueueArns && o.interruptionQueueArns.length > 0
                ? [
                      allow(
                          "AllowInterruptionQueueActions",
                          ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
                          o.interruptionQueueArns,
                      ),
                  ]
                : []),
            allow("AllowPassingInstanceRole", ["iam:PassRole"], o.nodeRoleArns, {
                StringEquals: {
                    "iam:PassedToService": [
                        "ec2.amazonaws.com",
                        ...(context.partition === "aws-cn" ? ["ec2.amazonaws.com.cn"] : []),
                    ],
                },
            }),
            allow(
                "AllowScopedInstanceProfileCreationActions",
                ["iam:CreateInstanceProfile"],
                instanceProfiles,
                {
                    StringEquals: { ...requestTags.StringEquals, ...regionTag("Request") },
                    StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": ["*"] },
                },
            ),
            allow(
                "AllowScopedInstanceProfileTagActions",
                ["iam:TagInstanceProfile"],
                instanceProfiles,
                {
                    StringEquals: {
                        [`aws:ResourceTag/${owned}`]: ["owned"],
                        ...regionTag("Resource"),
                        ...requestTags.StringEquals,
                        ...regionTag("Request"),
                    },
                    StringLike: {
                        "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": ["*"],
                        "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": ["*"],
                    },
                },
            ),
            allow(
                "AllowScopedInstanceProfileActions",
                [
                    "iam:AddRoleToInstanceProfile",
                    "iam:DeleteInstanceProfile",
                    "iam:RemoveRoleFromInstanceProfile",
                ],
                instanceProfiles,
                {
                    StringEquals: {
                        [`aws:ResourceTag/${owned}`]: ["owned"],
                        ...regionTag("Resource"),
                    },
                    StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": ["*"] },
                },
            ),
            allow("AllowInstanceProfileReadActions", ["iam:GetInstanceProfile"], instanceProfiles),
            allow(
                "AllowUnscopedInstanceProfileListAction",
                ["iam:ListInstanceProfiles"],
                ANY_RESOURCE,
            ),
            allow("AllowAPIServerEndpointDiscovery", ["eks:DescribeCluster"], [cluster]),
            // Upstream compares with StringEquals against the cluster ARN in its region; without a
            // region the ARN holds a wildcard, which only StringLike matches.
            allow(
                "AllowZonalShiftStatusReadOnly",
                ["arc-zonal-shift:GetManagedResource"],
                ANY_RESOURCE,
                {
                    [o.region ? "StringEquals" : "StringLike"]: {
                        "arc-zonal-shift:ResourceIdentifier": [cluster],
                    },
                },
            ),
        ];
    },
});
