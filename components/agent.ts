import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import { AGENT_ADDON_NAME } from "../eks/knownAddons";
import type { PodIdentityAgentArgs } from "../model/inputs/agent";
import { FIXED_NAME } from "../core/fixedName";
import { allGuards } from "../model/checkFailure";
import { LaterGuards } from "../model/later";
import { addonClaim, claim } from "../model/register/claims";
import { AGENT_HANDOVER, parseAgent } from "../model/parse/agent";
import { checkHybridNodesVersion, withHybridNodes } from "../eks/hybridNodes";

export type { PodIdentityAgentArgs } from "../model/inputs/agent";

export { AGENT_ADDON_NAME };

/**
 * The `eks-pod-identity-agent` EKS add-on for one cluster, with its version resolved for
 * the cluster's Kubernetes version. One per cluster, shared by every role on it.
 *
 * Installed on EKS Auto Mode clusters too: Auto Mode nodes run the agent themselves, and the
 * add-on's DaemonSet keeps off them (node affinity `eks.amazonaws.com/compute-type NotIn
 * [fargate, hybrid, auto]` in the upstream eks-pod-identity-agent chart), so it serves only
 * the managed and self-managed nodes a cluster mixes in, which need it. EKS Hybrid Nodes need
 * `hybridNodes: true`.
 */
export class PodIdentityAgent extends pulumi.ComponentResource {
    /** The EKS add-on. */
    public readonly addon: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;

    constructor(name: string, args: PodIdentityAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        // Parsed once: by this constructor, or by the PodIdentity that installs it.
        const handed = AGENT_HANDOVER.take(args);
        const parsed = handed ?? parseAgent(name, args);
        const agent = parsed.model;
        // The args are not recorded as the component's inputs, as in every component here: the
        // SDK would hold the add-on back until each Output in them resolved.
        super("eks-pod-identity:index:PodIdentityAgent", name, {}, opts);

        // One agent add-on per cluster: a second in the program is refused before it is
        // created (the PodIdentity that installs one claimed it already, for all it creates).
        const claimGuard = handed
            ? undefined
            : claim(this, [
                  addonClaim({
                      clusterName: agent.clusterName,
                      addonName: AGENT_ADDON_NAME,
                      awsProvider: this.getProvider("aws::"),
                      claimant: `PodIdentityAgent "${name}"`,
                  }),
              ]);

        const resolved = resolveAddonVersion({ ...agent, addonName: AGENT_ADDON_NAME }, this);
        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: agent.clusterName,
                addonName: AGENT_ADDON_NAME,
                addonVersion: agent.hybridNodes
                    ? checkHybridNodesVersion(this, resolved)
                    : resolved,
                ...eksAddonInputs({
                    ...agent,
                    configurationValues: agent.hybridNodes
                        ? withHybridNodes(agent.configurationValues)
                        : agent.configurationValues,
                }),
            },
            // `preserve` keeps the agent's pods running while a replacement deletes first.
            {
                parent: this,
                dependsOn: allGuards([
                    claimGuard,
                    new LaterGuards(this, parsed.component, parsed.later).of("agent", () => true),
                ]),
                ...FIXED_NAME,
            },
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({ addon: this.addon, addonVersion: this.addonVersion });
    }
}
