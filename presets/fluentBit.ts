import * as pulumi from "@pulumi/pulumi";
import { logGroupArn } from "./cloudwatchLogs";
import { definePreset } from "./preset";
import { bucketArn, keyPrefixes, objectArns } from "./s3Paths";
import { allow, list } from "./statements";

// Facts from fluent/fluent-bit-docs pipeline/outputs/cloudwatch.md, firehose.md, kinesis.md and
// s3.md ("Permissions"): cloudwatch_logs creates streams and puts events, and with
// `auto_create_group` creates the group and sets its retention (`log_retention_days`);
// kinesis_firehose calls PutRecordBatch, kinesis_streams PutRecords, s3 PutObject (its multipart
// uploads are authorised as PutObject). Upstream grants them on `*`; here on the given resources.

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
}

export const fluentBit = definePreset<FluentBitOptions>({
    title: "Fluent Bit (AWS outputs)",
    description:
        "Upstream's output permissions, on the given resources only: puts log events to the given CloudWatch Logs groups (creating them and setting retention with `createLogGroups`), records to the given Firehose and Kinesis streams, and objects to the given S3 buckets and prefixes.",
    options: {
        logGroups: "optional",
        createLogGroups: "optional",
        firehoseStreamArns: "optional",
        kinesisStreamArns: "optional",
        s3BucketArns: "optional",
        s3Prefixes: "optional",
    },
    oneOf: ["logGroups", "firehoseStreamArns", "kinesisStreamArns", "s3BucketArns"],
    example: {
        logGroups: ["/eks/prod/*"],
        createLogGroups: true,
        firehoseStreamArns: ["arn:aws:firehose:us-east-1:123456789012:deliverystream/logs"],
        kinesisStreamArns: ["arn:aws:kinesis:us-east-1:123456789012:stream/logs"],
        s3BucketArns: ["log-archive"],
        s3Prefixes: ["fluent-bit/"],
    },
    upstream: {
        source: "fluent/fluent-bit-docs:pipeline/outputs/cloudwatch.md",
        version: "f92ae08080ee108c2d1a2969f9d7e3d3b4c35950",
    },
    statements: (o, context) => {
        const groups = list(o.logGroups).map((group) => logGroupArn(context, group));
        const buckets = list(o.s3BucketArns).map((bucket) => bucketArn(context, bucket));
        return [
            ...(groups.length > 0
                ? [
                      allow(
                          "PutLogEvents",
                          ["logs:CreateLogStream", "logs:PutLogEvents"],
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
        ];
    },
});
