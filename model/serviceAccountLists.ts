import type * as pulumi from "@pulumi/pulumi";
import type { PodIdentityArgs } from "./inputs/podIdentity";
import type { ServiceAccountSpec } from "./inputs/settings";

/** One list of a fleet's service accounts, and the clusters that bind it. */
export interface ServiceAccountList {
    /** Property path of the list: `serviceAccounts` or `clusters.<key>.serviceAccounts`. */
    at: string;
    serviceAccounts: ServiceAccountSpec[];
    /** The clusters that bind the list, by key in sorted order. */
    clusters: { key: string; clusterName: pulumi.Input<string> }[];
}

/**
 * The lists of service accounts a PodIdentity binds: the shared `serviceAccounts` (with every
 * cluster that has no list of its own), then each cluster's own list.
 */
export function serviceAccountLists(args: PodIdentityArgs): ServiceAccountList[] {
    const shared: ServiceAccountList = {
        at: "serviceAccounts",
        serviceAccounts: args.serviceAccounts ?? [],
        clusters: [],
    };
    const own: ServiceAccountList[] = [];
    for (const key of Object.keys(args.clusters ?? {}).sort()) {
        const cluster = args.clusters[key];
        if (cluster.serviceAccounts) {
            own.push({
                at: `clusters.${key}.serviceAccounts`,
                serviceAccounts: cluster.serviceAccounts,
                clusters: [{ key, clusterName: cluster.clusterName }],
            });
        } else {
            shared.clusters.push({ key, clusterName: cluster.clusterName });
        }
    }
    return [...(shared.clusters.length > 0 ? [shared] : []), ...own];
}
