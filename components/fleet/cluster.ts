/**
 * The AWS provider of each cluster of a PodIdentity, from its parsed place: given, built for its
 * region and account, or the component's own.
 */
import type * as aws from "@pulumi/aws";
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
