/**
 * The registry: the `presets` argument's type (one key per preset, with its options type) and
 * the definition behind each key.
 */
import { adotCollector, AdotCollectorOptions } from "./adotCollector";
import {
    awsLoadBalancerController,
    AwsLoadBalancerControllerOptions,
    awsLoadBalancerControllerTargetGroupBinding,
    AwsLoadBalancerControllerTargetGroupBindingOptions,
} from "./awsLoadBalancerController";
import { bedrockInvoke, BedrockInvokeOptions } from "./bedrock";
import { certManager, CertManagerOptions } from "./certManager";
import { cloudwatchLogsWrite, CloudWatchLogsWriteOptions } from "./cloudwatchLogs";
import { cloudwatchObservability, CloudWatchObservabilityOptions } from "./cloudwatchObservability";
import { clusterAutoscaler, ClusterAutoscalerOptions } from "./clusterAutoscaler";
import { dynamodbRead, dynamodbReadWrite, DynamoDbTableOptions } from "./dynamodb";
import { ebsCsi, EbsCsiOptions } from "./ebsCsi";
import { ecrPull, EcrPullOptions } from "./ecr";
import { efsCsi, EfsCsiOptions } from "./efsCsi";
import { externalDns, ExternalDnsOptions } from "./externalDns";
import { externalSecrets, ExternalSecretsOptions } from "./externalSecrets";
import { fluentBit, FluentBitOptions } from "./fluentBit";
import { fsxLustreCsi, FsxLustreCsiOptions } from "./fsxLustreCsi";
import { gatewayApiController, GatewayApiControllerOptions } from "./gatewayApiController";
import { grafanaCloudWatch, GrafanaCloudWatchOptions } from "./grafanaCloudWatch";
import { karpenter, KarpenterOptions } from "./karpenter";
import { keda, KedaOptions } from "./keda";
import { kmsDecrypt, kmsEncrypt, KmsKeyOptions } from "./kms";
import { lokiStorage } from "./lokiStorage";
import { mimirStorage } from "./mimirStorage";
import { mountpointS3Csi, MountpointS3CsiOptions } from "./mountpointS3Csi";
import { nodeTerminationHandler, NodeTerminationHandlerOptions } from "./nodeTerminationHandler";
import { ObjectStorageOptions } from "./objectStorage";
import { Preset } from "./preset";
import { privateCaIssuer, PrivateCaIssuerOptions } from "./privateCaIssuer";
import { prometheusQuery, prometheusRemoteWrite, PrometheusWorkspaceOptions } from "./prometheus";
import { s3List, S3ListOptions, S3ObjectAccessOptions, s3Read, s3ReadWrite } from "./s3";
import { secretsManagerRead, SecretsManagerReadOptions } from "./secretsManager";
import { secretsStoreCsi, SecretsStoreCsiOptions } from "./secretsStoreCsi";
import { snsPublish, SnsPublishOptions } from "./sns";
import { SqsQueueOptions, sqsConsume, sqsSend } from "./sqs";
import { ssmParameterRead, SsmParameterReadOptions } from "./ssmParameters";
import { assumeRole, AssumeRoleOptions } from "./sts";
import { tempoStorage } from "./tempoStorage";
import { thanosStorage } from "./thanosStorage";
import { velero, VeleroOptions } from "./velero";
import { vpcCni, VpcCniOptions } from "./vpcCni";
import { xray, XrayOptions } from "./xray";

/**
 * Permission presets: each key set turns on one least-privilege policy for a controller or
 * service, created as its own managed policy (`aws.iam.Policy` "<role>-preset-<key>") and
 * attached to the role. The README's "Permission presets" table lists what each grants.
 */
export interface PermissionPresets {
    /** AWS Load Balancer Controller (full: Ingress and Service load balancers). */
    awsLoadBalancerController?: AwsLoadBalancerControllerOptions;
    /** AWS Load Balancer Controller limited to TargetGroupBinding on existing target groups. */
    awsLoadBalancerControllerTargetGroupBinding?: AwsLoadBalancerControllerTargetGroupBindingOptions;
    /** Amazon EBS CSI driver (`ebs-csi-controller-sa`). */
    ebsCsi?: EbsCsiOptions;
    /** Amazon EFS CSI driver (`efs-csi-controller-sa`). */
    efsCsi?: EfsCsiOptions;
    /** Amazon FSx for Lustre CSI driver. */
    fsxLustreCsi?: FsxLustreCsiOptions;
    /** Mountpoint for Amazon S3 CSI driver. */
    mountpointS3Csi?: MountpointS3CsiOptions;
    /** Amazon VPC CNI (`aws-node`), IPv4 and/or IPv6. */
    vpcCni?: VpcCniOptions;
    /** Cluster Autoscaler, limited to the given clusters' Auto Scaling groups. */
    clusterAutoscaler?: ClusterAutoscalerOptions;
    /** Karpenter controller (v1). */
    karpenter?: KarpenterOptions;
    /** ExternalDNS on Route 53, limited to the given hosted zones. */
    externalDns?: ExternalDnsOptions;
    /** cert-manager's Route 53 DNS-01 solver, limited to the given hosted zones. */
    certManager?: CertManagerOptions;
    /** External Secrets Operator (Secrets Manager and SSM Parameter Store providers). */
    externalSecrets?: ExternalSecretsOptions;
    /** Velero with the AWS plugin (S3 backups, EBS snapshots). */
    velero?: VeleroOptions;
    /** AWS Node Termination Handler in queue processor mode. */
    nodeTerminationHandler?: NodeTerminationHandlerOptions;
    /** Amazon CloudWatch Observability add-on (Container Insights, Application Signals). */
    cloudwatchObservability?: CloudWatchObservabilityOptions;
    /** Remote write to Amazon Managed Service for Prometheus. */
    prometheusRemoteWrite?: PrometheusWorkspaceOptions;
    /** Queries of Amazon Managed Service for Prometheus. */
    prometheusQuery?: PrometheusWorkspaceOptions;
    /** AWS Private CA Issuer for cert-manager. */
    privateCaIssuer?: PrivateCaIssuerOptions;
    /** AWS Gateway API Controller for Amazon VPC Lattice. */
    gatewayApiController?: GatewayApiControllerOptions;
    /** AWS Distro for OpenTelemetry collector. */
    adotCollector?: AdotCollectorOptions;
    /** AWS X-Ray daemon or SDKs sending traces. */
    xray?: XrayOptions;
    /** KEDA's AWS scalers (SQS, CloudWatch, Kinesis, DynamoDB, DynamoDB Streams). */
    keda?: KedaOptions;
    /** Pods mounting secrets through the Secrets Store CSI driver's AWS provider. */
    secretsStoreCsi?: SecretsStoreCsiOptions;
    /** Fluent Bit's AWS outputs (CloudWatch Logs, Firehose, Kinesis, S3). */
    fluentBit?: FluentBitOptions;
    /** Grafana's CloudWatch data source. */
    grafanaCloudWatch?: GrafanaCloudWatchOptions;
    /** Grafana Loki's S3 storage. */
    lokiStorage?: ObjectStorageOptions;
    /** Thanos's S3 object storage. */
    thanosStorage?: ObjectStorageOptions;
    /** Grafana Tempo's S3 storage. */
    tempoStorage?: ObjectStorageOptions;
    /** Grafana Mimir's S3 storage. */
    mimirStorage?: ObjectStorageOptions;
    /** Read objects of S3 buckets (optionally per prefix or per session tag). */
    s3Read?: S3ObjectAccessOptions;
    /** Read and write objects of S3 buckets (optionally per prefix or per session tag). */
    s3ReadWrite?: S3ObjectAccessOptions;
    /** List S3 buckets (optionally per prefix or per session tag). */
    s3List?: S3ListOptions;
    /** Read items of DynamoDB tables. */
    dynamodbRead?: DynamoDbTableOptions;
    /** Read and write items of DynamoDB tables. */
    dynamodbReadWrite?: DynamoDbTableOptions;
    /** Consume SQS queues. */
    sqsConsume?: SqsQueueOptions;
    /** Send to SQS queues. */
    sqsSend?: SqsQueueOptions;
    /** Publish to SNS topics. */
    snsPublish?: SnsPublishOptions;
    /** Read Secrets Manager secrets (given, or per session tag). */
    secretsManagerRead?: SecretsManagerReadOptions;
    /** Read SSM Parameter Store parameters by path. */
    ssmParameterRead?: SsmParameterReadOptions;
    /** Decrypt with KMS keys. */
    kmsDecrypt?: KmsKeyOptions;
    /** Encrypt with KMS keys. */
    kmsEncrypt?: KmsKeyOptions;
    /** Invoke Amazon Bedrock models. */
    bedrockInvoke?: BedrockInvokeOptions;
    /** Write to CloudWatch Logs log groups. */
    cloudwatchLogsWrite?: CloudWatchLogsWriteOptions;
    /** Pull images from ECR repositories. */
    ecrPull?: EcrPullOptions;
    /** Assume other roles (role chaining, e.g. across accounts). */
    assumeRole?: AssumeRoleOptions;
}

/** A preset's key under `presets`. */
export type PresetName = keyof PermissionPresets;

type Registry = { [K in PresetName]-?: Preset<NonNullable<PermissionPresets[K]>> };

/**
 * Every preset by key, in the README's order (controllers first, then application access).
 * The mapped type makes a key without a definition, or a definition whose options differ from
 * the argument's type, a compile error.
 */
export const PRESETS: Registry = {
    awsLoadBalancerController,
    awsLoadBalancerControllerTargetGroupBinding,
    ebsCsi,
    efsCsi,
    fsxLustreCsi,
    mountpointS3Csi,
    vpcCni,
    clusterAutoscaler,
    karpenter,
    externalDns,
    certManager,
    externalSecrets,
    velero,
    nodeTerminationHandler,
    cloudwatchObservability,
    prometheusRemoteWrite,
    prometheusQuery,
    privateCaIssuer,
    gatewayApiController,
    adotCollector,
    xray,
    keda,
    secretsStoreCsi,
    fluentBit,
    grafanaCloudWatch,
    lokiStorage,
    thanosStorage,
    tempoStorage,
    mimirStorage,
    s3Read,
    s3ReadWrite,
    s3List,
    dynamodbRead,
    dynamodbReadWrite,
    sqsConsume,
    sqsSend,
    snsPublish,
    secretsManagerRead,
    ssmParameterRead,
    kmsDecrypt,
    kmsEncrypt,
    bedrockInvoke,
    cloudwatchLogsWrite,
    ecrPull,
    assumeRole,
};

/** The preset keys, in registry order. */
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
