import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { bucketArn, keyPrefixes, listPrefixCondition, objectArns } from "./s3Paths";
import { SessionTag } from "./sessionTags";
import { allow, kmsDecrypt, kmsEncryptDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `s3Read` and `s3ReadWrite` presets. */
export interface S3ObjectAccessOptions {
    /**
     * The buckets, as ARNs (`arn:aws:s3:::my-bucket`) or bare names. Required.
     */
    bucketArns: pulumi.Input<string>[];
    /**
     * Key prefixes the pod may use, e.g. `reports/` (S3 "folders"). Default: the whole bucket.
     */
    prefixes?: pulumi.Input<string>[];
    /**
     * Session tags (ABAC) whose values extend every prefix, in order: `["kubernetes-namespace"]`
     * gives each namespace the prefix `<namespace>/` (after `prefixes`, if set) with one shared
     * role. Needs session tags on the association. Default: none.
     */
    scopeBySessionTags?: SessionTag[];
    /**
     * ARNs of the customer managed KMS keys the buckets encrypt with (SSE-KMS); used only
     * through S3 (`kms:ViaService`). Default: none (SSE-S3 or AWS managed keys need none).
     */
    kmsKeyArns?: pulumi.Input<string>[];
}

/** Options of the `s3List` preset. */
export interface S3ListOptions {
    /** The buckets, as ARNs or bare names. Required. */
    bucketArns: pulumi.Input<string>[];
    /** Key prefixes the pod may list. Default: the whole bucket. */
    prefixes?: pulumi.Input<string>[];
    /** Session tags (ABAC) whose values extend every prefix; see `s3Read`. Default: none. */
    scopeBySessionTags?: SessionTag[];
}

const options = {
    bucketArns: "required",
    prefixes: "optional",
    scopeBySessionTags: "optional",
    kmsKeyArns: "optional",
} as const;

const example = {
    bucketArns: ["arn:aws:s3:::reports-bucket"],
    prefixes: ["exports/"],
    scopeBySessionTags: [SessionTag.Namespace],
    kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
};

const READ = ["s3:GetObject", "s3:GetObjectVersion"];
const WRITE = [
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
];

export const s3List = definePreset<S3ListOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon S3 (list)",
    description:
        "Lists the given buckets (`s3:ListBucket`, `s3:GetBucketLocation`), limited to the prefixes and session-tag path; reads no object.",
    options: { bucketArns: "required", prefixes: "optional", scopeBySessionTags: "optional" },
    example: { bucketArns: example.bucketArns, scopeBySessionTags: example.scopeBySessionTags },
    statements: (o, context) => {
        const buckets = o.bucketArns.map((b) => bucketArn(context, b));
        const prefixes = keyPrefixes(o.prefixes, o.scopeBySessionTags);
        return [
            allow("ListBuckets", ["s3:ListBucket"], buckets, listPrefixCondition(prefixes)),
            allow("LocateBuckets", ["s3:GetBucketLocation"], buckets),
        ];
    },
});

export const s3Read = definePreset<S3ObjectAccessOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon S3 (read)",
    description:
        "Reads objects (`s3:GetObject`, versions) and lists keys in the given buckets, limited to the prefixes and session-tag path; decrypts with the given KMS keys through S3.",
    options,
    example,
    statements: (o, context) => {
        const buckets = o.bucketArns.map((b) => bucketArn(context, b));
        const prefixes = keyPrefixes(o.prefixes, o.scopeBySessionTags);
        return [
            allow("ListBuckets", ["s3:ListBucket"], buckets, listPrefixCondition(prefixes)),
            allow("ReadObjects", READ, objectArns(buckets, prefixes)),
            ...kmsDecrypt("DecryptObjects", o.kmsKeyArns, viaService(context, "s3")),
        ];
    },
});

export const s3ReadWrite = definePreset<S3ObjectAccessOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon S3 (read-write)",
    description:
        "Reads, writes and deletes objects (multipart uploads included) and lists keys in the given buckets, limited to the prefixes and session-tag path; encrypts and decrypts with the given KMS keys through S3.",
    options,
    example,
    statements: (o, context) => {
        const buckets = o.bucketArns.map((b) => bucketArn(context, b));
        const prefixes = keyPrefixes(o.prefixes, o.scopeBySessionTags);
        return [
            allow("ListBuckets", ["s3:ListBucket"], buckets, listPrefixCondition(prefixes)),
            allow("ReadWriteObjects", [...READ, ...WRITE], objectArns(buckets, prefixes)),
            ...kmsEncryptDecrypt("EncryptObjects", o.kmsKeyArns, viaService(context, "s3")),
        ];
    },
});
