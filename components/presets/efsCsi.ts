import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from kubernetes-sigs/aws-efs-csi-driver docs/iam-policy-example.json: dynamic
// provisioning creates one access point per volume, tagged `efs.csi.aws.com/cluster=true`, and
// deletes only access points with that tag.
const CLUSTER_TAG = "efs.csi.aws.com/cluster";

/** Options of the `efsCsi` preset. */
export interface EfsCsiOptions {
    /** ARNs of the file systems the driver may create access points in. Default: every file system of the account. */
    fileSystemArns?: pulumi.Input<string>[];
}

export const efsCsi = definePreset<EfsCsiOptions>({
    title: "Amazon EFS CSI driver",
    description:
        "Upstream's policy: describes file systems, mount targets and access points; creates access points (in the given file systems) only with the `efs.csi.aws.com/cluster` tag and deletes only access points with it.",
    options: { fileSystemArns: "optional" },
    example: {
        fileSystemArns: [
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
        ],
    },
    statements: (o, context) => {
        const fileSystems =
            o.fileSystemArns && o.fileSystemArns.length > 0
                ? o.fileSystemArns
                : [arn(context, "elasticfilesystem", "file-system/*")];
        const accessPoints = [arn(context, "elasticfilesystem", "access-point/*")];
        return [
            allow(
                "Describe",
                [
                    "ec2:DescribeAvailabilityZones",
                    "elasticfilesystem:DescribeAccessPoints",
                    "elasticfilesystem:DescribeFileSystems",
                    "elasticfilesystem:DescribeMountTargets",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "CreateTaggedAccessPoints",
                ["elasticfilesystem:CreateAccessPoint"],
                fileSystems,
                { StringLike: { [`aws:RequestTag/${CLUSTER_TAG}`]: ["true"] } },
            ),
            allow("TagOnCreate", ["elasticfilesystem:TagResource"], accessPoints, {
                StringLike: { [`aws:RequestTag/${CLUSTER_TAG}`]: ["true"] },
            }),
            allow(
                "DeleteTaggedAccessPoints",
                ["elasticfilesystem:DeleteAccessPoint"],
                accessPoints,
                {
                    StringEquals: { [`aws:ResourceTag/${CLUSTER_TAG}`]: ["true"] },
                },
            ),
        ];
    },
});
