import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "./json";
import { JsonValue } from "./types";

/**
 * The agent workloads should wait for: a {@link PodIdentityAgent} fits as it is; from other
 * languages pass `{ addonVersion: <the agent's addonVersion output> }`.
 */
export interface AgentReadiness {
    /** The agent add-on's version: an Output that resolves once the add-on exists. */
    addonVersion: pulumi.Input<string>;
}

/** Arguments of {@link PodIdentityBinding}. */
export interface PodIdentityBindingArgs {
    /** Name of the EKS cluster (`clusterName` of the association). */
    clusterName: pulumi.Input<string>;
    /** Kubernetes namespace of the service account; a DNS-1123 label. */
    namespace: string;
    /** Kubernetes service account name; a DNS-1123 subdomain. */
    serviceAccount: string;
    /** ARN of the IAM role pods receive credentials for (`roleArn`), e.g. `role.arn`. */
    roleArn: pulumi.Input<string>;
    /**
     * ARN of a role, usually in another account, that EKS assumes with the association
     * role's credentials (`targetRoleArn`, role chaining). Default: none.
     */
    targetRoleArn?: pulumi.Input<string>;
    /**
     * Stop EKS from attaching the session tags (`eks-cluster-name`, `kubernetes-namespace`,
     * ...) to the role session (`disableSessionTags`). Trust conditions and ABAC permission
     * policies that read those tags then no longer match. Default: false.
     */
    disableSessionTags?: pulumi.Input<boolean>;
    /**
     * A session policy that narrows the role's permissions for this association only
     * (`policy`): a policy document object or its JSON string; serialised with sorted keys.
     * EKS requires `disableSessionTags: true` with it. Default: none.
     */
    sessionPolicy?: pulumi.Input<JsonValue>;
    /** Tags on the association. Default: none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * Create the namespace. `false` adopts an existing namespace: nothing is created, and
     * nothing of it is deleted. Default: true.
     */
    createNamespace?: boolean;
    /**
     * A namespace created elsewhere (for instance shared by several bindings) that the
     * service account waits for. Implies `createNamespace: false`. Default: none.
     */
    namespaceResource?: k8s.core.v1.Namespace;
    /**
     * Keep the namespace in the cluster when this component is deleted or replaced
     * (Pulumi's `retainOnDelete`): deleting a namespace deletes every workload in it.
     * Set to false to let `pulumi destroy` remove it. Default: true.
     */
    retainNamespaceOnDelete?: boolean;
    /** Labels on the namespace this component creates. Default: none. */
    namespaceLabels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * Create the service account. `false` adopts an existing one, which must exist before
     * the pods start. Default: true.
     */
    createServiceAccount?: boolean;
    /** Labels on the service account this component creates. Default: none. */
    serviceAccountLabels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Annotations on the service account this component creates. Default: none. */
    serviceAccountAnnotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * The cluster's Pod Identity agent, which `ready` then waits for: a
     * {@link PodIdentityAgent}, or `{ addonVersion }`. Default: none (the agent is managed elsewhere).
     */
    agent?: AgentReadiness;
}

/** What one binding gives its users, whether a {@link PodIdentityBinding} or one of {@link PodIdentity}'s. */
export interface PodIdentityBindingOutputs {
    /** The EKS Pod Identity association. */
    readonly association: aws.eks.PodIdentityAssociation;
    /** The association's ARN. */
    readonly associationArn: pulumi.Output<string>;
    /** The association's id. */
    readonly associationId: pulumi.Output<string>;
    /**
     * The association's external id (`region/account/cluster/namespace/service-account`),
     * for a target role's `sts:ExternalId` condition when session tags are off.
     */
    readonly externalId: pulumi.Output<string>;
    /** The namespace name. */
    readonly namespaceName: pulumi.Output<string>;
    /** The service account name. */
    readonly serviceAccountName: pulumi.Output<string>;
    /** The namespace, when the binding creates it. */
    readonly namespace?: k8s.core.v1.Namespace;
    /** The service account, when the binding creates it. */
    readonly serviceAccount?: k8s.core.v1.ServiceAccount;
    /**
     * The service account name, resolved only once the association, the service account and
     * the agent (when given) exist. Use it as a pod's `serviceAccountName` so the workload
     * waits for credentials to be available.
     */
    readonly ready: pulumi.Output<string>;
}

/** Resource options of one binding's resources, by the provider package they belong to. */
export interface BindingResourceOptions {
    /** Options of the association. */
    aws: pulumi.CustomResourceOptions;
    /** Options of the namespace and service account. */
    kubernetes: pulumi.CustomResourceOptions;
}

/**
 * For one cluster, namespace and service account: the namespace and service account
 * (created or adopted) and the EKS Pod Identity association to a role.
 *
 * The association waits for nothing but its role: EKS accepts it before the namespace,
 * service account or agent exist, so `pulumi up` is not serialised behind them. Workloads
 * wait on `ready` instead.
 */
export class PodIdentityBinding
    extends pulumi.ComponentResource
    implements PodIdentityBindingOutputs
{
    /** The EKS Pod Identity association. */
    public readonly association: aws.eks.PodIdentityAssociation;
    /** The association's ARN. */
    public readonly associationArn: pulumi.Output<string>;
    /** The association's id. */
    public readonly associationId: pulumi.Output<string>;
    /**
     * The association's external id (`region/account/cluster/namespace/service-account`),
     * for a target role's `sts:ExternalId` condition when session tags are off.
     */
    public readonly externalId: pulumi.Output<string>;
    /** The namespace name. */
    public readonly namespaceName: pulumi.Output<string>;
    /** The service account name. */
    public readonly serviceAccountName: pulumi.Output<string>;
    /** The namespace, when this component creates it. */
    public readonly namespace?: k8s.core.v1.Namespace;
    /** The service account, when this component creates it. */
    public readonly serviceAccount?: k8s.core.v1.ServiceAccount;
    /**
     * The service account name, resolved only once the association, the service account and
     * the agent (when given) exist. Use it as a pod's `serviceAccountName` so the workload
     * waits for credentials to be available.
     */
    public readonly ready: pulumi.Output<string>;

    constructor(
        name: string,
        args: PodIdentityBindingArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("eks-pod-identity:index:PodIdentityBinding", name, args, opts);

        const created = bindingResources(name, args, {
            aws: { parent: this },
            kubernetes: { parent: this },
        });
        this.association = created.association;
        this.associationArn = created.associationArn;
        this.associationId = created.associationId;
        this.externalId = created.externalId;
        this.namespaceName = created.namespaceName;
        this.serviceAccountName = created.serviceAccountName;
        this.namespace = created.namespace;
        this.serviceAccount = created.serviceAccount;
        this.ready = created.ready;

        this.registerOutputs({
            association: this.association,
            associationArn: this.associationArn,
            associationId: this.associationId,
            externalId: this.externalId,
            namespaceName: this.namespaceName,
            serviceAccountName: this.serviceAccountName,
            ready: this.ready,
        });
    }
}

/**
 * One binding's resources, named `name`, with the given options: the body of
 * {@link PodIdentityBinding}, also used by {@link PodIdentity} to bind a fleet's service
 * accounts without a component per binding.
 */
export function bindingResources(
    name: string,
    args: PodIdentityBindingArgs,
    opts: BindingResourceOptions,
): PodIdentityBindingOutputs {
    let namespace: k8s.core.v1.Namespace | undefined;
    if (!args.namespaceResource && (args.createNamespace ?? true)) {
        namespace = new k8s.core.v1.Namespace(
            name,
            { metadata: { name: args.namespace, labels: args.namespaceLabels } },
            { ...opts.kubernetes, retainOnDelete: args.retainNamespaceOnDelete ?? true },
        );
    }
    const namespaceResource = namespace ?? args.namespaceResource;
    const namespaceName = namespaceResource
        ? namespaceResource.metadata.name
        : pulumi.output(args.namespace);

    let serviceAccount: k8s.core.v1.ServiceAccount | undefined;
    if (args.createServiceAccount ?? true) {
        serviceAccount = new k8s.core.v1.ServiceAccount(
            name,
            {
                metadata: {
                    name: args.serviceAccount,
                    namespace: namespaceName,
                    labels: args.serviceAccountLabels,
                    annotations: args.serviceAccountAnnotations,
                },
            },
            opts.kubernetes,
        );
    }
    // Outputs that only workloads read are made on first use: a fleet has thousands of
    // bindings, and workloads wait on a few.
    const serviceAccountName = once(() =>
        serviceAccount ? serviceAccount.metadata.name : pulumi.output(args.serviceAccount),
    );

    const association = new aws.eks.PodIdentityAssociation(
        name,
        {
            clusterName: args.clusterName,
            // Plain strings, not the Kubernetes outputs: the association must not wait for them.
            namespace: args.namespace,
            serviceAccount: args.serviceAccount,
            roleArn: args.roleArn,
            targetRoleArn: args.targetRoleArn,
            disableSessionTags: args.disableSessionTags,
            policy:
                args.sessionPolicy === undefined
                    ? undefined
                    : pulumi.output(args.sessionPolicy).apply(sessionPolicyJson),
            tags: args.tags,
        },
        opts.aws,
    );

    const ready = once(() =>
        pulumi
            .all([
                association.associationId,
                serviceAccountName(),
                args.agent ? args.agent.addonVersion : "",
            ])
            .apply(([, name]) => name),
    );
    return {
        association,
        associationArn: association.associationArn,
        associationId: association.associationId,
        externalId: association.externalId,
        namespaceName,
        namespace,
        serviceAccount,
        get serviceAccountName() {
            return serviceAccountName();
        },
        get ready() {
            return ready();
        },
    };
}

/** `make`, called the first time the result is asked for, and only then. */
function once<T>(make: () => T): () => T {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
}

/** A session policy given as an object or a JSON string, as the sorted-key JSON EKS receives. */
export function sessionPolicyJson(policy: JsonValue): string {
    const document: unknown = typeof policy === "string" ? JSON.parse(policy) : policy;
    return stableStringify(document);
}
