/**
 * Resource options of a resource whose physical name is fixed: an IAM role with a `name`
 * (unique per account whatever its path), a Kubernetes namespace or service account, an
 * association (one per cluster, namespace and service account), an add-on (one per cluster
 * and add-on name). Pulumi replaces create-first unless told otherwise (Pulumi docs,
 * "Resource options: deleteBeforeReplace"), and that create fails because the name is
 * taken (IAM EntityAlreadyExists, EKS 409 ResourceInUseException, Kubernetes AlreadyExists),
 * so such resources are replaced delete-first.
 */
export const FIXED_NAME = { deleteBeforeReplace: true } as const;
