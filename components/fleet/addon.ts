/**
 * PodIdentity's `addon`: one EKS add-on on every cluster of the fleet, each taking the one
 * shared role through the add-on's own Pod Identity association.
 */
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAddon } from "../addon";
import type { AgentReadiness } from "../../model/inputs/binding";
import type { FleetAddon } from "../../model/inputs/addon";
import type { PodIdentitySettings } from "../../model/inputs/settings";
import type { PodIdentityRoleArgs } from "../../model/inputs/role";
import { claimServiceAccounts, ServiceAccountClaim } from "../../model/claims";
import { Problems } from "../../model/problems";
import {
    ADDON_NAMESPACE_UNKNOWN,
    checkAddonSettings,
    defaultAddonRole,
    missingRoleProblem,
} from "../../model/addon";
import { addonTypoOf } from "../../model/rules/addons";

/** Problems in PodIdentity's `addon`, and in what it replaces. */
export function checkFleetAddon(problems: Problems, args: PodIdentitySettings): void {
    const addon = args.addon;
    if (!addon) {
        return;
    }
    if (args.serviceAccounts) {
        problems.add(
            "serviceAccounts",
            "an add-on brings its own service account: give addon or serviceAccounts, not both " +
                "(use a second PodIdentity for the other).",
        );
    }
    for (const key of Object.keys(args.clusters ?? {}).sort()) {
        if (args.clusters[key].serviceAccounts) {
            problems.add(
                `clusters.${key}.serviceAccounts`,
                "with addon, every cluster gets the add-on's association: remove this list.",
            );
        }
    }
    checkAddonSettings(
        problems,
        { ...addon, addonName: addon.name },
        {
            addonName: "addon.name",
            serviceAccount: "addon.serviceAccount",
            version: "addon.version",
        },
    );
    // A typo of a known add-on is refused by its name alone: with the right name, the add-on's
    // preset may well be the role.
    if (
        !args.role &&
        args.roleArn === undefined &&
        !defaultAddonRole(addon.name) &&
        !addonTypoOf(addon.name)
    ) {
        problems.add("role", missingRoleProblem(addon.name));
    }
}

/**
 * Claims the fleet add-on's association on one cluster for `owner` (the PodIdentity), before
 * it creates anything; the PodIdentityAddon it installs there shares the claim. The guard of
 * a cluster name not known yet, as from `claimServiceAccounts`.
 */
export function fleetAddonClaim(
    owner: pulumi.ComponentResource,
    name: string,
    clusterKey: string,
    addon: FleetAddon,
    where: Pick<ServiceAccountClaim, "clusterName" | "awsProvider" | "placement">,
): pulumi.Output<pulumi.Resource[]> | undefined {
    // Already checked by checkFleetAddon: no problem is left to report here.
    const target = checkAddonSettings(
        new Problems(),
        { ...addon, addonName: addon.name },
        {
            addonName: "addon.name",
            serviceAccount: "addon.serviceAccount",
            version: "addon.version",
        },
    );
    if (!target) {
        return undefined;
    }
    return claimServiceAccounts(owner, [
        {
            ...where,
            namespace: target.namespace ?? ADDON_NAMESPACE_UNKNOWN,
            serviceAccount: target.serviceAccount,
            claimant: `PodIdentity "${name}" (clusters.${clusterKey})`,
            addon: addon.name,
        },
    ]);
}

/** The shared role's args: the given ones, or the add-on's preset when neither role nor roleArn is given. */
export function fleetRoleArgs(args: PodIdentitySettings): PodIdentityRoleArgs | undefined {
    if (args.role || args.roleArn !== undefined || !args.addon) {
        return args.role;
    }
    return defaultAddonRole(args.addon.name);
}

/** Where one cluster's add-on goes. */
export interface FleetAddonPlacement {
    clusterName: pulumi.Input<string>;
    /** The shared role's ARN (already checked against the cluster's account). */
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
    /** What everything of the fleet waits for (PodIdentity's account check). */
    guard?: pulumi.CustomResourceOptions["dependsOn"];
}

/** Installs the fleet's add-on on one cluster, named `<prefix>/<add-on name>`. */
export function installFleetAddon(
    owner: pulumi.ComponentResource,
    prefix: string,
    addon: FleetAddon,
    placement: FleetAddonPlacement,
): PodIdentityAddon {
    const { name, ...settings } = addon;
    const agent = placement.agent;
    const version = addon.version ?? "default";
    return new PodIdentityAddon(
        `${prefix}/${name}`,
        {
            ...settings,
            addonName: name,
            clusterName: placement.clusterName,
            roleArn: placement.roleArn,
            kubernetesVersion:
                version === "default" || version === "latest"
                    ? placement.kubernetesVersion()
                    : undefined,
        },
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
