/**
 * One association per cluster, namespace and service account: EKS refuses a second one with
 * 409 ResourceInUseException ("Association already exists").
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { viewOfStackResource } from "../resources";
import { describeCluster, Finding, sameCluster, StackIndex } from "../stack";
import { PlacedAssociation, placedAssociations } from "./clusters";

/**
 * Associations that share a cluster, namespace and service account, each reported with the
 * others it collides with. Two associations count as the same cluster only when the stack
 * says so for certain (same name through the same provider, or the same region and account);
 * any part unknown during preview is not judged.
 */
export function duplicateAssociationFindings(stack: StackIndex): Finding[] {
    const groups: PlacedAssociation[][] = [];
    // Bucketed by cluster name, namespace and service account, so a fleet stays linear.
    const buckets = new Map<string, PlacedAssociation[][]>();
    for (const association of placedAssociations(stack)) {
        const { namespace, serviceAccount, cluster } = association;
        if (namespace === undefined || serviceAccount === undefined) {
            continue;
        }
        const key = JSON.stringify([cluster.name, namespace, serviceAccount]);
        const bucket = buckets.get(key) ?? [];
        buckets.set(key, bucket);
        const group = bucket.find(([first]) => sameCluster(first.cluster, cluster));
        if (group) {
            group.push(association);
        } else {
            bucket.push([association]);
            groups.push(bucket[bucket.length - 1]);
        }
    }
    return groups
        .filter((group) => group.length > 1)
        .flatMap((group) =>
            group.map((association) => {
                const others = group
                    .filter((other) => other !== association)
                    .map((other) => `"${other.resource.name}"`)
                    .sort();
                return {
                    urn: association.resource.urn,
                    message:
                        `association "${association.resource.name}" gives ` +
                        `${association.namespace}/${association.serviceAccount} on cluster ` +
                        `${describeCluster(association.cluster)} a role, as does association ` +
                        `${others.join(", ")}: EKS allows one association per service account ` +
                        `(409 ResourceInUseException). Keep one.`,
                };
            }),
        );
}

/** `pod-identity-unique-association`: see {@link duplicateAssociationFindings}. */
export const uniqueAssociationPolicy: StackValidationPolicy = {
    name: "pod-identity-unique-association",
    description: "No two Pod Identity associations share a cluster, namespace and service account.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of duplicateAssociationFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
