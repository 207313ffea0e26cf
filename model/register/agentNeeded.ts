/**
 * An add-on's Pod Identity association gives the add-on's pods credentials only through the
 * Pod Identity agent on their nodes ("The EKS Pod Identity Agent must be installed on the
 * cluster", EKS User Guide, "IAM roles for Amazon EKS add-ons"; the agent serves every
 * association, add-ons' included). Without one the add-on falls back to the node's role, or
 * fails. So an add-on that takes its role this way needs, on its cluster, one of:
 * - an agent installed by this program (a PodIdentityAgent, or a PodIdentity's), found in the
 *   program-wide register in the cluster's place (account, region, name);
 * - EKS Auto Mode, whose nodes run the agent themselves: the cluster lookup's `computeConfig`
 *   (one `aws.eks.getCluster`, made only when no agent is found);
 * - `agent: false`, the user's word that it is managed elsewhere (no check at all).
 *
 * The check runs once the program has declared its components: after the program's own
 * synchronous code, as Outputs resolve, so an agent declared after the add-on counts.
 */
import * as pulumi from "@pulumi/pulumi";
import { AGENT_ADDON_NAME } from "../../eks/knownAddons";
import { CheckFailure, guardedBy } from "../checkFailure";
import { ClusterUse, lookupCluster } from "../lookups";
import { addonSubject } from "./claims";
import { isHeld } from "./register";

const AUTO_MODE: ReadonlySet<ClusterUse> = new Set(["autoMode"]);

/** The add-on whose association needs the agent, and where it is. */
export interface AgentNeed {
    clusterName: pulumi.Input<string>;
    awsProvider: pulumi.ProviderResource | undefined;
    /** Who needs it, as an error names it, e.g. `PodIdentityAddon "ebs"`. */
    claimant: string;
    /** The EKS add-on's name. */
    addonName: string;
}

/** A guard that fails, with one message, when the add-on's cluster has no agent. */
export function agentNeeded(
    owner: pulumi.Resource,
    need: AgentNeed,
): pulumi.Output<pulumi.Resource[]> {
    const found = pulumi.output(need.clusterName).apply((clusterName) =>
        pulumi
            .output(isHeld(owner, addonSubject(AGENT_ADDON_NAME)(clusterName), need.awsProvider))
            .apply((held) => {
                if (held) {
                    return pulumi.output(undefined);
                }
                const opts: pulumi.InvokeOutputOptions = need.awsProvider
                    ? { parent: owner, provider: need.awsProvider }
                    : { parent: owner };
                return lookupCluster(owner, clusterName, AUTO_MODE, opts).computeConfigs.apply(
                    (configs) => {
                        if (configs.some((config) => config.enabled)) {
                            return undefined;
                        }
                        throw new CheckFailure(
                            `${need.claimant}: add-on ${need.addonName} takes its role through a ` +
                                `Pod Identity association, which gives its pods credentials only ` +
                                `through the Pod Identity agent, and cluster ${clusterName} has ` +
                                `none that this program installs, nor EKS Auto Mode (whose nodes ` +
                                `run it). Install the agent (PodIdentityAgent, or a PodIdentity on ` +
                                `the cluster), or set agent: false if it is managed elsewhere.`,
                            owner,
                        );
                    },
                );
            }),
    );
    return guardedBy(found);
}
