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
