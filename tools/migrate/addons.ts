/**
 * EKS add-ons of the export: those whose role comes through `serviceAccountRoleArn` (IRSA),
 * which move to the add-on's own `podIdentityAssociations` on the same role, and the Pod
 * Identity agent add-ons already installed.
 *
 * Why not a standalone association on the add-on's service account: EKS keeps annotating that
 * service account from `serviceAccountRoleArn`, so the add-on would stay on IRSA, and an add-on
 * cannot adopt an association that already exists (EKS User Guide, "add-ons-iam"). eksctl's
 * `utils migrate-to-pod-identity` skips add-on service accounts for the same reason and
 * updates the add-on instead (pkg/actions/podidentityassociation/addon_migrator.go): the
 * service account the role's trust names, else the one DescribeAddonConfiguration lists.
 */
import { knownAddon } from "../../eks/knownAddons";
import { ClusterRef, TYPES } from "./inventory";
import { ExportedResource, property } from "./stackExport";
import { irsaGrants } from "./trust";

/**
 * The agent add-on's EKS name: components/agent.ts's AGENT_ADDON_NAME, not imported from there
 * because that file loads the Pulumi SDK, which this command does without.
 */
export const AGENT_ADDON = "eks-pod-identity-agent";

/** An add-on that moves from `serviceAccountRoleArn` to `podIdentityAssociations`. */
export interface AddonMove {
    clusterName: string;
    addonName: string;
    namespace: string;
    serviceAccount: string;
    /** The role it keeps: its `serviceAccountRoleArn` today. */
    roleArn: string;
    /** The `aws.eks.Addon` to change, in the stack that owns it. */
    urn: string;
    /** The add-on resource's logical name. */
    name: string;
    /** Its `addonVersion`, when the export says. */
    addonVersion?: string;
}

/** The add-ons of the export, as the plan needs them. */
export interface AddonInventory {
    moves: AddonMove[];
    /** What a person must decide, by the role it concerns. */
    flagged: { roleArn: string; message: string }[];
    /** Clusters that run the `eks-pod-identity-agent` add-on already, to its URN. */
    agents: Map<string, string>;
}

const text = (value: unknown): string | undefined =>
    typeof value === "string" && value !== "" ? value : undefined;

/** The exact service accounts a role's IRSA trust names on one cluster. */
function trustedOn(
    role: ExportedResource | undefined,
    clusterName: string,
    clusters: Map<string, ClusterRef>,
): { namespace: string; name: string }[] {
    if (!role) {
        return [];
    }
    return irsaGrants(property(role, "assumeRolePolicy"))
        .filter((grant) => clusters.get(grant.issuer)?.clusterName === clusterName)
        .flatMap((grant) => grant.subjects)
        .flatMap((subject) =>
            subject.kind === "exact" ? [{ namespace: subject.namespace, name: subject.name }] : [],
        );
}

/** Reads the export's add-ons; `roles` are its IAM roles by ARN. */
export function addonInventory(
    resources: ExportedResource[],
    roles: Map<string, ExportedResource>,
    clusters: Map<string, ClusterRef>,
): AddonInventory {
    const inventory: AddonInventory = { moves: [], flagged: [], agents: new Map() };
    for (const addon of resources.filter((r) => r.type === TYPES.addon)) {
        const addonName = text(property(addon, "addonName"));
        const clusterName = text(property(addon, "clusterName"));
        if (addonName === undefined || clusterName === undefined) {
            continue;
        }
        if (addonName === AGENT_ADDON) {
            inventory.agents.set(clusterName, addon.urn);
            continue;
        }
        const roleArn = text(property(addon, "serviceAccountRoleArn"));
        const associations = property(addon, "podIdentityAssociations");
        if (roleArn === undefined || (Array.isArray(associations) && associations.length > 0)) {
            continue;
        }
        const known = knownAddon(addonName);
        const trusted = trustedOn(roles.get(roleArn), clusterName, clusters);
        const accounts = known
            ? known.serviceAccounts.length === 1
                ? [{ namespace: known.namespace, name: known.serviceAccounts[0] }]
                : trusted.filter(
                      (sa) =>
                          sa.namespace === known.namespace &&
                          known.serviceAccounts.includes(sa.name),
                  )
            : trusted.length === 1
              ? trusted
              : [];
        if (accounts.length === 0) {
            inventory.flagged.push({
                roleArn,
                message:
                    `add-on ${addonName} on ${clusterName} (${addon.urn}) takes its role through ` +
                    `serviceAccountRoleArn, but which service account its podIdentityAssociations ` +
                    `need is not clear from this package's known add-ons and the role's trust: ` +
                    `read it with \`aws eks describe-addon-configuration --addon-name ${addonName} ` +
                    `--addon-version <version> --query podIdentityConfiguration\`.`,
            });
            continue;
        }
        for (const account of accounts) {
            inventory.moves.push({
                clusterName,
                addonName,
                namespace: account.namespace,
                serviceAccount: account.name,
                roleArn,
                urn: addon.urn,
                name: addon.name,
                addonVersion: text(property(addon, "addonVersion")),
            });
        }
    }
    return inventory;
}
