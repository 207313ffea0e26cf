import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, list } from "./statements";

// Facts from kedacore/keda-docs content/docs/2.21/scalers (aws-sqs, aws-cloudwatch, aws-kinesis,
// aws-dynamodb, aws-dynamodb-streams) and kedacore/keda pkg/scalers at v2.20.2: the SQS scaler
// reads queue attributes (message counts), the CloudWatch scaler calls GetMetricData
// (account-wide only, the only action its docs' policy lists), the Kinesis scaler
// DescribeStreamSummary (shard count), the DynamoDB scaler Query (on the index named by
// `indexName`, aws_dynamodb_scaler.go: `dimensions.IndexName`, so IAM authorises it on
// `table/<t>/index/<i>`), the DynamoDB Streams scaler DescribeTable (for the latest stream ARN)
// and DescribeStream (shards).
//
// The role goes to the KEDA operator's service account (`keda-operator`), and triggers use it
// through a TriggerAuthentication with `podIdentity.provider: aws` (keda-docs 2.21
// authentication-providers/aws.md; the trigger metadata `identityOwner` is deprecated since
// v2.13 and applies only to the removed `aws-eks` provider). With `podIdentity.roleArn` the
// operator assumes that role with sts:AssumeRole (pkg/scalers/aws/aws_config_cache.go
// retrievePodIdentityCredentials: web identity first, which Pod Identity does not set up, then
// AssumeRole with session name KEDA); `assumeRoleArns` grants it.

/** Options of the `keda` preset. At least one scaler's resources must be given. */
export interface KedaOptions {
    /** ARNs of the SQS queues `aws-sqs-queue` scalers read. Default: none. */
    sqsQueueArns?: pulumi.Input<string>[];
    /** Allow `aws-cloudwatch` scalers (`cloudwatch:GetMetricData`, account-wide). Default: false. */
    cloudwatchMetrics?: pulumi.Input<boolean>;
    /** ARNs of the Kinesis data streams `aws-kinesis-stream` scalers read. Default: none. */
    kinesisStreamArns?: pulumi.Input<string>[];
    /**
     * ARNs of the DynamoDB tables `aws-dynamodb` scalers query, on the table or on any of its
     * indexes (`indexName`). Default: none.
     */
    dynamodbTableArns?: pulumi.Input<string>[];
    /** ARNs of the DynamoDB tables whose streams `aws-dynamodb-streams` scalers read. Default: none. */
    dynamodbStreamTableArns?: pulumi.Input<string>[];
    /**
     * ARNs of the workload roles TriggerAuthentications name in `podIdentity.roleArn`: the
     * operator assumes them (`sts:AssumeRole`, and `sts:TagSession` because Pod Identity's
     * session tags are transitive and pass on to the assumed session). Each role's trust policy
     * must allow this role. Default: none (the triggers use this role's own permissions).
     */
    assumeRoleArns?: pulumi.Input<string>[];
}

export const keda = definePreset<KedaOptions>({
    title: "KEDA (AWS scalers)",
    description:
        "What KEDA's AWS scalers read, for TriggerAuthentications with `podIdentity.provider: aws`: attributes of the given SQS queues, CloudWatch metrics (`cloudwatchMetrics`), summaries of the given Kinesis streams, queries of the given DynamoDB tables and their indexes, and the streams of the given DynamoDB tables; with `assumeRoleArns`, assumes the workload roles triggers name in `podIdentity.roleArn`. Reads only.",
    options: {
        sqsQueueArns: "optional",
        cloudwatchMetrics: "optional",
        kinesisStreamArns: "optional",
        dynamodbTableArns: "optional",
        dynamodbStreamTableArns: "optional",
        assumeRoleArns: "optional",
    },
    oneOf: [
        "sqsQueueArns",
        "cloudwatchMetrics",
        "kinesisStreamArns",
        "dynamodbTableArns",
        "dynamodbStreamTableArns",
        "assumeRoleArns",
    ],
    noUpstreamPolicy:
        "KEDA publishes no policy for its scalers: each scaler's page (keda-docs content/docs/2.21/scalers/aws-*.md) names its actions, and the AWS authentication page shows only the sts:AssumeRole statement for `podIdentity.roleArn`.",
    minimumVersion: {
        status: "known",
        version: "v2.13.0",
        of: "controller",
        source: "https://github.com/kedacore/keda/blob/v2.13.0/CHANGELOG.md",
        evidence:
            'v2.13.0 introduced the `aws` pod identity provider ("Introduce new AWS Authentication", kedacore/keda#4134), which uses the SDK\'s default chain, and its go.mod requires aws-sdk-go-v2/config v1.26.4, past v1.25.0 (release-2023-11-14, Pod Identity). v2.12.1 requires config v1.18.42.',
    },
    example: {
        sqsQueueArns: ["arn:aws:sqs:us-east-1:123456789012:orders"],
        cloudwatchMetrics: true,
        kinesisStreamArns: ["arn:aws:kinesis:us-east-1:123456789012:stream/clicks"],
        dynamodbTableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/jobs"],
        dynamodbStreamTableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/events"],
        assumeRoleArns: ["arn:aws:iam::123456789012:role/orders-worker"],
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
                ? [
                      allow(
                          "QueryTables",
                          ["dynamodb:Query"],
                          list(o.dynamodbTableArns).flatMap((table) => [table, `${table}/index/*`]),
                      ),
                  ]
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
            ...(list(o.assumeRoleArns).length > 0
                ? [
                      allow(
                          "AssumeWorkloadRoles",
                          ["sts:AssumeRole", "sts:TagSession"],
                          list(o.assumeRoleArns),
                      ),
                  ]
                : []),
        ];
    },
});
