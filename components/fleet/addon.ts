/**
 * PodIdentity's `addon`: one EKS add-on on every cluster of the fleet, each taking the one
 * shared role through the add-on's own Pod Identity association.
 */
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAddon } from "../addon";
import type { AgentReadiness } from "../../model/inputs/binding";
import { ADDON_NAMESPACE_UNKNOWN } from "../../model/addon";
import { addonClaim, serviceAccountClaim, ServiceAccountClaim } from "../../model/register/claims";
import type { Claim } from "../../model/register/register";
import { ADDON_HANDOVER } from "../../model/parse/addon";
import type { FleetAddonModel } from "../../model/parse/fleet";

/**
 * The claims of the fleet add-on on one cluster (its association's service account, and the
 * add-on itself), made by the PodIdentity before it creates anything; the PodIdentityAddon it
 * installs there shares them.
 */
export function fleetAddonClaims(
    claimant: string,
    addon: FleetAddonModel,
    where: Pick<ServiceAccountClaim, "clusterName" | "awsProvider">,
): Claim[] {
    return [
        serviceAccountClaim({
            ...where,
            namespace: addon.target.namespace ?? ADDON_NAMESPACE_UNKNOWN,
            serviceAccount: addon.target.serviceAccount,
            claimant,
            addon: addon.name,
        }),
        addonClaim({ ...where, addonName: addon.name, claimant }),
    ];
}

/** Where one cluster's add-on goes. */
export interface FleetAddonPlacement {
    clusterName: pulumi.Input<string>;
    /**
     * The shared role's ARN (already checked against the cluster's account); for a role the
     * fleet creates, once its permissions exist (PodIdentityRole's `readyArn`), so the add-on's
     * pods start with them.
     */
    roleArn: pulumi.Input<string>;
    /** The cluster's Kubernetes version, asked for only when the add-on version needs it. */
    kubernetesVersion: () => pulumi.Input<string>;
    /**
     * The cluster's agent, which hands the add-on's pods their credentials: the add-on waits
     * for it, so its pods do not start before credentials can be had.
     */
    agent?: AgentReadiness;
    /** The cluster's AWS provider. */
    provider?: pulumi.ProviderResource;
    /** What everything of the cluster waits for (PodIdentity's checks). */
    guard?: pulumi.CustomResourceOptions["dependsOn"];
    /** How a failure of the add-on names the fleet, e.g. `PodIdentity "storage"`. */
    component: string;
}

/**
 * Installs the fleet's add-on on one cluster, named `<prefix>/<add-on name>`, from the
 * fleet's parsed model: the PodIdentityAddon does not parse it again.
 */
export function installFleetAddon(
    owner: pulumi.ComponentResource,
    prefix: string,
    addon: FleetAddonModel,
    placement: FleetAddonPlacement,
): PodIdentityAddon {
    const agent = placement.agent;
    const version = addon.options.version ?? "default";
    return new PodIdentityAddon(
        `${prefix}/${addon.name}`,
        ADDON_HANDOVER.pass({
            model: {
                clusterName: placement.clusterName,
                kubernetesVersion:
                    version === "default" || version === "latest"
                        ? placement.kubernetesVersion()
                        : undefined,
                addonName: addon.name,
                options: addon.options,
                namespaceConfig: addon.namespaceConfig,
                namespace: addon.target.namespace,
                preserve: addon.target.preserve,
                associations: [
                    {
                        serviceAccount: addon.target.serviceAccount,
                        roleName: `${prefix}/${addon.name}`,
                        roleAt: "",
                        roleArn: placement.roleArn,
                    },
                ],
                // The fleet decides about the cluster's agent (installed, shared or elsewhere).
                agent: false,
            },
            later: [],
            component: placement.component,
            at: "addon.",
        }),
        {
            parent: owner,
            provider: placement.provider,
            // A shared agent may be given as `{ addonVersion }` only: wait for its version, and
            // for the agent's resources when it is a component; and for the fleet's guard.
            dependsOn: pulumi
                .all([agent?.addonVersion, placement.guard])
                .apply(() => (agent instanceof pulumi.Resource ? [agent] : [])),
        },
    );
}
