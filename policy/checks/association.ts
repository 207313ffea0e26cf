/**
 * Rules on one Pod Identity association's own arguments.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, matchesAny, readOptions } from "../config";
import { ResourceView, TYPES, viewOfResourceArgs } from "../resources";
import { asBoolean, asString, isUnknown } from "../values";

/**
 * A session policy (`policy`, the binding's `sessionPolicy`) without `disableSessionTags:
 * true`, which EKS refuses. Not judged while either value is unknown during preview.
 */
export function sessionPolicyFindings(resource: ResourceView): string[] {
    if (resource.type !== TYPES.association) {
        return [];
    }
    const policy = asString(resource.props.policy);
    const disabled = asBoolean(resource.props.disableSessionTags);
    if (policy === undefined || policy === "" || isUnknown(policy) || isUnknown(disabled)) {
        return [];
    }
    if (disabled === true) {
        return [];
    }
    return [
        `association "${resource.name}" sets a session policy (policy) while session tags are ` +
            `on: EKS accepts a session policy only with disableSessionTags: true. Set ` +
            `disableSessionTags: true, or drop the session policy.`,
    ];
}

/** Options of `pod-identity-system-namespace`. */
export interface NamespaceOptions {
    [option: string]: string[];
    /** Namespaces kept for the cluster's own components. */
    namespaces: string[];
    /** `namespace/serviceAccount` of system components that belong there (wildcards allowed). */
    allowedServiceAccounts: string[];
}

const NAMESPACE_OPTIONS = {
    namespaces: {
        description:
            "Namespaces kept for the cluster's own components, where application " +
            "associations do not belong.",
        default: ["kube-system", "kube-public", "default"],
    },
    allowedServiceAccounts: {
        description:
            "`namespace/serviceAccount` of system components that legitimately use Pod " +
            "Identity in those namespaces; `*` and `?` are wildcards.",
        default: [
            "kube-system/aws-node",
            "kube-system/ebs-csi-controller-sa",
            "kube-system/efs-csi-controller-sa",
            "kube-system/fsx-csi-controller-sa",
            "kube-system/s3-csi-driver-sa",
            "kube-system/aws-load-balancer-controller",
            "kube-system/cluster-autoscaler",
            "kube-system/karpenter",
        ],
    },
};

/** The defaults of {@link NamespaceOptions}. */
export const NAMESPACE_DEFAULTS: NamespaceOptions = readOptions<NamespaceOptions>(
    undefined,
    NAMESPACE_OPTIONS,
);

/**
 * An association for an application service account in a namespace kept for the system.
 * Not judged while the namespace or service account is unknown during preview.
 */
export function systemNamespaceFindings(
    resource: ResourceView,
    options: NamespaceOptions,
): string[] {
    if (resource.type !== TYPES.association) {
        return [];
    }
    const namespace = asString(resource.props.namespace);
    const serviceAccount = asString(resource.props.serviceAccount);
    if (typeof namespace !== "string" || typeof serviceAccount !== "string") {
        return [];
    }
    const qualified = `${namespace}/${serviceAccount}`;
    if (
        !options.namespaces.includes(namespace) ||
        matchesAny(options.allowedServiceAccounts, qualified)
    ) {
        return [];
    }
    return [
        `association "${resource.name}" gives AWS credentials to ${qualified}: namespace ` +
            `"${namespace}" is kept for the cluster's own components, and everything that can ` +
            `run pods there could use them. Run the workload in its own namespace, or list ` +
            `"${qualified}" in allowedServiceAccounts.`,
    ];
}

/** `pod-identity-session-policy-needs-disabled-tags`: see {@link sessionPolicyFindings}. */
export const sessionPolicyPolicy: ResourceValidationPolicy = {
    name: "pod-identity-session-policy-needs-disabled-tags",
    description:
        "A Pod Identity association with a session policy (policy) sets disableSessionTags: " +
        "true, which EKS requires.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        sessionPolicyFindings(viewOfResourceArgs(args)).forEach((message) =>
            reportViolation(message),
        );
    },
};

/** `pod-identity-system-namespace`: see {@link systemNamespaceFindings}. */
export const systemNamespacePolicy: ResourceValidationPolicy = {
    name: "pod-identity-system-namespace",
    description:
        "Application Pod Identity associations stay out of kube-system, kube-public and " +
        "default (configurable).",
    enforcementLevel: "advisory",
    configSchema: configSchema(NAMESPACE_OPTIONS),
    validateResource: (args, reportViolation) => {
        systemNamespaceFindings(
            viewOfResourceArgs(args),
            readOptions<NamespaceOptions>(args, NAMESPACE_OPTIONS),
        ).forEach((message) => reportViolation(message));
    },
};
