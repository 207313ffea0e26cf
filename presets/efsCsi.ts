import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from kubernetes-sigs/aws-efs-csi-driver docs/iam-policy-example.json (v3.4.1): dynamic
// provisioning creates one access point per volume, tagged `efs.csi.aws.com/cluster=true`, and
// deletes only access points with that tag. From v3.0 the driver also provisions on Amazon S3
// Files file systems, with the same calls under the `s3files` service.
const CLUSTER_TAG = "efs.csi.aws.com/cluster";

/** Options of the `efsCsi` preset. */
export interface EfsCsiOptions {
    /** ARNs of the EFS file systems the driver may create access points in. Default: every EFS file system of the account. */
    fileSystemArns?: pulumi.Input<string>[];
    /**
     * ARNs of the Amazon S3 Files file systems (`arn:aws:s3files:<region>:<account>:file-system/<id>`)
     * the driver (v3.0 and later) may create access points in. Default: every S3 Files file system
     * of the account.
     */
    s3FilesFileSystemArns?: pulumi.Input<string>[];
}

export const efsCsi = definePreset<EfsCsiOptions>({
    title: "Amazon EFS CSI driver",
    description:
        "Upstream's policy: describes file systems, mount targets and access points; creates access points (in the given EFS and S3 Files file systems) only with the `efs.csi.aws.com/cluster` tag and deletes only access points with it.",
    options: { fileSystemArns: "optional", s3FilesFileSystemArns: "optional" },
    example: {
        fileSystemArns: [
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
        ],
    },
    upstream: {
        source: "kubernetes-sigs/aws-efs-csi-driver:docs/iam-policy-example.json",
        version: "v3.4.1",
    },
    minimumVersion: {
        status: "known",
        version: "v2.0.5-eksbuild.1",
        of: "eks-addon",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html",
        evidence:
            "The EKS User Guide's Pod Identity support reference lists the aws-efs-csi-driver add-on from v2.0.5-eksbuild.1 (eks/knownAddons.ts keeps the same minimum); a self-managed install needs the matching driver release.",
    },
    statements: (o, context) => {
        const fileSystems =
            o.fileSystemArns && o.fileSystemArns.length > 0
                ? o.fileSystemArns
                : [arn(context, "elasticfilesystem", "file-system/*")];
        const accessPoints = [arn(context, "elasticfilesystem", "access-point/*")];
        const s3FilesFileSystems =
            o.s3FilesFileSystemArns && o.s3FilesFileSystemArns.length > 0
                ? o.s3FilesFileSystemArns
                : [arn(context, "s3files", "file-system/*")];
        const s3FilesAccessPoints = [arn(context, "s3files", "file-system/*/access-point/*")];
        const requestTagged = { StringLike: { [`aws:RequestTag/${CLUSTER_TAG}`]: ["true"] } };
        const resourceTagged = { StringEquals: { [`aws:ResourceTag/${CLUSTER_TAG}`]: ["true"] } };
        return [
            allow(
                "Describe",
                [
                    "ec2:DescribeAvailabilityZones",
                    "elasticfilesystem:DescribeAccessPoints",
                    "elasticfilesystem:DescribeFileSystems",
                    "elasticfilesystem:DescribeMountTargets",
                    "s3files:ListAccessPoints",
                    "s3files:ListFileSystems",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "CreateTaggedAccessPoints",
                ["elasticfilesystem:CreateAccessPoint"],
                fileSystems,
                requestTagged,
            ),
            allow("TagOnCreate", ["elasticfilesystem:TagResource"], accessPoints, requestTagged),
            allow(
                "DeleteTaggedAccessPoints",
                ["elasticfilesystem:DeleteAccessPoint"],
                accessPoints,
                resourceTagged,
            ),
            allow(
                "CreateTaggedS3FilesAccessPoints",
                ["s3files:CreateAccessPoint"],
                s3FilesFileSystems,
                requestTagged,
            ),
            allow(
                "TagS3FilesAccessPointsOnCreate",
                ["s3files:TagResource"],
                s3FilesAccessPoints,
                requestTagged,
            ),
            allow(
                "DeleteTaggedS3FilesAccessPoints",
                ["s3files:DeleteAccessPoint"],
                s3FilesAccessPoints,
                resourceTagged,
            ),
        ];
    },
});
