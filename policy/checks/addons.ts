/**
 * EKS add-ons and their own Pod Identity associations. EKS creates an add-on's associations
 * with the add-on and owns them: a standalone association for the same service account fails
 * with 409 ResourceInUseException; an add-on that can take a role through Pod Identity but has
 * none runs with the node role's permissions (EKS User Guide, "IAM roles for Amazon EKS
 * add-ons").
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { defaultPermissions, knownAddon } from "../../eks/knownAddons";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import { ClusterRef, describeCluster, Finding, sameCluster, StackIndex } from "../stack";
import { asString, isUnknown, member, Plain } from "../values";
import { placedAssociations } from "./clusters";

/** One association an add-on of the stack owns, with where it is. */
interface AddonAssociation {
    addon: ResourceView;
    addonName: string;
    cluster: ClusterRef;
    namespace: string;
    serviceAccount: string;
}

/**
 * The add-on's namespace: its `namespaceConfig`, or where EKS installs a known add-on.
 * Undefined when neither says.
 */
function addonNamespace(addon: ResourceView, addonName: string): string | undefined {
    const configured = asString(member(addon.props.namespaceConfig, "namespace"));
    if (typeof configured === "string" && configured !== "") {
        return configured;
    }
    return knownAddon(addonName)?.namespace;
}

/** The service accounts an add-on's `podIdentityAssociations` name; unknown ones are left out. */
function associatedServiceAccounts(value: Plain | undefined): string[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value
        .map((entry) => asString(member(entry, "serviceAccount")))
        .filter((name): name is string => typeof name === "string");
}

/** The add-ons' associations whose cluster, namespace and service account are known. */
function addonAssociations(stack: StackIndex): AddonAssociation[] {
    return stack.ofType(TYPES.addon).flatMap((addon) => {
        const addonName = asString(addon.props.addonName);
        const cluster = stack.clusterOf(addon);
        if (typeof addonName !== "string" || cluster === undefined || isUnknown(cluster)) {
            return [];
        }
        const namespace = addonNamespace(addon, addonName);
        if (namespace === undefined) {
            return [];
        }
        return associatedServiceAccounts(addon.props.podIdentityAssociations).map(
            (serviceAccount) => ({ addon, addonName, cluster, namespace, serviceAccount }),
        );
    });
}

/**
 * Standalone associations for a service account an add-on of the stack already associates on
 * the same cluster. Anything unknown during preview is not judged.
 */
export function addonAssociationConflictFindings(stack: StackIndex): Finding[] {
    // Indexed by cluster name and service account, so the rule stays linear in the stack.
    const owned = groupBy(addonAssociations(stack), (owned) =>
        serviceAccountKey(owned.cluster.name, owned.namespace, owned.serviceAccount),
    );
    return placedAssociations(stack).flatMap((association) => {
        const key = serviceAccountKey(
            association.cluster.name,
            association.namespace,
            association.serviceAccount,
        );
        const owner = owned
            .get(key)
            ?.find((candidate) => sameCluster(candidate.cluster, association.cluster));
        if (!owner) {
            return [];
        }
        return [
            {
                urn: association.resource.urn,
                message:
                    `association "${association.resource.name}" gives ` +
                    `${owner.namespace}/${owner.serviceAccount} on cluster ` +
                    `${describeCluster(association.cluster)} a role, but add-on ` +
                    `"${owner.addon.name}" (${owner.addonName}) already associates it through its ` +
                    `podIdentityAssociations: EKS refuses the second (409 ResourceInUseException). ` +
                    `Remove the standalone association and set the role on the add-on.`,
            },
        ];
    });
}

/**
 * Known add-ons (see eks/knownAddons.ts) with neither a Pod Identity
 * association, an IRSA role (`serviceAccountRoleArn`) nor a standalone association for their
 * service account in the stack: their pods use the node role.
 */
export function addonWithoutAssociationFindings(stack: StackIndex): Finding[] {
    // Indexed by cluster name and namespace, so the rule stays linear in the stack.
    const standalone = groupBy(placedAssociations(stack), (association) =>
        serviceAccountKey(association.cluster.name, association.namespace),
    );
    return stack.ofType(TYPES.addon).flatMap((addon) => {
        const addonName = asString(addon.props.addonName);
        const known = typeof addonName === "string" ? knownAddon(addonName) : undefined;
        const associations = addon.props.podIdentityAssociations;
        if (
            !known ||
            isUnknown(associations) ||
            (Array.isArray(associations) && associations.length > 0) ||
            addon.props.serviceAccountRoleArn !== undefined
        ) {
            return [];
        }
        const cluster = stack.clusterOf(addon);
        if (cluster === undefined || isUnknown(cluster)) {
            return [];
        }
        const namespace = addonNamespace(addon, addonName as string);
        const covered = (standalone.get(serviceAccountKey(cluster.name, namespace)) ?? []).some(
            (association) =>
                known.serviceAccounts.includes(association.serviceAccount ?? "") &&
                sameCluster(association.cluster, cluster),
        );
        if (covered) {
            return [];
        }
        return [
            {
                urn: addon.urn,
                message:
                    `add-on "${addon.name}" (${String(addonName)}) on cluster ` +
                    `${describeCluster(cluster)} has no Pod Identity association, so its pods use ` +
                    `the node role's permissions. Give it podIdentityAssociations for ` +
                    `${known.serviceAccounts.join(" / ")} (PodIdentityAddon does), with a role ` +
                    `holding ${permissionsOf(addonName as string, known.serviceAccounts)}.`,
            },
        ];
    });
}

/** `pod-identity-addon-association-conflict`: see {@link addonAssociationConflictFindings}. */
export const addonAssociationConflictPolicy: StackValidationPolicy = {
    name: "pod-identity-addon-association-conflict",
    description:
        "No standalone Pod Identity association for a service account an EKS add-on of the " +
        "stack associates itself.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of addonAssociationConflictFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};

/** `pod-identity-addon-association`: see {@link addonWithoutAssociationFindings}. */
export const addonWithoutAssociationPolicy: StackValidationPolicy = {
    name: "pod-identity-addon-association",
    description:
        "EKS add-ons that support Pod Identity take their role through an association rather " +
        "than the node role.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of addonWithoutAssociationFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};

/** The default permissions of an add-on's service accounts, in words. */
function permissionsOf(addonName: string, serviceAccounts: string[]): string {
    const named = [
        ...new Set(
            serviceAccounts.map((serviceAccount) => {
                const permissions = defaultPermissions(addonName, serviceAccount);
                return !permissions
                    ? "its permissions"
                    : "preset" in permissions
                      ? `the ${permissions.preset} preset`
                      : `the ${permissions.managedPolicy} managed policy`;
            }),
        ),
    ];
    return named.join(" / ");
}

/** A map key for a cluster name and the namespace (and service account) on it. */
function serviceAccountKey(...parts: (string | undefined)[]): string {
    return JSON.stringify(parts);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group) {
            group.push(item);
        } else {
            groups.set(key, [item]);
        }
    }
    return groups;
}
