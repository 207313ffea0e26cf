/**
 * One cluster of a PodIdentity, resolved from either form of its settings (TypeScript's, with
 * provider objects and the short agent forms, or the schema's plain values): the AWS provider
 * its resources go through, the agent to install or wait for, and the kubeconfig's identity.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AgentReadiness } from "../../model/inputs/binding";
import type { AgentSettings } from "../../model/inputs/settings";
import type { KubeconfigIdentity } from "../../kubernetes/kubeconfig";
import { PlacementProviders } from "../../eks/placement";
import { ClusterUse, lookupCluster } from "../../model/lookups";
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

/**
 * One DescribeCluster per cluster at most (`aws.eks.getCluster` through the cluster's AWS
 * provider), shared by whatever needs it (the kubeconfig, the agent's version, a `vpc-cni`
 * add-on's IP family), made only when one of them asks, and its answer checked for what each
 * reads (model/lookups.ts).
 */
export class ClusterLookups {
    private readonly made = new Map<string, pulumi.Output<aws.eks.GetClusterResult>>();
    private readonly uses = new Map<string, Set<ClusterUse>>();

    constructor(
        private readonly owner: pulumi.Resource,
        private readonly clusters: { [clusterKey: string]: ClusterSpec },
        private readonly awsProviders: { [clusterKey: string]: aws.Provider | undefined },
    ) {}

    /** The cluster's lookup, made on the first call, for `use`. */
    of(clusterKey: string, use: ClusterUse): pulumi.Output<aws.eks.GetClusterResult> {
        let uses = this.uses.get(clusterKey);
        if (!uses) {
            uses = new Set();
            this.uses.set(clusterKey, uses);
        }
        uses.add(use);
        let found = this.made.get(clusterKey);
        if (!found) {
            const provider = this.awsProviders[clusterKey];
            found = lookupCluster(this.owner, this.clusters[clusterKey].clusterName, uses, {
                parent: this.owner,
                ...(provider ? { provider } : {}),
            });
            this.made.set(clusterKey, found);
        }
        return found;
    }

    /** The cluster's lookup if something asked for it; undefined otherwise. */
    ifMade(clusterKey: string): pulumi.Output<aws.eks.GetClusterResult> | undefined {
        return this.made.get(clusterKey);
    }
}
