import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "./json";
import { JsonValue } from "./types";
import { checkBindingArgs } from "./validation/args";
import { Problems } from "./validation/problems";
import { warnOnUnannouncedPartition } from "./validation/warnings";

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
     * Accept the IRSA annotation `eks.amazonaws.com/role-arn` on the service account, for a
     * migration window: while it is there, AWS SDKs keep using IRSA, not Pod Identity.
     * Default: false (the annotation is refused).
     */
    allowIrsaAnnotation?: boolean;
    /**
     * Do not warn when the cluster is in a partition where AWS announced Pod Identity as
     * unavailable (AWS GovCloud (US), China), e.g. once AWS supports it there. Default: false.
     */
    allowUnannouncedPartition?: boolean;
    /**
     * The cluster's Pod Identity agent, which `ready` then waits for: a
     * {@link PodIdentityAgent}, or `{ addonVersion }`. Default: none (the agent is managed elsewhere).
     */
    agent?: AgentReadiness;
}

/**
 * For one cluster, namespace and service account: the namespace and service account
 * (created or adopted) and the EKS Pod Identity association to a role.
 *
 * The association waits for nothing but its role: EKS accepts it before the namespace,
 * service account or agent exist, so `pulumi up` is not serialised behind them. Workloads
 * wait on `ready` instead.
 */
export class PodIdentityBinding extends pulumi.ComponentResource {
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
        const problems = new Problems();
        checkBindingArgs(problems, args);
        problems.throwIfAny("PodIdentityBinding", name);
        super("eks-pod-identity:index:PodIdentityBinding", name, args, opts);

        if (!args.namespaceResource && (args.createNamespace ?? true)) {
            this.namespace = new k8s.core.v1.Namespace(
                name,
                { metadata: { name: args.namespace, labels: args.namespaceLabels } },
                { parent: this, retainOnDelete: args.retainNamespaceOnDelete ?? true },
            );
        }
        const namespaceResource = this.namespace ?? args.namespaceResource;
        this.namespaceName = namespaceResource
            ? namespaceResource.metadata.name
            : pulumi.output(args.namespace);

        if (args.createServiceAccount ?? true) {
            this.serviceAccount = new k8s.core.v1.ServiceAccount(
                name,
                {
                    metadata: {
                        name: args.serviceAccount,
                        namespace: this.namespaceName,
                        labels: args.serviceAccountLabels,
                        annotations: args.serviceAccountAnnotations,
                    },
                },
                { parent: this },
            );
        }
        this.serviceAccountName = this.serviceAccount
            ? this.serviceAccount.metadata.name
            : pulumi.output(args.serviceAccount);

        this.association = new aws.eks.PodIdentityAssociation(
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
            { parent: this },
        );
        this.associationArn = this.association.associationArn;
        this.associationId = this.association.associationId;
        this.externalId = this.association.externalId;
        if (!args.allowUnannouncedPartition) {
            warnOnUnannouncedPartition(this.associationArn, this);
        }

        this.ready = pulumi
            .all([
                this.association.associationId,
                this.serviceAccountName,
                args.agent ? args.agent.addonVersion : "",
            ])
            .apply(([, serviceAccountName]) => serviceAccountName);

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

/** A session policy given as an object or a JSON string, as the sorted-key JSON EKS receives. */
export function sessionPolicyJson(policy: JsonValue): string {
    const document: unknown = typeof policy === "string" ? JSON.parse(policy) : policy;
    return stableStringify(document);
}
