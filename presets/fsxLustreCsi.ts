import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from kubernetes-sigs/aws-fsx-csi-driver docs: dynamic provisioning creates and deletes
// file systems, links them to S3 through the `s3.data-source.lustre.fsx.amazonaws.com`
// service-linked role, and resizes them with UpdateFileSystem.

/** Options of the `fsxLustreCsi` preset. */
export interface FsxLustreCsiOptions {
    /** ARNs of the S3 buckets used as data repositories (`s3ImportPath`). Default: any bucket. */
    s3BucketArns?: pulumi.Input<string>[];
}

export const fsxLustreCsi = definePreset<FsxLustreCsiOptions>({
    title: "Amazon FSx for Lustre CSI driver",
    description:
        "Upstream's policy limited to the role's account: creates, describes, resizes, tags and deletes FSx file systems, creates FSx's service-linked roles, and lists the given data-repository buckets.",
    options: { s3BucketArns: "optional" },
    example: { s3BucketArns: ["arn:aws:s3:::training-data"] },
    upstream: { source: "kubernetes-sigs/aws-fsx-csi-driver:docs/install.md", version: "v1.9.0" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "AWS documents no minimum for the aws-fsx-csi-driver add-on's Pod Identity support (EKS User Guide, retreive-iam-info), and the driver's releases were not checked here.",
    },
    statements: (o, context) => [
        allow(
            "CreateS3DataRepositoryRole",
            ["iam:AttachRolePolicy", "iam:CreateServiceLinkedRole", "iam:PutRolePolicy"],
            [
                arn(
                    context,
                    "iam",
                    "role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*",
                    { region: "" },
                ),
            ],
        ),
        allow("CreateFsxServiceLinkedRole", ["iam:CreateServiceLinkedRole"], ANY_RESOURCE, {
            StringLike: { "iam:AWSServiceName": ["fsx.amazonaws.com"] },
        }),
        allow(
            "ListDataRepositoryBuckets",
            ["s3:ListBucket"],
            o.s3BucketArns && o.s3BucketArns.length > 0
                ? o.s3BucketArns
                : [`arn:${context.partition}:s3:::*`],
        ),
        allow("DescribeFileSystems", ["fsx:DescribeFileSystems"], ANY_RESOURCE),
        allow(
            "ManageFileSystems",
            [
                "fsx:CreateFileSystem",
                "fsx:DeleteFileSystem",
                "fsx:TagResource",
                "fsx:UpdateFileSystem",
            ],
            [arn(context, "fsx", "file-system/*")],
        ),
    ],
});
