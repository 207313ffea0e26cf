/**
 * PodIdentity's arguments in the form every language can write: what the plugin's component
 * schema holds for Python, Go, C# and YAML. The schema has no unions and no provider objects
 * (the analyzer would emit `#/resources/aws` for an `aws.Provider`, a reference Pulumi's schema
 * binder rejects: a provider is `#/provider`), so a cluster names its place (`region`, and how
 * to reach its account) and the component builds the providers, and the agent is one object.
 * TypeScript callers get a wider form on top of this one (see podIdentity.ts beside this file).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FleetAddon } from "./addon";
import type { KubeconfigIdentity } from "../../kubernetes/kubeconfig";
import type { PodIdentityRoleArgs } from "./role";
import type { JsonValue } from "../../core/types";
import type { VerifyOptions } from "../verify";
import type { FleetAdoptOptions } from "../adopt";

/**
 * The Pod Identity agent add-on (`eks-pod-identity-agent`) on one cluster of the fleet.
 */
export interface AgentSettings {
    /**
     * Install the add-on on the cluster, on EKS Auto Mode clusters too (for the managed and
     * self-managed nodes they may mix in; Auto Mode nodes run their own agent and the add-on
     * keeps off them). `false` when the agent is managed elsewhere. Default: true, or false
     * when `addonVersion` is set.
     */
    install?: boolean;
    /**
     * The `addonVersion` of an agent installed elsewhere (e.g. another PodIdentity's or a
     * PodIdentityAgent's): the cluster's bindings report `ready` once it has resolved. Not
     * with `install: true`. Default: none.
     */
    addonVersion?: pulumi.Input<string>;
    /**
     * Add-on version: `default` (AWS's default for the cluster's Kubernetes version),
     * `latest`, or an exact version such as `v1.3.4-eksbuild.1`. Default: `default`.
     */
    version?: string;
    /** Add-on configuration (`configurationValues`), as for PodIdentityAgent. Default: none. */
    configurationValues?: pulumi.Input<{ [key: string]: JsonValue }>;
    /** As for PodIdentityAgent: `OVERWRITE` or `NONE`. Default: `OVERWRITE`. */
    resolveConflictsOnCreate?: pulumi.Input<string>;
    /** As for PodIdentityAgent: `OVERWRITE`, `PRESERVE` or `NONE`. Default: `OVERWRITE`. */
    resolveConflictsOnUpdate?: pulumi.Input<string>;
    /**
     * Keep the agent running in the cluster when this component is deleted (`preserve`).
     * Default: true.
     */
    preserve?: pulumi.Input<boolean>;
    /** Tags on the add-on. Default: none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** One cluster of the fleet. */
export interface ClusterSettings {
    /** The EKS cluster's name. */
    clusterName: pulumi.Input<string>;
    /**
     * The cluster's AWS region, e.g. `eu-west-1`: the component builds one AWS provider per
     * distinct region, `assumeRoleArn` and `profile` (named `<name>/<region>[/...]`), with the
     * stack's `aws:*` identity settings, for the cluster's add-on, associations and lookups.
     * Default: the component's AWS provider (the IAM role's).
     */
    region?: string;
    /**
     * With `region`: a role to assume for the cluster's account, e.g. a deployer role there;
     * the provider then accepts only that role's account. Also the built kubeconfig's
     * `--role-arn`, unless `kubeconfigIdentity` says otherwise. Default: none.
     */
    assumeRoleArn?: string;
    /**
     * With `region`: the AWS CLI profile for the cluster's account, replacing the stack's
     * identity. Also the built kubeconfig's `AWS_PROFILE`, unless `kubeconfigIdentity` says
     * otherwise. Default: none.
     */
    profile?: string;
    /**
     * The cluster's Kubernetes version, for the agent's version. Default: from the cluster
     * lookup (one `aws.eks.getCluster` per cluster, shared with the kubeconfig).
     */
    kubernetesVersion?: pulumi.Input<string>;
    /**
     * Whose AWS credentials the built kubeconfig's `aws eks get-token` uses: `roleArn` to
     * assume and/or a CLI `profile`. Default: `assumeRoleArn` and `profile`, else whoever runs
     * `pulumi up`.
     */
    kubeconfigIdentity?: KubeconfigIdentity;
    /** The Pod Identity agent on this cluster. Default: installed, with the default version. */
    agent?: AgentSettings;
    /** Service accounts on this cluster, replacing the component's list. Default: `serviceAccounts`. */
    serviceAccounts?: ServiceAccountSpec[];
}

/** A Kubernetes service account to bind to the role on each cluster. */
export interface ServiceAccountSpec {
    /** Namespace of the service account; a DNS-1123 label. */
    namespace: string;
    /** Service account name. */
    name: string;
    /**
     * Create the namespace (once per cluster, however many service accounts share it);
     * `false` adopts an existing one. Default: true.
     */
    createNamespace?: boolean;
    /** Create the service account; `false` adopts an existing one. Default: true. */
    createServiceAccount?: boolean;
    /** Labels on the service account. Default: none. */
    labels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Annotations on the service account. Default: none. */
    annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * Accept the IRSA annotation `eks.amazonaws.com/role-arn` for a migration window (AWS
     * SDKs keep using IRSA while it is there). Default: false (refused).
     */
    allowIrsaAnnotation?: boolean;
    /**
     * This service account's verification, over the component's `verify` field by field
     * (`{ enabled: false }` turns it off here). Default: the component's `verify`.
     */
    verify?: VerifyOptions;
    /**
     * What already exists for this service account, imported instead of created: an
     * association (`associationId` where the list binds one cluster, `associationIds` by
     * cluster key otherwise), the service account, the namespace. Default: none.
     */
    adopt?: FleetAdoptOptions;
}

/** Settings for every association PodIdentity creates. */
export interface AssociationDefaults {
    /** See PodIdentityBinding `targetRoleArn`. Default: none. */
    targetRoleArn?: pulumi.Input<string>;
    /**
     * With `targetRoleArn`: give the role `sts:AssumeRole` and `sts:TagSession` on the target
     * role, once for every binding, in one inline policy "<name>-chain-targets" (created with
     * the component's AWS provider, like the role; with `roleArn`, a provider in another
     * account than the role's is refused before anything is created). Set false when the
     * role's permissions are managed elsewhere, e.g. by the stack owning a role given as
     * `roleArn`. Default: true.
     */
    grantTargetRoleAssumption?: boolean;
    /** See PodIdentityBinding `disableSessionTags`. Default: false. */
    disableSessionTags?: pulumi.Input<boolean>;
    /** See PodIdentityBinding `sessionPolicy`. Default: none. */
    sessionPolicy?: pulumi.Input<JsonValue>;
    /** Tags on each association. Default: none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** The role PodIdentity creates and shares across the fleet: PodIdentityRole's arguments. */
// The schema names a type after its interface, and Python's SDK adds `Args` to input types:
// this name reads `SharedRoleArgs` there, where `PodIdentityRoleArgs` would read
// `PodIdentityRoleArgsArgs`.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SharedRole extends PodIdentityRoleArgs {}

/** Arguments of PodIdentity, as every language writes them. */
export interface PodIdentitySettings {
    /** Creates the shared role with these arguments. Exactly one of `role` and `roleArn`. */
    role?: SharedRole;
    /**
     * An existing role (e.g. another stack's output through a StackReference). Exactly one of
     * `role` and `roleArn`.
     */
    roleArn?: pulumi.Input<string>;
    /** Service accounts bound on every cluster (unless a cluster lists its own). Default: none. */
    serviceAccounts?: ServiceAccountSpec[];
    /**
     * Instead of `serviceAccounts`: an EKS add-on (e.g. `{ name: "aws-ebs-csi-driver" }`)
     * installed on every cluster, taking the role through the add-on's own Pod Identity
     * association (see PodIdentityAddon). Without `role` and `roleArn`, the role gets the
     * add-on's permission preset. Default: none.
     */
    addon?: FleetAddon;
    /**
     * The clusters, keyed by a stable name of your choosing (e.g. `prod-use1`). The key, not
     * the position, names each cluster's resources, so adding, removing or reordering
     * clusters never touches another cluster's resources.
     */
    clusters: { [clusterKey: string]: ClusterSettings };
    /** Settings for every association. Default: none. */
    association?: AssociationDefaults;
    /**
     * Keep the namespaces this component creates when it is deleted (Pulumi's
     * `retainOnDelete`): deleting a namespace deletes every workload in it. Default: true.
     */
    retainNamespacesOnDelete?: boolean;
    /**
     * Do not warn about clusters in partitions where AWS announced Pod Identity as
     * unavailable (AWS GovCloud (US), China). Default: false.
     */
    allowUnannouncedPartition?: boolean;
    /**
     * Prove, before each binding's `ready` resolves, that pods of its service account get
     * working Pod Identity credentials: a Kubernetes Job per service account (see
     * docs/verify.md). A service account's own `verify` overrides it field by field.
     * Default: none (off).
     */
    verify?: VerifyOptions;
}
