/** The arguments of PodIdentityRole: declared here, below the components, so that the model reads them without importing a component. */
import type { RoleSettingsArgs } from "../../iam/iamRole";
import type { IrsaTrust } from "../../iam/irsaTrust";
import type { RolePermissionArgs } from "../../iam/permissions";
import type { TrustConditions } from "../../iam/trustPolicy";

/** Arguments of PodIdentityRole: the role's settings, its trust conditions and its permissions. */
export interface PodIdentityRoleArgs extends RoleSettingsArgs, RolePermissionArgs {
    /**
     * Cluster-independent conditions added to the trust policy (source account or
     * organisation, namespaces, service accounts, cluster names). Default: none, i.e. any
     * pod that an association in this account names may assume the role.
     */
    trust?: TrustConditions;
    /**
     * IRSA trust kept during a migration from IRSA: one `sts:AssumeRoleWithWebIdentity`
     * statement per cluster's OIDC provider, pinned to the listed service accounts, next to
     * the Pod Identity statement. The trust policy names clusters again while it is set (a
     * warning says so); remove it once the workloads use Pod Identity. Default: none.
     */
    irsaTrust?: IrsaTrust[];
}
