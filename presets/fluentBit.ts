import * as pulumi from "@pulumi/pulumi";
import { logGroupArn } from "./cloudwatchLogs";
import { definePreset } from "./preset";
import { bucketArn, keyPrefixes, objectArns } from "./s3Paths";
import { allow, list, viaService } from "./statements";

// Facts from fluent/fluent-bit-docs pipeline/outputs/cloudwatch.md, firehose.md, kinesis.md and
// s3.md ("Permissions"): cloudwatch_logs creates streams and puts events, and with
// `auto_create_group` creates the group and sets its retention (`log_retention_days`);
// kinesis_firehose calls PutRecordBatch, kinesis_streams PutRecords, s3 PutObject (its multipart
// uploads are authorised as PutObject). Upstream grants them on `*`; here on the given resources.
// The Go `cloudwatch` plugin (aws/amazon-cloudwatch-logs-for-fluent-bit README, "Permissions")
// also calls DescribeLogStreams. Encrypted destinations: a Kinesis producer needs
// kms:GenerateDataKey on the stream's key, and Kinesis sends the stream ARN as encryption context
// `aws:kinesis:arn` (Kinesis Data Streams Developer Guide, permissions-user-key-KMS); an SSE-KMS
// multipart upload needs kms:GenerateDataKey and kms:Decrypt (Amazon S3 User Guide,
// mpuoverview, "Multipart upload and permissions").

/** Options of the `fluentBit` preset. At least one output's resources must be given. */
export interface FluentBitOptions {
    /**
     * Log groups of `cloudwatch_logs` outputs, as names (patterns allowed, e.g. `/eks/prod/*`,
     * in the role's account, any region) or ARNs. Default: none.
     */
    logGroups?: pulumi.Input<string>[];
    /**
     * Let `cloudwatch_logs` create its log groups (`auto_create_group`) and set their retention
     * (`log_retention_days`). Default: false.
     */
    createLogGroups?: pulumi.Input<boolean>;
    /** ARNs of the Firehose delivery streams of `kinesis_firehose` outputs. Default: none. */
    firehoseStreamArns?: pulumi.Input<string>[];
    /** ARNs of the Kinesis data streams of `kinesis_streams` outputs. Default: none. */
    kinesisStreamArns?: pulumi.Input<string>[];
    /** Buckets of `s3` outputs, as ARNs or bare names. Default: none. */
    s3BucketArns?: pulumi.Input<string>[];
    /** Key prefixes the `s3` outputs write under (`s3_key_format`'s fixed start). Default: the whole bucket. */
    s3Prefixes?: pulumi.Input<string>[];
    /**
     * ARNs of the customer managed KMS keys of the `kinesisStreamArns` streams (server-side
     * encryption): data keys, only for those streams (encryption context `aws:kinesis:arn`).
     * Default: none (unencrypted streams or the AWS managed key need none).
     */
    kinesisKmsKeyArns?: pulumi.Input<string>[];
    /**
     * ARNs of the customer managed KMS keys the `s3BucketArns` buckets encrypt with (SSE-KMS):
     * data keys and decryption for multipart uploads, only through S3. Default: none.
     */
    s3KmsKeyArns?: pulumi.Input<string>[];
}

export const fluentBit = definePreset<FluentBitOptions>({
    title: "Fluent Bit (AWS outputs)",
    description:
        "Upstream's output permissions, on the given resources only: puts log events to the given CloudWatch Logs groups and describes their streams (creating the groups and setting retention with `createLogGroups`), records to the given Firehose and Kinesis streams, and objects to the given S3 buckets and prefixes; data keys of the given KMS keys for encrypted Kinesis streams and S3 buckets.",
    options: {
        logGroups: "optional",
        createLogGroups: "optional",
        firehoseStreamArns: "optional",
        kinesisStreamArns: "optional",
        s3BucketArns: "optional",
        s3Prefixes: "optional",
        kinesisKmsKeyArns: "optional",
        s3KmsKeyArns: "optional",
    },
    oneOf: ["logGroups", "firehoseStreamArns", "kinesisStreamArns", "s3BucketArns"],
    example: {
        logGroups: ["/eks/prod/*"],
        createLogGroups: true,
        firehoseStreamArns: ["arn:aws:firehose:us-east-1:123456789012:deliverystream/logs"],
        kinesisStreamArns: ["arn:aws:kinesis:us-east-1:123456789012:stream/logs"],
        s3BucketArns: ["log-archive"],
        s3Prefixes: ["fluent-bit/"],
        kinesisKmsKeyArns: [
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ],
        s3KmsKeyArns: [
            "arn:aws:kms:us-east-1:123456789012:key/0987dcba-09fe-87dc-65ba-ab0987654321",
        ],
    },
    upstreamParts: [
        {
            part: "outputs",
            covers: "Fluent Bit's built-in outputs cloudwatch_logs, kinesis_firehose, kinesis_streams and s3 (logGroups, createLogGroups, firehoseStreamArns, kinesisStreamArns, s3BucketArns, s3Prefixes).",
            source: "fluent/fluent-bit-docs:pipeline/outputs/cloudwatch.md",
            version: "f92ae08080ee108c2d1a2969f9d7e3d3b4c35950",
        },
        {
            part: "cloudwatch-go-plugin",
            covers: "The Go `cloudwatch` plugin of aws-for-fluent-bit images (logGroups, createLogGroups). At v1.9.4 it builds with aws-sdk-go v1.44.267, older than v1.47.11, so that release cannot read Pod Identity credentials: prefer `cloudwatch_logs`.",
            source: "aws/amazon-cloudwatch-logs-for-fluent-bit:README.md",
            version: "v1.9.4",
        },
    ],
    minimumVersion: {
        status: "known",
        version: "v3.2.10",
        of: "controller",
        source: "https://github.com/fluent/fluent-bit/commit/22fb7650b8c9a1269ddf98df1168c3220567c899",
        evidence:
            '"aws: http_credentials: support EKS Pod Identity" (link-local 169.254.170.23 and the authorization token file) is in v3.2.10 and in v4.0.0 and later; v3.2.9 and older releases lack it.',
    },
    statements: (o, context) => {
        const groups = list(o.logGroups).map((group) => logGroupArn(context, group));
        const buckets = list(o.s3BucketArns).map((bucket) => bucketArn(context, bucket));
        return [
            ...(groups.length > 0
                ? [
                      allow(
                          "PutLogEvents",
                          ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                          groups.map((group) => `${group}:*`),
                      ),
                  ]
                : []),
            ...(groups.length > 0 && o.createLogGroups === true
                ? [
                      allow(
                          "CreateLogGroups",
                          ["logs:CreateLogGroup", "logs:PutRetentionPolicy"],
                          groups,
                      ),
                  ]
                : []),
            ...(list(o.firehoseStreamArns).length > 0
                ? [
                      allow(
                          "PutFirehoseRecords",
                          ["firehose:PutRecordBatch"],
                          list(o.firehoseStreamArns),
                      ),
                  ]
                : []),
            ...(list(o.kinesisStreamArns).length > 0
                ? [allow("PutKinesisRecords", ["kinesis:PutRecords"], list(o.kinesisStreamArns))]
                : []),
            ...(buckets.length > 0
                ? [
                      allow(
                          "PutObjects",
                          ["s3:PutObject"],
                          objectArns(buckets, keyPrefixes(o.s3Prefixes, undefined)),
                      ),
                  ]
                : []),
            ...(list(o.kinesisKmsKeyArns).length > 0 && list(o.kinesisStreamArns).length > 0
                ? [
                      allow(
                          "EncryptKinesisRecords",
                          ["kms:GenerateDataKey"],
                          list(o.kinesisKmsKeyArns),
                          {
                              StringLike: {
                                  "kms:EncryptionContext:aws:kinesis:arn": list(
                                      o.kinesisStreamArns,
                                  ),
                              },
                          },
                      ),
                  ]
                : []),
            ...(list(o.s3KmsKeyArns).length > 0 && buckets.length > 0
                ? [
                      allow(
                          "EncryptS3Objects",
                          ["kms:Decrypt", "kms:GenerateDataKey"],
                          list(o.s3KmsKeyArns),
                          viaService(context, "s3"),
                      ),
                  ]
                : []),
        ];
    },
});
