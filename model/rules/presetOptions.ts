/**
 * What each preset option that names AWS resources takes: ARNs of which kind, regions, or EKS
 * cluster names. A spec checks that every option of every preset whose name ends in `Arns`,
 * `region`, `clusterName` or `clusterNames` is listed here, so a new preset declares its own.
 */
import type { ArnExpectation } from "./arns";

/** What one preset option holds. */
export type OptionExpectation =
    | ArnExpectation
    | { kind: "region" }
    /** EKS cluster names; `patterns`: `*` and `?` allowed (matched with StringLike). */
    | { kind: "cluster-name"; patterns: boolean };

const KMS_KEYS: ArnExpectation = { kind: "kms-key" };
/** Buckets as ARNs or bare names: the preset turns a name into arn:<partition>:s3:::<name>. */
const BUCKETS: ArnExpectation = { kind: "s3-bucket", bareNames: true };
/** Buckets as ARNs only: the preset puts them in Resource as they are. */
const BUCKET_ARNS: ArnExpectation = { kind: "s3-bucket", bareNames: false };
const HOSTED_ZONES: ArnExpectation = { kind: "route53-hosted-zone" };

function service(service: string, resourcePrefixes: string[], example: string): ArnExpectation {
    return { kind: "service", service, resourcePrefixes, example };
}

const SQS_QUEUES = service("sqs", [""], "arn:aws:sqs:us-east-1:123456789012:orders");
const DYNAMODB_TABLES = service(
    "dynamodb",
    ["table/"],
    "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
);
const KINESIS_STREAMS = service(
    "kinesis",
    ["stream/"],
    "arn:aws:kinesis:us-east-1:123456789012:stream/logs",
);
const SECRETS = service(
    "secretsmanager",
    ["secret:"],
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
);
const PARAMETERS = service(
    "ssm",
    ["parameter/"],
    "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-url",
);
const PROMETHEUS_WORKSPACES = service(
    "aps",
    ["workspace/"],
    "arn:aws:aps:us-east-1:123456789012:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef",
);

/** By preset key, then option name. */
export const PRESET_OPTION_EXPECTATIONS: {
    readonly [preset: string]: { readonly [option: string]: OptionExpectation };
} = {
    awsLoadBalancerControllerTargetGroupBinding: {
        targetGroupArns: service(
            "elasticloadbalancing",
            ["targetgroup/"],
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
        ),
        securityGroupArns: service(
            "ec2",
            ["security-group/"],
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0",
        ),
    },
    ebsCsi: { kmsKeyArns: KMS_KEYS },
    efsCsi: {
        fileSystemArns: service(
            "elasticfilesystem",
            ["file-system/"],
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
        ),
        s3FilesFileSystemArns: service(
            "s3files",
            ["file-system/"],
            "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
        ),
    },
    fsxLustreCsi: { s3BucketArns: BUCKET_ARNS },
    mountpointS3Csi: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    clusterAutoscaler: { clusterNames: { kind: "cluster-name", patterns: true } },
    karpenter: {
        clusterName: { kind: "cluster-name", patterns: false },
        nodeRoleArns: { kind: "role" },
        interruptionQueueArns: SQS_QUEUES,
        region: { kind: "region" },
    },
    externalDns: { hostedZoneArns: HOSTED_ZONES },
    certManager: { hostedZoneArns: HOSTED_ZONES },
    externalSecrets: { secretArns: SECRETS, parameterArns: PARAMETERS, kmsKeyArns: KMS_KEYS },
    velero: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    nodeTerminationHandler: {
        queueArns: SQS_QUEUES,
        autoScalingGroupArns: service(
            "autoscaling",
            ["autoScalingGroup:"],
            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/workers",
        ),
    },
    cloudwatchObservability: { clusterNames: { kind: "cluster-name", patterns: true } },
    prometheusRemoteWrite: { workspaceArns: PROMETHEUS_WORKSPACES },
    prometheusQuery: { workspaceArns: PROMETHEUS_WORKSPACES },
    privateCaIssuer: {
        certificateAuthorityArns: service(
            "acm-pca",
            ["certificate-authority/"],
            "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012",
        ),
    },
    gatewayApiController: { accessLogBucketArns: BUCKET_ARNS },
    adotCollector: { prometheusWorkspaceArns: PROMETHEUS_WORKSPACES },
    keda: {
        sqsQueueArns: SQS_QUEUES,
        kinesisStreamArns: KINESIS_STREAMS,
        dynamodbTableArns: DYNAMODB_TABLES,
        dynamodbStreamTableArns: DYNAMODB_TABLES,
        assumeRoleArns: { kind: "role", patterns: true },
    },
    secretsStoreCsi: { secretArns: SECRETS, parameterArns: PARAMETERS, kmsKeyArns: KMS_KEYS },
    fluentBit: {
        firehoseStreamArns: service(
            "firehose",
            ["deliverystream/"],
            "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs",
        ),
        kinesisStreamArns: KINESIS_STREAMS,
        s3BucketArns: BUCKETS,
        kinesisKmsKeyArns: KMS_KEYS,
        s3KmsKeyArns: KMS_KEYS,
    },
    lokiStorage: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    thanosStorage: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    tempoStorage: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    mimirStorage: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    s3Read: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    s3ReadWrite: { bucketArns: BUCKETS, kmsKeyArns: KMS_KEYS },
    s3List: { bucketArns: BUCKETS },
    dynamodbRead: { tableArns: DYNAMODB_TABLES, kmsKeyArns: KMS_KEYS },
    dynamodbReadWrite: { tableArns: DYNAMODB_TABLES, kmsKeyArns: KMS_KEYS },
    sqsConsume: { queueArns: SQS_QUEUES, kmsKeyArns: KMS_KEYS },
    sqsSend: { queueArns: SQS_QUEUES, kmsKeyArns: KMS_KEYS },
    snsPublish: {
        topicArns: service("sns", [""], "arn:aws:sns:us-east-1:123456789012:order-events"),
        kmsKeyArns: KMS_KEYS,
    },
    secretsManagerRead: { secretArns: SECRETS, kmsKeyArns: KMS_KEYS },
    ssmParameterRead: { kmsKeyArns: KMS_KEYS },
    kmsDecrypt: { keyArns: KMS_KEYS },
    kmsEncrypt: { keyArns: KMS_KEYS },
    bedrockInvoke: {
        modelArns: service(
            "bedrock",
            [
                "foundation-model/",
                "inference-profile/",
                "application-inference-profile/",
                "provisioned-model/",
                "custom-model/",
                "imported-model/",
                "prompt-router/",
                "default-prompt-router/",
            ],
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
        ),
        guardrailArns: service(
            "bedrock",
            ["guardrail/"],
            "arn:aws:bedrock:us-east-1:123456789012:guardrail/abcd1234efgh",
        ),
    },
    ecrPull: {
        repositoryArns: service(
            "ecr",
            ["repository/"],
            "arn:aws:ecr:us-east-1:123456789012:repository/shop/api",
        ),
    },
    assumeRole: { roleArns: { kind: "role", patterns: true } },
};
