/** The options type of every permission preset, exported once for the public entry. */
export type { AdotCollectorOptions } from "./adotCollector";
export type {
    AwsLoadBalancerControllerOptions,
    AwsLoadBalancerControllerTargetGroupBindingOptions,
} from "./awsLoadBalancerController";
export type { BedrockInvokeOptions } from "./bedrock";
export type { CertManagerOptions } from "./certManager";
export type { CloudWatchLogsWriteOptions } from "./cloudwatchLogs";
export type { CloudWatchObservabilityOptions } from "./cloudwatchObservability";
export type { ClusterAutoscalerOptions } from "./clusterAutoscaler";
export type { DynamoDbTableOptions } from "./dynamodb";
export type { EbsCsiOptions } from "./ebsCsi";
export type { EcrPullOptions } from "./ecr";
export type { EfsCsiOptions } from "./efsCsi";
export type { ExternalDnsOptions } from "./externalDns";
export type { ExternalSecretsOptions } from "./externalSecrets";
export type { FluentBitOptions } from "./fluentBit";
export type { FsxLustreCsiOptions } from "./fsxLustreCsi";
export type { GatewayApiControllerOptions } from "./gatewayApiController";
export type { GrafanaCloudWatchOptions } from "./grafanaCloudWatch";
export type { KarpenterOptions } from "./karpenter";
export type { KedaOptions } from "./keda";
export type { KmsKeyOptions } from "./kms";
export type { MountpointS3CsiOptions } from "./mountpointS3Csi";
export type { NodeTerminationHandlerOptions } from "./nodeTerminationHandler";
export type { ObjectStorageOptions } from "./objectStorage";
export type { PrivateCaIssuerOptions } from "./privateCaIssuer";
export type { PrometheusWorkspaceOptions } from "./prometheus";
export type { S3ListOptions, S3ObjectAccessOptions } from "./s3";
export type { SecretsManagerReadOptions } from "./secretsManager";
export type { SecretsStoreCsiOptions } from "./secretsStoreCsi";
export type { SnsPublishOptions } from "./sns";
export type { SqsQueueOptions } from "./sqs";
export type { SsmParameterReadOptions } from "./ssmParameters";
export type { AssumeRoleOptions } from "./sts";
export type { VeleroOptions } from "./velero";
export type { VpcCniOptions } from "./vpcCni";
export type { XrayOptions } from "./xray";
