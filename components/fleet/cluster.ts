/**
 * One cluster of a PodIdentity, resolved from either form of its settings (TypeScript's, with
 * provider objects and the short agent forms, or the schema's plain values): the AWS provider
 * its resources go through, the agent to install or wait for, and the kubeconfig's identity.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AgentReadiness } from "../../model/inputs/binding";
import type { AgentSettings } from "../../model/inputs/settings";
import type { KubeconfigIdentity } from "../../kubernetes/kubeconfig";
import { PlacementProviders } from "../../eks/placement";
import type { AgentOptions, ClusterSpec } from "../../model/inputs/podIdentity";

/** What to do about a cluster's agent. */
export type ResolvedAgent =
    { install: true; options: AgentOptions } | { install: false; elsewhere?: AgentReadiness };

/**
 * The agent setting of a cluster: `true`/`false`/a PodIdentityAgent/options (TypeScript) or an
 * AgentSettings object (every language). An object with `addonVersion` is an agent installed
 * elsewhere, unless `install: true`, which validation refuses alongside it.
 */
export function resolveAgent(setting: ClusterSpec["agent"]): ResolvedAgent {
    if (setting === undefined || setting === true) {
        return { install: true, options: {} };
    }
    if (setting === false) {
        return { install: false };
    }
    const { install, addonVersion, ...options } = setting as AgentSettings;
    if (install ?? addonVersion === undefined) {
        return { install: true, options };
    }
    return { install: false, elsewhere: addonVersion === undefined ? undefined : { addonVersion } };
}

/**
 * The AWS provider of each cluster, by cluster key: the one given (`awsProvider`), or one
 * built per distinct `region` + `assumeRoleArn` + `profile` and named
 * `<name>/<region>[/...]`, shared by the clusters in the same place; undefined for the
 * component's own provider.
 */
export function clusterAwsProviders(
    name: string,
    clusters: { [clusterKey: string]: ClusterSpec },
    parent: pulumi.Resource,
): { [clusterKey: string]: aws.Provider | undefined } {
    const built = new PlacementProviders(`${name}/`, { parent });
    return Object.fromEntries(
        Object.keys(clusters)
            .sort()
            .map((clusterKey) => {
                const cluster = clusters[clusterKey];
                const provider =
                    cluster.awsProvider ??
                    (cluster.region === undefined
                        ? undefined
                        : built.providerFor({
                              region: cluster.region,
                              assumeRoleArn: cluster.assumeRoleArn,
                              profile: cluster.profile,
                          }));
                return [clusterKey, provider];
            }),
    );
}

/** Whose credentials the cluster's built kubeconfig uses: as given, else the placement's. */
export function kubeconfigIdentityOf(cluster: ClusterSpec): KubeconfigIdentity | undefined {
    if (cluster.kubeconfigIdentity || cluster.awsProvider) {
        return cluster.kubeconfigIdentity;
    }
    if (cluster.assumeRoleArn === undefined && cluster.profile === undefined) {
        return undefined;
    }
    return { roleArn: cluster.assumeRoleArn, profile: cluster.profile };
}
