/**
 * The AWS provider of each cluster of a PodIdentity, from its parsed place: given, built for its
 * region and account, or the component's own.
 */
import type * as aws from "@pulumi/aws";
import { ClusterLookup, ClusterUse } from "../../model/lookups";
import * as pulumi from "@pulumi/pulumi";
import { PlacementProviders } from "../../eks/placement";
import type { ClusterModel } from "../../model/parse/fleet";

/**
 * The AWS provider of each cluster, by cluster key: the one given (`awsProvider`), or one
 * built per distinct `region` + `assumeRoleArn` + `profile` and named
 * `<name>/<region>[/...]`, shared by the clusters in the same place; undefined for the
 * component's own provider.
 */
export function clusterAwsProviders(
    name: string,
    clusters: readonly ClusterModel[],
    parent: pulumi.Resource,
): { [clusterKey: string]: aws.Provider | undefined } {
    const built = new PlacementProviders(`${name}/`, { parent });
    return Object.fromEntries(
        clusters.map((cluster) => {
            const place = cluster.place;
            const provider =
                place.kind === "provider"
                    ? place.provider
                    : place.kind === "placement"
                      ? built.providerFor(place.placement)
                      : undefined;
            return [cluster.key, provider];
        }),
    );
}

/**
 * One DescribeCluster per cluster at most (`aws.eks.getCluster` through the cluster's AWS
 * provider), shared by whatever needs it (the kubeconfig, the agent's version, a `vpc-cni`
 * add-on's IP family), made only when one of them asks (model/lookups.ts `ClusterLookup`).
 */
export class ClusterLookups {
    private readonly lookups = new Map<string, ClusterLookup>();

    constructor(
        private readonly owner: pulumi.Resource,
        private readonly awsProviders: { [clusterKey: string]: aws.Provider | undefined },
    ) {}

    /** The cluster's lookup, made on the first call, for `use`. */
    of(cluster: ClusterModel, use: ClusterUse): pulumi.Output<aws.eks.GetClusterResult> {
        let lookup = this.lookups.get(cluster.key);
        if (!lookup) {
            const provider = this.awsProviders[cluster.key];
            lookup = new ClusterLookup(this.owner, cluster.clusterName, {
                parent: this.owner,
                ...(provider ? { provider } : {}),
            });
            this.lookups.set(cluster.key, lookup);
        }
        return lookup.of(use);
    }

    /** The cluster's lookup if something asked for it; undefined otherwise. */
    ifMade(clusterKey: string): pulumi.Output<aws.eks.GetClusterResult> | undefined {
        return this.lookups.get(clusterKey)?.made;
    }
}
