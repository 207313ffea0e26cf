import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from kubernetes-sigs/aws-ebs-csi-driver docs/example-iam-policy.json (v1.64.0): the driver tags
// the volumes and snapshots it creates (`ebs.csi.aws.com/cluster=true`, `CSIVolumeName`,
// `CSIVolumeSnapshotName`) and deletes or locks (v1.59+) only snapshots that carry one of those
// tags; it reads instance types for volume limits. KMS grants follow the driver's
// docs/install.md "Set up driver permissions" (customer managed keys), not the example policy.

/** Options of the `ebsCsi` preset. */
export interface EbsCsiOptions {
    /**
     * ARNs of customer managed KMS keys for encrypted volumes (the StorageClass `kmsKeyId`):
     * grants for EBS and data-key use on them. Default: none (AWS managed `aws/ebs` key only).
     */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const ebsCsi = definePreset<EbsCsiOptions>({
    title: "Amazon EBS CSI driver",
    description:
        "Upstream's policy: creates, attaches, modifies, snapshots and copies volumes; creates, deletes and locks only volumes and snapshots tagged by the driver; optional KMS grants for encrypted volumes.",
    options: { kmsKeyArns: "optional" },
    example: {
        kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    },
    upstream: {
        source: "kubernetes-sigs/aws-ebs-csi-driver:docs/example-iam-policy.json",
        version: "v1.64.0",
    },
    minimumVersion: {
        status: "known",
        version: "v1.26.0-eksbuild.1",
        of: "eks-addon",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html",
        evidence:
            "The EKS User Guide's Pod Identity support reference lists the aws-ebs-csi-driver add-on from v1.26.0-eksbuild.1 (eks/knownAddons.ts keeps the same minimum); a self-managed install needs the matching driver release.",
    },
    statements: (o, context) => {
        const volumes = [arn(context, "ec2", "volume/*", { account: "*" })];
        const snapshots = [arn(context, "ec2", "snapshot/*", { account: "*" })];
        const instances = [arn(context, "ec2", "instance/*", { account: "*" })];
        const like = (key: string, value: string) => ({ StringLike: { [key]: [value] } });
        const keys = o.kmsKeyArns ?? [];
        return [
            allow(
                "Describe",
                [
                    "ec2:DescribeAvailabilityZones",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeInstances",
                    "ec2:DescribeSnapshots",
                    "ec2:DescribeTags",
                    "ec2:DescribeVolumeStatus",
                    "ec2:DescribeVolumes",
                    "ec2:DescribeVolumesModifications",
                ],
                ANY_RESOURCE,
            ),
            allow("SnapshotAndModifyVolumes", ["ec2:CreateSnapshot", "ec2:ModifyVolume"], volumes),
            allow("CopyVolumes", ["ec2:CopyVolumes"], volumes),
            allow(
                "AttachVolumes",
                ["ec2:AttachVolume", "ec2:DetachVolume"],
                [...volumes, ...instances],
            ),
            allow(
                "CreateVolumesFromSnapshots",
                ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
                snapshots,
            ),
            allow("TagOnCreate", ["ec2:CreateTags"], [...volumes, ...snapshots], {
                StringEquals: {
                    "ec2:CreateAction": ["CopyVolumes", "CreateSnapshot", "CreateVolume"],
                },
            }),
            allow("Untag", ["ec2:DeleteTags"], [...volumes, ...snapshots]),
            allow(
                "CreateClusterVolumes",
                ["ec2:CopyVolumes", "ec2:CreateVolume"],
                volumes,
                like("aws:RequestTag/ebs.csi.aws.com/cluster", "true"),
            ),
            allow(
                "CreateNamedVolumes",
                ["ec2:CopyVolumes", "ec2:CreateVolume"],
                volumes,
                like("aws:RequestTag/CSIVolumeName", "*"),
            ),
            allow(
                "DeleteClusterVolumes",
                ["ec2:DeleteVolume"],
                volumes,
                like("ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"),
            ),
            allow(
                "DeleteNamedVolumes",
                ["ec2:DeleteVolume"],
                volumes,
                like("ec2:ResourceTag/CSIVolumeName", "*"),
            ),
            allow(
                "DeletePvcVolumes",
                ["ec2:DeleteVolume"],
                volumes,
                like("ec2:ResourceTag/kubernetes.io/created-for/pvc/name", "*"),
            ),
            allow(
                "CreateNamedSnapshots",
                ["ec2:CreateSnapshot"],
                snapshots,
                like("aws:RequestTag/CSIVolumeSnapshotName", "*"),
            ),
            allow(
                "CreateClusterSnapshots",
                ["ec2:CreateSnapshot"],
                snapshots,
                like("aws:RequestTag/ebs.csi.aws.com/cluster", "true"),
            ),
            allow(
                "DeleteNamedSnapshots",
                ["ec2:DeleteSnapshot", "ec2:LockSnapshot"],
                snapshots,
                like("ec2:ResourceTag/CSIVolumeSnapshotName", "*"),
            ),
            allow(
                "DeleteClusterSnapshots",
                ["ec2:DeleteSnapshot", "ec2:LockSnapshot"],
                snapshots,
                like("ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"),
            ),
            ...(keys.length > 0
                ? [
                      allow(
                          "GrantKeysToEbs",
                          ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                          keys,
                          { Bool: { "kms:GrantIsForAWSResource": ["true"] } },
                      ),
                      allow(
                          "UseKeys",
                          [
                              "kms:Decrypt",
                              "kms:DescribeKey",
                              "kms:Encrypt",
                              "kms:GenerateDataKey",
                              "kms:GenerateDataKeyWithoutPlaintext",
                              "kms:ReEncryptFrom",
                              "kms:ReEncryptTo",
                          ],
                          keys,
                      ),
                  ]
                : []),
        ];
    },
});
