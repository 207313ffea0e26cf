/**
 * From the parsed configuration to resources: one AWS provider per distinct region, and the
 * PodIdentity model with each cluster on the provider of its region.
 */
import * as aws from "@pulumi/aws";
import { PlacementProviders } from "../eks/placement";
import type { FleetModel } from "../model/parse/fleet";
import type { Parsed } from "../model/parse/parsed";
import { RootConfig } from "./config";

/**
 * One AWS provider per distinct cluster region, named after the region (no prefix, no parent,
 * as since 0.1.0), so that clusters sharing a region share a provider and adding a cluster
 * never renames one. Each copies the stack's `aws:*` identity, so that every region deploys as
 * the same principal into the same account as the role (which uses the default provider).
 */
export function regionProviders(config: RootConfig): Map<string, aws.Provider> {
    const regions = [...new Set(Object.values(config.clusters).map((c) => c.region))].sort();
    const providers = new PlacementProviders("");
    return new Map(regions.map((region) => [region, providers.providerFor({ region })]));
}

/**
 * The parsed fleet with each cluster on its region's provider (the program's own, not one
 * PodIdentity would build), still known as built for that region.
 */
export function onRegionProviders(
    fleet: Parsed<FleetModel>,
    providers: Map<string, aws.Provider>,
): Parsed<FleetModel> {
    return {
        ...fleet,
        model: {
            ...fleet.model,
            clusters: fleet.model.clusters.map((cluster) => {
                const place = cluster.place;
                const provider =
                    place.kind === "placement" ? providers.get(place.placement.region) : undefined;
                return provider && place.kind === "placement"
                    ? {
                          ...cluster,
                          place: { kind: "provider", provider, placement: place.placement },
                      }
                    : cluster;
            }),
        },
    };
}
