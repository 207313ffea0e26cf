import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, list } from "./statements";

// Facts from kedacore/keda-docs content/docs/2.21/scalers (aws-sqs, aws-cloudwatch, aws-kinesis,
// aws-dynamodb, aws-dynamodb-streams) and kedacore/keda pkg/scalers: the SQS scaler reads queue
// attributes (message counts), the CloudWatch scaler calls GetMetricData (account-wide only, the
// only action its docs' policy lists), the Kinesis scaler DescribeStreamSummary (shard count), the
// DynamoDB scaler Query, the DynamoDB Streams scaler DescribeTable (for the latest stream ARN) and
// DescribeStream (shards). Give the role to the KEDA operator (`identityOwner: operator`, or
// `podIdentity.provider: aws` on the TriggerAuthentication).

/** Options of the `keda` preset. At least one scaler's resources must be given. */
export interface KedaOptions {
    /** ARNs of the SQS queues `aws-sqs-queue` scalers read. Default: none. */
    sqsQueueArns?: pulumi.Input<string>[];
    /** Allow `aws-cloudwatch` scalers (`cloudwatch:GetMetricData`, account-wide). Default: false. */
    cloudwatchMetrics?: pulumi.Input<boolean>;
    /** ARNs of the Kinesis data streams `aws-kinesis-stream` scalers read. Default: none. */
    kinesisStreamArns?: pulumi.Input<string>[];
    /** ARNs of the DynamoDB tables `aws-dynamodb` scalers query. Default: none. */
    dynamodbTableArns?: pulumi.Input<string>[];
    /** ARNs of the DynamoDB tables whose streams `aws-dynamodb-streams` scalers read. Default: none. */
    dynamodbStreamTableArns?: pulumi.Input<string>[];
}

export const keda = definePreset<KedaOptions>({
    title: "KEDA (AWS scalers)",
    description:
        "What KEDA's AWS scalers read: attributes of the given SQS queues, CloudWatch metrics (`cloudwatchMetrics`), summaries of the given Kinesis streams, queries of the given DynamoDB tables, and the streams of the given DynamoDB tables. Read-only.",
    options: {
        sqsQueueArns: "optional",
        cloudwatchMetrics: "optional",
        kinesisStreamArns: "optional",
        dynamodbTableArns: "optional",
        dynamodbStreamTableArns: "optional",
    },
    oneOf: [
        "sqsQueueArns",
        "cloudwatchMetrics",
        "kinesisStreamArns",
        "dynamodbTableArns",
        "dynamodbStreamTableArns",
    ],
    example: {
        sqsQueueArns: ["arn:aws:sqs:us-east-1:123456789012:orders"],
        cloudwatchMetrics: true,
        kinesisStreamArns: ["arn:aws:kinesis:us-east-1:123456789012:stream/clicks"],
        dynamodbTableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/jobs"],
        dynamodbStreamTableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/events"],
    },
    statements: (o) => {
        const streamTables = list(o.dynamodbStreamTableArns);
        return [
            ...(list(o.sqsQueueArns).length > 0
                ? [allow("ReadQueueLengths", ["sqs:GetQueueAttributes"], list(o.sqsQueueArns))]
                : []),
            ...(o.cloudwatchMetrics === true
                ? [allow("ReadMetrics", ["cloudwatch:GetMetricData"], ANY_RESOURCE)]
                : []),
            ...(list(o.kinesisStreamArns).length > 0
                ? [
                      allow(
                          "ReadStreamShards",
                          ["kinesis:DescribeStreamSummary"],
                          list(o.kinesisStreamArns),
                      ),
                  ]
                : []),
            ...(list(o.dynamodbTableArns).length > 0
                ? [allow("QueryTables", ["dynamodb:Query"], list(o.dynamodbTableArns))]
                : []),
            ...(streamTables.length > 0
                ? [
                      allow("FindTableStreams", ["dynamodb:DescribeTable"], streamTables),
                      allow(
                          "ReadTableStreamShards",
                          ["dynamodb:DescribeStream"],
                          streamTables.map((table) => `${table}/stream/*`),
                      ),
                  ]
                : []),
        ];
    },
});
