/**
 * What components claim in the program-wide register (register.ts), and why a second claim
 * in the same place is refused:
 *
 * - An association's service account: EKS allows one Pod Identity association per cluster,
 *   namespace and service account, and refuses a second with 409 ResourceInUseException
 *   ("Association already exists", CreatePodIdentityAssociation in the EKS API reference),
 *   also when an add-on's own association holds it: EKS creates and owns the associations of
 *   an add-on's `podIdentityAssociations` with the add-on, and a standalone association on
 *   the same service account fails with 409 (EKS User Guide, "IAM roles for Amazon EKS
 *   add-ons", https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html).
 * - An add-on, the Pod Identity agent included: one add-on of a name per cluster (CreateAddon
 *   refuses a second with 409 ResourceInUseException, EKS API reference).
 * - An IAM role name: unique per account, ignoring case ("Role names are not distinguished by
 *   case", IAM User Guide, "IAM object quotas"/"Friendly names and paths"; CreateRole fails
 *   with 409 EntityAlreadyExists).
 */
import type * as pulumi from "@pulumi/pulumi";
import { AGENT_ADDON_NAME } from "../../eks/knownAddons";
import { claim, Claim, ClaimSubject } from "./register";

export { claim } from "./register";
export { placeProvider } from "./place";

/** One service account a component binds on one cluster. */
export interface ServiceAccountClaim {
    /** The cluster's name. */
    clusterName: pulumi.Input<string>;
    /** The service account's namespace. */
    namespace: string;
    /** The service account's name. */
    serviceAccount: string;
    /**
     * The AWS provider the association goes through, which places the cluster (account and
     * region); undefined for the default provider.
     */
    awsProvider: pulumi.ProviderResource | undefined;
    /** Who claims it, as an error names it, e.g. `PodIdentity "app" (clusters.prod)`. */
    claimant: string;
    /**
     * The EKS add-on whose own association this is (e.g. `aws-ebs-csi-driver`), for the
     * error's words. Default: none (a standalone association).
     */
    addon?: string;
}

/** The claim of an association's service account. */
export function serviceAccountClaim(sa: ServiceAccountClaim): Claim {
    return {
        name: sa.clusterName,
        subject: (clusterName) => ({
            scope: "cluster",
            key: ["association", clusterName, sa.namespace, sa.serviceAccount],
        }),
        awsProvider: sa.awsProvider,
        claimant: sa.claimant,
        addon: sa.addon,
        conflict: (holder, clusterName, where) => {
            const on = `service account ${sa.namespace}/${sa.serviceAccount} on cluster ${clusterName}${where}`;
            if (sa.addon === undefined && holder.addon === undefined) {
                return (
                    `${sa.claimant} binds ${on}, which ${holder.claimant} already binds: EKS ` +
                    `allows one Pod Identity association per cluster, namespace and service ` +
                    `account, and refuses a second with 409 ResourceInUseException. Bind it in one ` +
                    `component only, or use another service account.`
                );
            }
            return (
                `${boundBy(sa)} ${on}, which ${boundBy(holder, "already ")}: EKS creates and owns ` +
                `an add-on's Pod Identity association with the add-on, and refuses any second ` +
                `association for the same cluster, namespace and service account with 409 ` +
                `ResourceInUseException. Keep one of the two, or use another service account.`
            );
        },
    };
}

/** How a conflict names a claimant: an add-on's association is EKS's, not the component's. */
function boundBy(holder: Pick<Claim, "claimant" | "addon">, already = ""): string {
    return holder.addon === undefined
        ? `${holder.claimant} ${already}binds`
        : `${holder.claimant} ${already}associates (through add-on ${holder.addon}'s own association)`;
}

/**
 * Claims service accounts for `owner` (see {@link claim}): a conflict certain now throws, the
 * rest are checked once known through the returned guard.
 */
export function claimServiceAccounts(
    owner: pulumi.Resource,
    claims: ServiceAccountClaim[],
): pulumi.Output<pulumi.Resource[]> | undefined {
    return claim(owner, claims.map(serviceAccountClaim));
}

/** One EKS add-on a component installs on one cluster. */
export interface AddonClaim {
    clusterName: pulumi.Input<string>;
    /** The add-on's name, e.g. `eks-pod-identity-agent`. */
    addonName: string;
    awsProvider: pulumi.ProviderResource | undefined;
    claimant: string;
}

/** The claim of an add-on's installation on a cluster. */
export function addonClaim(addon: AddonClaim): Claim {
    return {
        name: addon.clusterName,
        subject: addonSubject(addon.addonName),
        awsProvider: addon.awsProvider,
        claimant: addon.claimant,
        addon: addon.addonName,
        conflict: (holder, clusterName, where) =>
            addon.addonName === AGENT_ADDON_NAME
                ? `${addon.claimant} installs the Pod Identity agent (add-on ${AGENT_ADDON_NAME}) ` +
                  `on cluster ${clusterName}${where}, which ${holder.claimant} already installs: ` +
                  `EKS allows one add-on of a name per cluster, and refuses a second with 409 ` +
                  `ResourceInUseException. Install it once and share it: pass the first one's ` +
                  `agent (a PodIdentity cluster's agent: first.agents["<cluster key>"], or ` +
                  `{ addonVersion } of it), or set agent: false where it is managed elsewhere.`
                : `${addon.claimant} installs add-on ${addon.addonName} on cluster ` +
                  `${clusterName}${where}, which ${holder.claimant} already installs: EKS allows ` +
                  `one add-on of a name per cluster, and refuses a second with 409 ` +
                  `ResourceInUseException. Keep one of the two.`,
    };
}

/** The claim of an IAM role name in the account of `awsProvider`. */
export function roleNameClaim(
    roleName: pulumi.Input<string>,
    awsProvider: pulumi.ProviderResource | undefined,
    claimant: string,
): Claim {
    return {
        name: roleName,
        subject: (name) => ({ scope: "account", key: ["role", name.toLowerCase()] }),
        awsProvider,
        claimant,
        conflict: (holder, name, where) =>
            `${claimant} names its IAM role "${name}"${where}, which ${holder.claimant} already ` +
            `uses in the same account: IAM role names are unique per account whatever their ` +
            `case or path, and CreateRole refuses a second with 409 EntityAlreadyExists. ` +
            `Choose another name, or leave name unset for a generated one.`,
    };
}

/**
 * Claims a role's fixed name (when it has one) in the account of `owner`'s AWS provider; the
 * guard of what is left to check, as from {@link claim}. `parsed` names the claimant.
 */
export function claimRoleName(
    owner: pulumi.Resource,
    roleName: pulumi.Input<string> | undefined,
    parsed: { component: string; at: string },
): pulumi.Output<pulumi.Resource[]> | undefined {
    if (roleName === undefined) {
        return undefined;
    }
    const claimant = parsed.at === "" ? parsed.component : `${parsed.component} (${parsed.at}name)`;
    return claim(owner, [roleNameClaim(roleName, owner.getProvider("aws::"), claimant)]);
}

/** The subject of an add-on's installation on a cluster, by the cluster's name. */
export function addonSubject(addonName: string): (clusterName: string) => ClaimSubject {
    return (clusterName) => ({ scope: "cluster", key: ["addon", clusterName, addonName] });
}
