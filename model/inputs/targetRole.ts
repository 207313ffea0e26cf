/** The arguments of PodIdentityTargetRole. */
import type * as pulumi from "@pulumi/pulumi";
import type { RoleSettingsArgs } from "../../iam/iamRole";
import type { RolePermissionArgs } from "../../iam/permissions";

/**
 * Arguments of PodIdentityTargetRole: who may chain into the role (the association roles and
 * what their sessions must carry), the role's settings and its permissions.
 */
export interface PodIdentityTargetRoleArgs extends RoleSettingsArgs, RolePermissionArgs {
    /**
     * ARNs of the association roles (`roleArn` of the associations, in the clusters'
     * accounts) that EKS chains from. Each role's account root becomes a principal and the
     * role itself the `aws:PrincipalARN` condition (ArnEquals). Required, at least one.
     */
    trustedRoleArns: pulumi.Input<string>[];
    /**
     * EKS cluster ARNs whose pods may chain in (`aws:RequestTag/eks-cluster-arn`); a value
     * with `*` or `?` is a pattern (StringLike), e.g. `arn:aws:eks:*:111122223333:cluster/prod-*`.
     * Session tags only. Default: any cluster.
     */
    clusterArns?: pulumi.Input<string>[];
    /**
     * Kubernetes namespaces whose pods may chain in (`aws:RequestTag/kubernetes-namespace`),
     * patterns as for `clusterArns`. Session tags only. Default: any namespace.
     */
    namespaces?: pulumi.Input<string>[];
    /**
     * Service account names that may chain in (`aws:RequestTag/kubernetes-service-account`),
     * patterns as for `clusterArns`. Session tags only. Default: any service account.
     */
    serviceAccounts?: pulumi.Input<string>[];
    /**
     * For associations with session tags off: the ids EKS sends as `sts:ExternalId`,
     * `region/account/cluster/namespace/service-account` of each association (the cluster's
     * account). Compute them with `podIdentityExternalId(...)` from plain values: taking the
     * association's `externalId` output would be a cycle, as the association needs this role's
     * ARN. Each trusted role gets its own AssumeRole statement with the ids of its account.
     * Required when `sessionTags` is false; not allowed otherwise. Default: none.
     */
    externalIds?: pulumi.Input<string>[];
    /**
     * Whether the associations chaining in send session tags (their `disableSessionTags` is
     * false). Chooses the trust policy's shape: request-tag conditions when true, external ids
     * and a separate `sts:TagSession` statement when false. Default: true.
     */
    sessionTags?: boolean;
}
