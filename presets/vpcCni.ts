import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from the AmazonEKS_CNI_Policy managed policy (IPv4) and the EKS user guide's IPv6 CNI
// policy (aws/amazon-vpc-cni-k8s docs/iam-policy.md).

/** Options of the `vpcCni` preset. */
export interface VpcCniOptions {
    /** Grant what IPv4 clusters need (ENIs and secondary IPv4 addresses). Default: true. */
    ipv4?: pulumi.Input<boolean>;
    /** Grant what IPv6 clusters need (IPv6 prefix assignment). Default: false. */
    ipv6?: pulumi.Input<boolean>;
}

const DESCRIBE = [
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeInstances",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeTags",
];

export const vpcCni = definePreset<VpcCniOptions>({
    title: "Amazon VPC CNI (aws-node)",
    description:
        "The AmazonEKS_CNI_Policy for IPv4 (create, attach, delete ENIs and assign private IPs) and/or the IPv6 policy (assign IPv6 addresses); tags only network interfaces.",
    options: { ipv4: "optional", ipv6: "optional" },
    example: { ipv4: true, ipv6: true },
    upstream: { source: "aws/amazon-vpc-cni-k8s:docs/iam-policy.md", version: "v1.23.0" },
    minimumVersion: {
        status: "known",
        version: "v1.15.5-eksbuild.1",
        of: "eks-addon",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html",
        evidence:
            "The EKS User Guide's Pod Identity support reference lists the vpc-cni add-on from v1.15.5-eksbuild.1 (eks/knownAddons.ts keeps the same minimum); a self-managed install needs the matching driver release.",
    },
    statements: (o, context) => {
        const statements = [
            allow("Describe", DESCRIBE, ANY_RESOURCE),
            allow(
                "TagNetworkInterfaces",
                ["ec2:CreateTags"],
                [arn(context, "ec2", "network-interface/*", { account: "*" })],
            ),
        ];
        if (o.ipv4 !== false) {
            // ENIs of nodes are not created by the CNI, so upstream cannot scope these by tag.
            statements.push(
                allow(
                    "ManageIpv4Interfaces",
                    [
                        "ec2:AssignPrivateIpAddresses",
                        "ec2:AttachNetworkInterface",
                        "ec2:CreateNetworkInterface",
                        "ec2:DeleteNetworkInterface",
                        "ec2:DetachNetworkInterface",
                        "ec2:ModifyNetworkInterfaceAttribute",
                        "ec2:UnassignPrivateIpAddresses",
                    ],
                    ANY_RESOURCE,
                ),
            );
        }
        if (o.ipv6 === true) {
            statements.push(
                allow("AssignIpv6Addresses", ["ec2:AssignIpv6Addresses"], ANY_RESOURCE),
            );
        }
        return statements;
    },
});
