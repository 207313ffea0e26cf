import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { roleNameFromArn } from "../iam/arn";
import { grantTargetRoleAssumption } from "../iam/chaining";
import { FIXED_NAME } from "../core/fixedName";
import { allGuards } from "../model/checkFailure";
import { claimServiceAccounts } from "../model/register/claims";
import { stableJsonText } from "../core/json";
import type { PodIdentityBindingArgs } from "../model/inputs/binding";
import { LaterGuards } from "../model/later";
import { parseBinding } from "../model/parse/binding";
import { SYSTEM_NAMESPACES } from "../model/rules/kubernetes";
import { warnOnUnannouncedPartition } from "../model/warnings";
import { resolveVerify } from "../model/verify";
import { associationImport, importing, namespacedImportId } from "../model/adopt";
import { verificationJob } from "../kubernetes/verify/job";

export type { AgentReadiness, PodIdentityBindingArgs } from "../model/inputs/binding";

// JSDoc below avoids {@link}: the component schema copies these comments into the SDKs of
// other languages, and the analyzer renders link tags as "[object Object]".

/** What one binding gives its users, whether a PodIdentityBinding or one of PodIdentity's. */
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
    /** The verification Job, with `verify`. */
    readonly verification?: k8s.batch.v1.Job;
    /**
     * The service account name, resolved only once the association, the service account, the
     * agent (when given), the target role grant (when made) and, in a PodIdentity (or with a
     * PodIdentityRole's `readyArn` as `roleArn`), the role's permissions exist. Use it as a
     * pod's `serviceAccountName` so the workload waits for credentials it can use.
     */
    readonly ready: pulumi.Output<string>;
}

/** Resource options of one binding's resources, by the provider package they belong to. */
export interface BindingResourceOptions {
    /** Options of the association. */
    aws: pulumi.CustomResourceOptions;
    /** Options of the namespace and service account. */
    kubernetes: pulumi.CustomResourceOptions;
    /**
     * Further Outputs `ready` waits for, e.g. the role's grant on a target role made once
     * for a whole fleet.
     */
    readyAfter?: pulumi.Input<string>[];
    /**
     * The namespace's name as the service account takes it, shared by the bindings of one
     * namespace (PodIdentity's): one Output per namespace instead of one per binding.
     * Default: the namespace resource's name, or the namespace as given.
     */
    namespaceName?: pulumi.Output<string>;
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
    /** The verification Job, with `verify`. */
    public readonly verification?: k8s.batch.v1.Job;
    /**
     * The association role's permission to assume `targetRoleArn`, when this component
     * grants it (see `grantTargetRoleAssumption`).
     */
    public readonly targetRoleGrant?: aws.iam.RolePolicy;
    /**
     * The service account name, resolved only once the association, the service account, the
     * agent (when given), the target role grant (when made) and, in a PodIdentity (or with a
     * PodIdentityRole's `readyArn` as `roleArn`), the role's permissions exist. Use it as a
     * pod's `serviceAccountName` so the workload waits for credentials it can use.
     */
    public readonly ready: pulumi.Output<string>;

    constructor(
        name: string,
        args: PodIdentityBindingArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const parsed = parseBinding(name, args);
        const binding = parsed.model;
        // The args are not recorded as the component's inputs: the SDK would hold every child
        // back until each Output in them resolved, so the association would wait for the
        // namespace or agent it was given (see PodIdentityRole).
        super("eks-pod-identity:index:PodIdentityBinding", name, {}, opts);

        // A service account another component of the program binds is refused before anything
        // is created; with a cluster name not known yet, everything waits for the check.
        const claimGuard = claimServiceAccounts(this, [
            {
                clusterName: binding.clusterName,
                namespace: binding.namespace,
                serviceAccount: binding.serviceAccount,
                awsProvider: this.getProvider("aws::"),
                claimant: `PodIdentityBinding "${name}"`,
            },
        ]);
        // Values known only at deployment are checked once known, and a failed check stops
        // every resource of the binding: the namespace and service account exist for the
        // association, so none of them is created for a binding that cannot be made.
        const later = new LaterGuards(this, parsed.component, parsed.later);
        const laterGuard = later.of("binding", () => true);
        const guarded: pulumi.CustomResourceOptions = {
            dependsOn: allGuards([claimGuard, laterGuard]),
        };

        if (binding.targetRoleArn !== undefined && (binding.grantTargetRoleAssumption ?? true)) {
            this.targetRoleGrant = grantTargetRoleAssumption(
                `${name}-chain-targets`,
                pulumi.output(binding.roleArn).apply((arn) => roleNameFromArn(arn)),
                [binding.targetRoleArn],
                { parent: this, ...guarded },
            );
        }
        const created = bindingResources(name, binding, {
            aws: { parent: this, ...guarded },
            kubernetes: { parent: this, ...guarded },
            // Pods of a chaining association get credentials only once the grant exists.
            readyAfter: this.targetRoleGrant ? [this.targetRoleGrant.id] : [],
        });
        this.association = created.association;
        this.associationArn = created.associationArn;
        this.associationId = created.associationId;
        this.externalId = created.externalId;
        this.namespaceName = created.namespaceName;
        this.serviceAccountName = created.serviceAccountName;
        this.namespace = created.namespace;
        this.serviceAccount = created.serviceAccount;
        this.verification = created.verification;
        this.ready = created.ready;
        if (!binding.allowUnannouncedPartition) {
            warnOnUnannouncedPartition(this.associationArn, this);
        }

        this.registerOutputs({
            association: this.association,
            associationArn: this.associationArn,
            associationId: this.associationId,
            externalId: this.externalId,
            namespaceName: this.namespaceName,
            serviceAccountName: this.serviceAccountName,
            targetRoleGrant: this.targetRoleGrant,
            verification: this.verification,
            ready: this.ready,
        });
    }
}

/**
 * One binding's resources, named `name`, with the given options: the body of
 * PodIdentityBinding, also used by PodIdentity to bind a fleet's service
 * accounts without a component per binding.
 */
export function bindingResources(
    name: string,
    args: PodIdentityBindingArgs,
    opts: BindingResourceOptions,
): PodIdentityBindingOutputs {
    let namespace: k8s.core.v1.Namespace | undefined;
    if (!args.namespaceResource && createsNamespace(args.namespace, args.createNamespace)) {
        namespace = new k8s.core.v1.Namespace(
            name,
            { metadata: { name: args.namespace, labels: args.namespaceLabels } },
            {
                ...opts.kubernetes,
                retainOnDelete: args.retainNamespaceOnDelete ?? true,
                ...FIXED_NAME,
                ...importing(args.adopt?.namespace ? args.namespace : undefined),
            },
        );
    }
    const namespaceResource = namespace ?? args.namespaceResource;
    const namespaceName =
        opts.namespaceName ??
        (namespaceResource ? namespaceResource.metadata.name : pulumi.output(args.namespace));

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
            {
                ...opts.kubernetes,
                ...FIXED_NAME,
                ...importing(
                    args.adopt?.serviceAccount
                        ? namespacedImportId(args.namespace, args.serviceAccount)
                        : undefined,
                ),
            },
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
                    : pulumi.output(args.sessionPolicy).apply(stableJsonText),
            tags: args.tags,
        },
        {
            ...opts.aws,
            ...FIXED_NAME,
            ...associationImport(args.clusterName, args.adopt?.associationId),
        },
    );

    const unverified = once(() =>
        pulumi
            .all([
                association.associationId,
                serviceAccountName(),
                args.agent ? args.agent.addonVersion : "",
                ...(opts.readyAfter ?? []),
            ])
            .apply(([, name]) => name),
    );
    // The proof runs once everything `ready` waits for exists; `ready` then waits for it.
    const verify = resolveVerify(args.verify);
    const verification =
        verify &&
        verificationJob(
            `${name}-verify`,
            {
                clusterName: args.clusterName,
                namespace: args.namespace,
                serviceAccount: args.serviceAccount,
                roleArn: args.roleArn,
                targetRoleArn: args.targetRoleArn,
                namespaceName,
                ready: unverified(),
                associationArn: association.associationArn,
            },
            verify,
            opts.kubernetes,
        );
    const ready = once(() =>
        verification
            ? pulumi.all([verification.id, unverified()]).apply(([, name]) => name)
            : unverified(),
    );
    return {
        association,
        associationArn: association.associationArn,
        associationId: association.associationId,
        externalId: association.externalId,
        namespaceName,
        namespace,
        serviceAccount,
        verification,
        get serviceAccountName() {
            return serviceAccountName();
        },
        get ready() {
            return ready();
        },
    };
}

/**
 * Whether a binding creates its namespace: as asked, and by default unless it is one of
 * Kubernetes' own namespaces, which always exist (creating one fails with "already exists").
 */
export function createsNamespace(namespace: string, asked: boolean | undefined): boolean {
    return asked ?? !SYSTEM_NAMESPACES.includes(namespace);
}

/** `make`, called the first time the result is asked for, and only then. */
function once<T>(make: () => T): () => T {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
}
