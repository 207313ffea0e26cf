import { breach, defineRule, Rule } from "./rule";
import { SOURCES } from "./sources";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const NAMESPACE_NAME_RULE = defineRule({
    id: "kubernetes-namespace-name",
    concern: "kubernetes",
    rule: "namespace names are DNS-1123 labels: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit",
    fix: "Rename it, e.g. in lower case with '-' for other characters.",
    source: SOURCES.kubernetesNames,
});

export const SERVICE_ACCOUNT_NAME_RULE = defineRule({
    id: "kubernetes-service-account-name",
    concern: "kubernetes",
    rule: "service account names are DNS-1123 subdomains: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
    fix: "Rename it.",
    source: SOURCES.kubernetesNames,
});

export const KUBERNETES_VERSION_RULE = defineRule({
    id: "kubernetes-version",
    concern: "kubernetes",
    rule: 'EKS Kubernetes versions are written "<major>.<minor>", e.g. "1.31", and Pod Identity needs 1.24 or later',
    fix: 'Quote it in YAML ("1.30", not 1.30, which reads as 1.3).',
    source: SOURCES.eksKubernetesVersions,
});

export const IRSA_ANNOTATION_RULE = defineRule({
    id: "irsa-annotation",
    concern: "kubernetes",
    rule: "a service account with the eks.amazonaws.com/role-arn annotation gets IRSA credentials, which AWS SDKs prefer to Pod Identity's",
    fix: "Remove the annotation, or set allowIrsaAnnotation: true for a migration window.",
    source: SOURCES.irsa,
});

export const SYSTEM_NAMESPACE_RULE = defineRule({
    id: "kubernetes-system-namespace",
    concern: "kubernetes",
    rule: "default, kube-system, kube-public and kube-node-lease exist in every cluster: creating one fails with 409 AlreadyExists, and a Namespace resource that owned one would delete it with the component",
    fix: "Remove createNamespace: the package adopts these namespaces without creating them.",
    source: SOURCES.kubernetesInitialNamespaces,
});

/** All the Kubernetes rules, for the catalogue. */
export const KUBERNETES_RULES: Rule[] = [
    NAMESPACE_NAME_RULE,
    SYSTEM_NAMESPACE_RULE,
    SERVICE_ACCOUNT_NAME_RULE,
    KUBERNETES_VERSION_RULE,
    IRSA_ANNOTATION_RULE,
];

/** Why a namespace name is invalid (Kubernetes: a DNS-1123 label), or undefined when valid. */
export function namespaceNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 63 || !DNS_LABEL.test(name)) {
        return breach(
            NAMESPACE_NAME_RULE,
            name,
            "is not a valid Kubernetes namespace name",
            "Rename it: use at most 63 lower-case letters, digits and '-' (DNS-1123 label).",
        );
    }
    return undefined;
}

/**
 * Why a service account name is invalid (Kubernetes: a DNS-1123 subdomain, i.e. dot-separated
 * labels, at most 253 characters), or undefined when valid.
 */
export function serviceAccountNameProblem(name: string): string | undefined {
    const valid =
        name.length > 0 &&
        name.length <= 253 &&
        name.split(".").every((label) => DNS_LABEL.test(label));
    if (!valid) {
        return breach(
            SERVICE_ACCOUNT_NAME_RULE,
            name,
            "is not a valid Kubernetes service account name",
        );
    }
    return undefined;
}

/** The oldest Kubernetes version EKS Pod Identity supports. */
export const MIN_KUBERNETES_VERSION = "1.24";

/** Why a Kubernetes version cannot run Pod Identity, or undefined when it can (or is unparsable). */
export function kubernetesVersionProblem(version: string): string | undefined {
    const match = /^(\d+)\.(\d+)$/.exec(version);
    if (!match) {
        const near = /^v?(\d+\.\d+)(?:\.\d+.*)?$/.exec(version)?.[1];
        return breach(
            KUBERNETES_VERSION_RULE,
            version,
            'is not a Kubernetes version such as "1.31"',
            near ? `Write "${near}".` : KUBERNETES_VERSION_RULE.fix,
        );
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < 1 || (major === 1 && minor < 24)) {
        return (
            `Kubernetes ${version} cannot run EKS Pod Identity, which needs ${MIN_KUBERNETES_VERSION} ` +
            `or later (platform versions 1.24 eks.13, 1.25 eks.10, 1.26 eks.9, 1.27 eks.8, ` +
            `1.28 eks.4 or later): upgrade the cluster first.`
        );
    }
    return undefined;
}

/** The service account annotation of IRSA, which AWS SDKs prefer over Pod Identity. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

/** Namespaces every cluster has: adopted, never created or deleted by this package. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** Why `createNamespace: true` cannot hold for `namespace`; undefined when it can. */
export function systemNamespaceProblem(
    namespace: string,
    createNamespace: boolean | undefined,
): string | undefined {
    return createNamespace === true && SYSTEM_NAMESPACES.includes(namespace)
        ? breach(
              SYSTEM_NAMESPACE_RULE,
              namespace,
              "is a namespace every cluster has, which createNamespace: true would create",
          )
        : undefined;
}
