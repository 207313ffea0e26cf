/**
 * From validated configuration to resources: one AWS provider per distinct region, and the
 * PodIdentity arguments that bind each cluster to the provider of its region.
 */
import * as aws from "@pulumi/aws";
import type { PodIdentityArgs } from "../index";
import { PlacementProviders } from "../eks/placement";
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
 * The PodIdentity arguments of a configuration, each cluster on its region's provider (none
 * when `providers` lacks the region, as when only checking the arguments).
 */
export function podIdentityArgs(
    config: RootConfig,
    providers: Map<string, aws.Provider>,
): PodIdentityArgs {
    return {
        role: config.role,
        roleArn: config.roleArn,
        serviceAccounts: config.serviceAccounts,
        association: config.association,
        retainNamespacesOnDelete: config.retainNamespacesOnDelete,
        allowUnannouncedPartition: config.allowUnannouncedPartition,
        verify: config.verify,
        clusters: Object.fromEntries(
            Object.entries(config.clusters).map(([clusterKey, cluster]) => [
                clusterKey,
                {
                    clusterName: cluster.clusterName,
                    kubernetesVersion: cluster.kubernetesVersion,
                    agent: cluster.agent,
                    serviceAccounts: cluster.serviceAccounts,
                    awsProvider: providers.get(cluster.region),
                },
            ]),
        ),
    };
}
