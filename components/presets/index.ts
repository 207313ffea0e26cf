/**
 * Permission presets: least-privilege policies for well-known controllers and everyday
 * application access, one file per controller or service. This module is their public face:
 * the `presets` argument's types, the catalogue, validation and the resources a role gets.
 */
export {
    AdotCollectorOptions,
    AssumeRoleOptions,
    AwsLoadBalancerControllerOptions,
    AwsLoadBalancerControllerTargetGroupBindingOptions,
    BedrockInvokeOptions,
    CertManagerOptions,
    CloudWatchLogsWriteOptions,
    CloudWatchObservabilityOptions,
    ClusterAutoscalerOptions,
    DynamoDbTableOptions,
    EbsCsiOptions,
    EcrPullOptions,
    EfsCsiOptions,
    ExternalDnsOptions,
    ExternalSecretsOptions,
    FsxLustreCsiOptions,
    GatewayApiControllerOptions,
    KarpenterOptions,
    KmsKeyOptions,
    MountpointS3CsiOptions,
    NodeTerminationHandlerOptions,
    PrivateCaIssuerOptions,
    PrometheusWorkspaceOptions,
    S3ListOptions,
    S3ObjectAccessOptions,
    SecretsManagerReadOptions,
    SnsPublishOptions,
    SqsQueueOptions,
    SsmParameterReadOptions,
    VeleroOptions,
    VpcCniOptions,
    XrayOptions,
    PermissionPresets,
    PresetName,
    PRESETS,
    PRESET_NAMES,
} from "./registry";
export { presetCatalog, PresetCatalogEntry, PresetOptionInfo } from "./catalog";
export { checkPresets, enabledPresetNames } from "./validate";
export { attachPresetPolicies, PresetAttachment, presetPolicy } from "./policies";
export { SessionTag } from "./sessionTags";
