const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why a namespace name is invalid (Kubernetes: a DNS-1123 label), or undefined when valid. */
export function namespaceNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 63 || !DNS_LABEL.test(name)) {
        return (
            `"${name}" is not a valid Kubernetes namespace name: use at most 63 lower-case ` +
            `letters, digits and '-', starting and ending with a letter or digit (DNS-1123 label).`
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
        return (
            `"${name}" is not a valid Kubernetes service account name: use lower-case letters, ` +
            `digits, '-' and '.', starting and ending with a letter or digit, at most 253 ` +
            `characters (DNS-1123 subdomain).`
        );
    }
    return undefined;
}

/** The oldest Kubernetes version EKS Pod Identity supports. */
export const MIN_KUBERNETES_VERSION = "1.24";

/** Why a Kubernetes version cannot run Pod Identity, or undefined when it can (or is unparsable). */
export function kubernetesVersionProblem(version: string): string | undefined {
    const match = /^v?(\d+)\.(\d+)/.exec(version);
    if (!match) {
        return `"${version}" is not a Kubernetes version such as "1.31".`;
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
