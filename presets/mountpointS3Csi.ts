import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { bucketArn, keyPrefixes, listPrefixCondition, objectArns } from "./s3Paths";
import { allow, kmsDecrypt, kmsEncryptDecrypt, viaService } from "./statements";

// Facts from awslabs/mountpoint-s3 doc/CONFIGURATION.md (IAM permissions): ListBucket on the
// bucket; GetObject to read; PutObject and AbortMultipartUpload to write; DeleteObject for
// `--allow-delete`.

/** Options of the `mountpointS3Csi` preset. */
export interface MountpointS3CsiOptions {
    /** The buckets mounted, as ARNs or bare names. Required. */
    bucketArns: pulumi.Input<string>[];
    /** Key prefixes mounted (the volume's `prefix` mount option). Default: the whole bucket. */
    prefixes?: pulumi.Input<string>[];
    /** Mount read-only: no write or delete permissions. Default: false. */
    readOnly?: pulumi.Input<boolean>;
    /** ARNs of customer managed KMS keys the buckets encrypt with (SSE-KMS); used only through S3. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const mountpointS3Csi = definePreset<MountpointS3CsiOptions>({
    title: "Mountpoint for Amazon S3 CSI driver",
    description:
        "Lists and reads the mounted buckets (under the given prefixes) and, unless `readOnly`, writes and deletes objects there; uses the given KMS keys through S3.",
    options: {
        bucketArns: "required",
        prefixes: "optional",
        readOnly: "optional",
        kmsKeyArns: "optional",
    },
    example: { bucketArns: ["arn:aws:s3:::shared-datasets"], prefixes: ["models/"] },
    upstream: {
        source: "awslabs/mountpoint-s3:doc/CONFIGURATION.md",
        version: "mountpoint-s3-1.23.0",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "The EKS User Guide's support table (retreive-iam-info, October 2024) lists Mountpoint for Amazon S3 (driver v1) without Pod Identity; the v2 driver's add-on supports it, but its first version was not verified here.",
    },
    statements: (o, context) => {
        const buckets = o.bucketArns.map((b) => bucketArn(context, b));
        const prefixes = keyPrefixes(o.prefixes, undefined);
        const objectActions =
            o.readOnly === true
                ? ["s3:GetObject"]
                : ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"];
        return [
            allow("ListMountedBuckets", ["s3:ListBucket"], buckets, listPrefixCondition(prefixes)),
            allow("AccessMountedObjects", objectActions, objectArns(buckets, prefixes)),
            ...(o.readOnly === true ? kmsDecrypt : kmsEncryptDecrypt)(
                "UseBucketKeys",
                o.kmsKeyArns,
                viaService(context, "s3"),
            ),
        ];
    },
});
