import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { bucketArn, keyPrefixes, objectArns } from "./s3Paths";
import { allow, ANY_RESOURCE, arn, kmsEncryptDecrypt } from "./statements";

// Facts from vmware-tanzu/velero-plugin-for-aws README (set permissions for Velero): backups in
// S3; EBS snapshots created with the `velero.io/backup` tag, volumes restored from them.

/** Options of the `velero` preset. */
export interface VeleroOptions {
    /** The backup buckets (BackupStorageLocation), as ARNs or bare names. Required. */
    bucketArns: pulumi.Input<string>[];
    /** Key prefixes of the backups (the location's `prefix`). Default: the whole bucket. */
    prefixes?: pulumi.Input<string>[];
    /**
     * EBS snapshot backups and restores (VolumeSnapshotLocation): create volumes and
     * snapshots, delete only snapshots tagged `velero.io/backup`. Default: true.
     */
    volumeSnapshots?: pulumi.Input<boolean>;
    /** ARNs of customer managed KMS keys of the bucket or the volumes. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const velero = definePreset<VeleroOptions>({
    title: "Velero (AWS plugin)",
    description:
        "Reads, writes and deletes backups in the given buckets and prefixes; unless `volumeSnapshots` is false, snapshots EBS volumes, restores volumes from snapshots and deletes only snapshots tagged `velero.io/backup`.",
    options: {
        bucketArns: "required",
        prefixes: "optional",
        volumeSnapshots: "optional",
        kmsKeyArns: "optional",
    },
    example: { bucketArns: ["arn:aws:s3:::cluster-backups"], prefixes: ["prod/"] },
    upstream: { source: "vmware-tanzu/velero-plugin-for-aws:README.md", version: "v1.13.2" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes. (velero-plugin-for-aws)",
    },
    statements: (o, context) => {
        const buckets = o.bucketArns.map((b) => bucketArn(context, b));
        const volumes = arn(context, "ec2", "volume/*", { account: "*" });
        const snapshots = arn(context, "ec2", "snapshot/*", { account: "*" });
        const statements = [
            allow("ListBackupBuckets", ["s3:ListBucket"], buckets),
            allow(
                "ReadWriteBackups",
                [
                    "s3:AbortMultipartUpload",
                    "s3:DeleteObject",
                    "s3:GetObject",
                    "s3:ListMultipartUploadParts",
                    "s3:PutObject",
                    "s3:PutObjectTagging",
                ],
                objectArns(buckets, keyPrefixes(o.prefixes, undefined)),
            ),
        ];
        if (o.volumeSnapshots !== false) {
            statements.push(
                allow("Describe", ["ec2:DescribeSnapshots", "ec2:DescribeVolumes"], ANY_RESOURCE),
                allow(
                    "SnapshotAndRestoreVolumes",
                    ["ec2:CreateSnapshot", "ec2:CreateVolume"],
                    [volumes, snapshots],
                ),
                allow("TagOnCreate", ["ec2:CreateTags"], [volumes, snapshots], {
                    StringEquals: { "ec2:CreateAction": ["CreateSnapshot", "CreateVolume"] },
                }),
                allow("DeleteBackupSnapshots", ["ec2:DeleteSnapshot"], [snapshots], {
                    StringLike: { "ec2:ResourceTag/velero.io/backup": ["*"] },
                }),
            );
        }
        return [
            ...statements,
            ...kmsEncryptDecrypt("UseBackupKeys", o.kmsKeyArns),
            ...(o.kmsKeyArns && o.kmsKeyArns.length > 0 && o.volumeSnapshots !== false
                ? [
                      allow("GrantKeysToEbs", ["kms:CreateGrant"], o.kmsKeyArns, {
                          Bool: { "kms:GrantIsForAWSResource": ["true"] },
                      }),
                  ]
                : []),
        ];
    },
});
