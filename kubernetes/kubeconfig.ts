import { stableStringify } from "../core/json";

/** What a kubeconfig for an EKS cluster needs from DescribeCluster. */
export interface ClusterEndpoint {
    name: string;
    /** The cluster ARN; its region is where `aws eks get-token` must ask. */
    arn: string;
    endpoint: string;
    certificateAuthorityData: string;
}

/**
 * A kubeconfig that authenticates with an `aws eks get-token` exec credential, as
 * `aws eks update-kubeconfig` writes it: short-lived tokens, no static secret, and the
 * identity of whoever runs `pulumi up`.
 */
/** Whose credentials `aws eks get-token` uses. Default: whoever runs `pulumi up`. */
export interface KubeconfigIdentity {
    /** An AWS CLI profile (`AWS_PROFILE`). Default: none (the ambient credentials). */
    profile?: string;
    /**
     * A role to assume for the token (`--role-arn`), e.g. the deployer role in the cluster's
     * account. Default: none.
     */
    roleArn?: string;
}

export function eksKubeconfig(cluster: ClusterEndpoint, identity: KubeconfigIdentity = {}): string {
    const region = cluster.arn.split(":")[3];
    const env = identity.profile ? [{ name: "AWS_PROFILE", value: identity.profile }] : undefined;
    const roleArgs = identity.roleArn ? ["--role-arn", identity.roleArn] : [];
    return stableStringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: cluster.arn,
                cluster: {
                    server: cluster.endpoint,
                    "certificate-authority-data": cluster.certificateAuthorityData,
                },
            },
        ],
        contexts: [{ name: cluster.arn, context: { cluster: cluster.arn, user: cluster.arn } }],
        "current-context": cluster.arn,
        preferences: {},
        users: [
            {
                name: cluster.arn,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "--region",
                            region,
                            "eks",
                            "get-token",
                            "--cluster-name",
                            cluster.name,
                            ...roleArgs,
                            "--output",
                            "json",
                        ],
                        env,
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}

/**
 * The EKS cluster a kubeconfig talks to: the `--cluster-name` of its `aws eks get-token` exec
 * credential, or the name in a cluster ARN; undefined when it names none or more than one. An
 * object (a parsed kubeconfig) is read as its JSON text.
 */
export function clusterNameOfKubeconfig(kubeconfig: unknown): string | undefined {
    const text =
        typeof kubeconfig === "string"
            ? kubeconfig
            : kubeconfig !== null && typeof kubeconfig === "object"
              ? JSON.stringify(kubeconfig)
              : undefined;
    if (text === undefined) {
        return undefined;
    }
    const names = new Set<string>();
    for (const match of text.matchAll(/--cluster-name[^A-Za-z0-9]+([A-Za-z0-9][\w-]*)/g)) {
        names.add(match[1]);
    }
    for (const match of text.matchAll(/arn:[^:"'\s]+:eks:[^:"'\s]*:\d*:cluster\/([\w-]+)/g)) {
        names.add(match[1]);
    }
    return names.size === 1 ? [...names][0] : undefined;
}
