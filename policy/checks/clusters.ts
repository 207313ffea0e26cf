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
    for (const association of associations) {
        const group = groups.find((candidate) =>
            maybeSameCluster(candidate.cluster, association.cluster),
        );
        if (group) {
            group.associations.push(association);
        } else {
            groups.push({ cluster: association.cluster, associations: [association] });
        }
    }
    return groups;
}
