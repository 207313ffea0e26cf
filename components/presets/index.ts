/**
 * The permission presets: the `presets` argument of PodIdentityRole, the registry that maps
 * each key to its definition, the public catalogue, and the resources a role gets per preset.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "../json";
import { policyDocument } from "../policyDocument";
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
import { fsxLustreCsi, FsxLustreCsiOptions } from "./fsxLustreCsi";
import { gatewayApiController, GatewayApiControllerOptions } from "./gatewayApiController";
import { karpenter, KarpenterOptions } from "./karpenter";
import { kmsDecrypt, kmsEncrypt, KmsKeyOptions } from "./kms";
import { mountpointS3Csi, MountpointS3CsiOptions } from "./mountpointS3Csi";
import { nodeTerminationHandler, NodeTerminationHandlerOptions } from "./nodeTerminationHandler";
import { Preset, PresetContext } from "./preset";
import { privateCaIssuer, PrivateCaIssuerOptions } from "./privateCaIssuer";
import { prometheusQuery, prometheusRemoteWrite, PrometheusWorkspaceOptions } from "./prometheus";
import { s3List, S3ListOptions, S3ObjectAccessOptions, s3Read, s3ReadWrite } from "./s3";
import { secretsManagerRead, SecretsManagerReadOptions } from "./secretsManager";
import { isSessionTag, SessionTag } from "./sessionTags";
import { snsPublish, SnsPublishOptions } from "./sns";
import { SqsQueueOptions, sqsConsume, sqsSend } from "./sqs";
import { ssmParameterRead, SsmParameterReadOptions } from "./ssmParameters";
import { assumeRole, AssumeRoleOptions } from "./sts";
import { velero, VeleroOptions } from "./velero";
import { vpcCni, VpcCniOptions } from "./vpcCni";
import { xray, XrayOptions } from "./xray";

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
};
export { SessionTag } from "./sessionTags";

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

const NAMES = Object.keys(PRESETS) as PresetName[];

/** One option of a preset, as the catalogue lists it. */
export interface PresetOptionInfo {
    /** The option's key in the preset's options. */
    name: string;
    /** True when the preset fails without it. */
    required: boolean;
}

/** One catalogue entry: a preset's key, documentation and options that produce a valid policy. */
export type PresetCatalogEntry = {
    [K in PresetName]-?: {
        /** The preset's key under `presets`. */
        name: K;
        /** The controller or service. */
        title: string;
        /** What the policy grants and how it is scoped. */
        description: string;
        /** The preset's options, required ones first. */
        options: PresetOptionInfo[];
        /** Options at least one of which must be set, if any. */
        oneOf: string[];
        /** Options that produce a valid, typical policy. */
        exampleOptions: NonNullable<PermissionPresets[K]>;
    };
}[PresetName];

function catalogEntry<K extends PresetName>(name: K): PresetCatalogEntry {
    const preset = PRESETS[name] as Preset<object>;
    const options = Object.entries(preset.options as Record<string, string>)
        .map(([option, kind]) => ({ name: option, required: kind === "required" }))
        .sort((a, b) => Number(b.required) - Number(a.required));
    return {
        name,
        title: preset.title,
        description: preset.description,
        options,
        oneOf: [...(preset.oneOf ?? [])],
        exampleOptions: preset.example as NonNullable<PermissionPresets[K]>,
    } as PresetCatalogEntry;
}

/**
 * Every permission preset: its key under `presets`, what it is for, its options and example
 * options. The README table is generated from it and the tests build every preset from it.
 */
export const presetCatalog: readonly PresetCatalogEntry[] = Object.freeze(NAMES.map(catalogEntry));

/** An option is missing when absent, or an empty plain list. */
function missing(value: unknown): boolean {
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * Checks the `presets` argument before anything is created: unknown presets, unknown options,
 * missing required options. Throws one `InputPropertiesError` listing every problem, each with
 * its property path (e.g. `presets.externalDns.hostedZoneArns`) and the fix. Returns the keys of
 * the presets that are on.
 */
export function validatePresets(presets: PermissionPresets | undefined): PresetName[] {
    const errors: pulumi.InputPropertyErrorDetails[] = [];
    const enabled: PresetName[] = [];
    for (const [key, options] of Object.entries(presets ?? {}) as [string, unknown][]) {
        if (options === undefined || options === null) {
            continue;
        }
        const path = `presets.${key}`;
        if (!(NAMES as string[]).includes(key)) {
            errors.push({
                propertyPath: path,
                reason: `there is no preset "${key}"; the presets are: ${NAMES.join(", ")}`,
            });
            continue;
        }
        const name = key as PresetName;
        const preset = PRESETS[name] as Preset<object>;
        if (typeof options !== "object" || Array.isArray(options)) {
            errors.push({
                propertyPath: path,
                reason: `the ${preset.title} preset takes an object of options (use {} for the defaults)`,
            });
            continue;
        }
        const values = options as Record<string, unknown>;
        const known = preset.options as Record<string, string>;
        for (const option of Object.keys(values)) {
            if (!(option in known)) {
                errors.push({
                    propertyPath: `${path}.${option}`,
                    reason: `the ${preset.title} preset has no option "${option}"; its options are: ${Object.keys(known).join(", ")}`,
                });
            }
        }
        for (const [option, value] of Object.entries(values)) {
            // By convention options named *SessionTag(s) hold session tag names: a typo there
            // would silently match no pod, so it is an error here.
            const tags = /SessionTags?$/.test(option) ? [value].flat() : [];
            const bad = tags.filter((tag) => typeof tag === "string" && !isSessionTag(tag));
            if (bad.length > 0) {
                errors.push({
                    propertyPath: `${path}.${option}`,
                    reason: `${bad.join(", ")} is not a Pod Identity session tag; use ${Object.values(SessionTag).join(", ")}`,
                });
            }
        }
        for (const [option, kind] of Object.entries(known)) {
            if (kind === "required" && missing(values[option])) {
                errors.push({
                    propertyPath: `${path}.${option}`,
                    reason: `the ${preset.title} preset requires "${option}"; set it (a non-empty list for lists)`,
                });
            }
        }
        const oneOf = (preset.oneOf ?? []) as string[];
        if (oneOf.length > 0 && oneOf.every((option) => missing(values[option]))) {
            errors.push({
                propertyPath: path,
                reason: `the ${preset.title} preset needs at least one of: ${oneOf.join(", ")}`,
            });
        }
        enabled.push(name);
    }
    if (errors.length > 0) {
        throw new pulumi.InputPropertiesError({
            message:
                "invalid permission presets:\n" +
                errors.map((e) => `  ${e.propertyPath}: ${e.reason}`).join("\n"),
            errors,
        });
    }
    return enabled;
}

/** Partition and DNS suffix from an ARN the provider returned. */
function contextOf(callerArn: string, accountId: string): PresetContext {
    const partition = callerArn.split(":")[1] ?? "aws";
    return {
        partition,
        accountId,
        dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
    };
}

/** The policy JSON of one preset, keys sorted (byte-stable across runs). */
export function presetPolicy(name: PresetName, options: object, context: PresetContext): string {
    const preset = PRESETS[name] as Preset<object>;
    const statements = preset.statements(options, context);
    if (statements.length === 0) {
        throw new Error(
            `presets.${name}: with these options the ${preset.title} preset grants nothing; ` +
                "turn an option on or remove the preset",
        );
    }
    return stableStringify(policyDocument(statements));
}

/** What a role passes to get its preset policies. */
export interface PresetAttachment {
    /** The component name; children are named "<name>-preset-<key>". */
    name: string;
    /** The presets argument, already validated. */
    presets: PermissionPresets | undefined;
    /** Keys of the presets that are on (from {@link validatePresets}). */
    enabled: PresetName[];
    /** The role to attach to. */
    role: aws.iam.Role;
    /** Tags for the policies (the role's). */
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined;
    /** The component: parent of the policies and attachments. */
    parent: pulumi.Resource;
}

/**
 * One managed policy and one attachment per enabled preset, named from the preset's key so
 * that turning one preset on or off never renames another. Which resources exist depends only
 * on the keys; option Inputs only fill in the policy JSON.
 */
export function attachPresetPolicies(args: PresetAttachment): { [key: string]: aws.iam.Policy } {
    const policies: { [key: string]: aws.iam.Policy } = {};
    if (args.enabled.length === 0) {
        return policies;
    }
    const identity = aws.getCallerIdentityOutput({}, { parent: args.parent });
    const context = pulumi
        .all([identity.arn, identity.accountId])
        .apply(([callerArn, accountId]) => contextOf(callerArn, accountId));
    for (const name of args.enabled) {
        const preset = PRESETS[name] as Preset<object>;
        const options = (args.presets as Record<string, object>)[name];
        const childName = `${args.name}-preset-${name}`;
        const policy = new aws.iam.Policy(
            childName,
            {
                description: `${preset.title}: permission preset "${name}" of ${args.name}`,
                policy: pulumi
                    .all([pulumi.output(options), context])
                    .apply(([resolved, ctx]) => presetPolicy(name, resolved, ctx)),
                tags: args.tags,
            },
            { parent: args.parent },
        );
        new aws.iam.RolePolicyAttachment(
            childName,
            { role: args.role.name, policyArn: policy.arn },
            { parent: args.parent },
        );
        policies[name] = policy;
    }
    return policies;
}
