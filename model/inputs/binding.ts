/** The arguments of PodIdentityBinding, and the agent readiness it and PodIdentity take. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { JsonValue } from "../../core/types";
import type { VerifyOptions } from "../verify";
import type { AdoptOptions } from "../adopt";

// JSDoc below avoids {@link}: the component schema copies these comments into the SDKs of
// other languages, and the analyzer renders link tags as "[object Object]".

/**
 * The agent workloads should wait for: a PodIdentityAgent fits as it is; from other
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
    /**
     * ARN of the IAM role pods receive credentials for (`roleArn`), e.g. `role.arn`. With a
     * PodIdentityRole's `readyArn`, `ready` (and the association) also wait for the role's
     * permissions.
     */
    roleArn: pulumi.Input<string>;
    /**
     * ARN of a role, usually in another account, that EKS assumes with the association
     * role's credentials (`targetRoleArn`, role chaining); pods get the target role's
     * credentials. Its trust policy must admit the association role (PodIdentityTargetRole
     * writes it). Default: none.
     */
    targetRoleArn?: pulumi.Input<string>;
    /**
     * With `targetRoleArn`: give the association role `sts:AssumeRole` and `sts:TagSession`
     * on the target role, and nothing more, in one inline policy ("<name>-chain-targets") on
     * the role that `roleArn` names. It is created with this component's AWS provider, which
     * is the cluster's account, where EKS requires the association role to be. Set false when
     * the role's permissions are managed elsewhere (the stack that owns the role, or one
     * grant for many bindings that share a role, as PodIdentity does). Default: true.
     */
    grantTargetRoleAssumption?: boolean;
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
     * nothing of it is deleted. Default: true, except for Kubernetes' own namespaces
     * (`default`, `kube-system`, `kube-public`, `kube-node-lease`), which are always adopted.
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
     * The cluster's Pod Identity agent, which `ready` then waits for: a PodIdentityAgent, or
     * `{ addonVersion }`. Default: none (the agent is managed elsewhere).
     */
    agent?: AgentReadiness;
    /**
     * Prove, before `ready` resolves, that a pod of this service account gets working Pod
     * Identity credentials: a Kubernetes Job in the namespace runs one pod as the service
     * account, after the association and the role's permissions exist (see docs/verify.md).
     * Default: none (off).
     */
    verify?: VerifyOptions;
    /**
     * Import what already exists instead of creating it: the association (`associationId`),
     * the service account, the namespace (see docs/troubleshooting.md for the 409 "Association
     * already exists"). Default: none.
     */
    adopt?: AdoptOptions;
}
