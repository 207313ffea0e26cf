/**
 * The EKS Pod Identity session tags a permission policy can scope by (ABAC): IAM replaces
 * `${aws:PrincipalTag/<tag>}` with the value EKS attached to the pod's session, so one role
 * serves many namespaces and clusters and each sees only its own data.
 */
export const SessionTag = {
    /** `eks-cluster-name`: the cluster the pod runs in. */
    ClusterName: "eks-cluster-name",
    /** `kubernetes-namespace`: the pod's namespace. */
    Namespace: "kubernetes-namespace",
    /** `kubernetes-service-account`: the pod's service account. */
    ServiceAccount: "kubernetes-service-account",
} as const;
/** See {@link SessionTag}. */
export type SessionTag = (typeof SessionTag)[keyof typeof SessionTag];

/** The policy variable that IAM fills in with a session tag's value. */
export function principalTag(tag: SessionTag): string {
    // A plain string: in a template literal `${` would be TypeScript's, not IAM's.
    return "${aws:PrincipalTag/" + tag + "}";
}

/**
 * A path of session-tag values, one segment per tag, with a trailing slash:
 * `[ClusterName, Namespace]` -> `${aws:PrincipalTag/eks-cluster-name}/${aws:PrincipalTag/kubernetes-namespace}/`.
 * No tags -> "" (no scoping).
 */
export function sessionTagPath(tags: SessionTag[] | undefined): string {
    return (tags ?? []).map((tag) => principalTag(tag) + "/").join("");
}

/** True when a value is one of the session tags (for validating input from other languages). */
export function isSessionTag(value: unknown): value is SessionTag {
    return (Object.values(SessionTag) as unknown[]).includes(value);
}
