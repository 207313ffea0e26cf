/**
 * Associations with where they point, shared by the stack rules that group them by cluster.
 */
import { ResourceView, TYPES } from "../resources";
import { ClusterRef, maybeSameCluster, StackIndex } from "../stack";
import { asString, isUnknown } from "../values";

/** An association whose cluster is known. */
export interface PlacedAssociation {
    resource: ResourceView;
    cluster: ClusterRef;
    /** Namespace and service account; undefined when unknown during preview. */
    namespace?: string;
    serviceAccount?: string;
}

/** The stack's associations whose cluster is known (the others cannot be placed). */
export function placedAssociations(stack: StackIndex): PlacedAssociation[] {
    return stack.ofType(TYPES.association).flatMap((resource) => {
        const cluster = stack.clusterOf(resource);
        if (cluster === undefined || isUnknown(cluster)) {
            return [];
        }
        const namespace = asString(resource.props.namespace);
        const serviceAccount = asString(resource.props.serviceAccount);
        return [
            {
                resource,
                cluster,
                namespace: typeof namespace === "string" ? namespace : undefined,
                serviceAccount: typeof serviceAccount === "string" ? serviceAccount : undefined,
            },
        ];
    });
}

/**
 * The stack's add-ons with Pod Identity associations of their own (`podIdentityAssociations`)
 * whose cluster is known, one entry per add-on: EKS creates those associations with the
 * add-on, and they need the agent like any other (EKS User Guide, add-ons-iam: "Confirm that
 * Amazon EKS pod identity agent is setup on your cluster"). A list unknown during preview is
 * not judged.
 */
export function placedAddonAssociations(stack: StackIndex): PlacedAssociation[] {
    return stack.ofType(TYPES.addon).flatMap((resource) => {
        const list = resource.props.podIdentityAssociations;
        const cluster = stack.clusterOf(resource);
        if (
            !Array.isArray(list) ||
            list.length === 0 ||
            cluster === undefined ||
            isUnknown(cluster)
        ) {
            return [];
        }
        return [{ resource, cluster }];
    });
}

/** The associations grouped by cluster, a cluster that may be the same counting once. */
export function clustersWithAssociations(
    associations: PlacedAssociation[],
): { cluster: ClusterRef; associations: PlacedAssociation[] }[] {
    const groups: { cluster: ClusterRef; associations: PlacedAssociation[] }[] = [];
    // Clusters of other names are never the same: searching only the groups of the same name
    // keeps this linear in fleets of many clusters.
    const groupsByName = new Map<string, typeof groups>();
    for (const association of associations) {
        const named = groupsByName.get(association.cluster.name) ?? [];
        const group = named.find((candidate) =>
            maybeSameCluster(candidate.cluster, association.cluster),
        );
        if (group) {
            group.associations.push(association);
        } else {
            const created = { cluster: association.cluster, associations: [association] };
            groups.push(created);
            named.push(created);
            groupsByName.set(association.cluster.name, named);
        }
    }
    return groups;
}
