/** Checks of an add-on's Pod Identity settings, before anything is created. */
import * as pulumi from "@pulumi/pulumi";
import { addonVersionOlderThan } from "../eks/eksAddon";
import { PRESETS } from "../presets/registry";
import type { PodIdentityRoleArgs } from "./inputs/role";
import type { PodIdentitySettings } from "./inputs/settings";
import { Preset } from "../presets/preset";
import { checkAgentArgs } from "./args";
import { CheckFailure } from "./checkFailure";
import { serviceAccountNameProblem } from "./rules/kubernetes";
import { Problems } from "./problems";
import { AddonOptionValues, checkAddonName } from "./ruleChecks";
import { addonTypoOf, AGENT_ADDON } from "./rules/addons";
import { knownAddon } from "../eks/knownAddons";

/** The settings both PodIdentityAddon and PodIdentity's `addon` check. */
export interface AddonSettings extends AddonOptionValues {
    addonName: string;
    serviceAccount?: string;
    version?: string;
    /** The cluster, when the add-on is a PodIdentityAddon's. */
    clusterName?: unknown;
}

/**
 * The namespace a claim names for an add-on this package does not know: EKS installs it in
 * the add-on's own namespace, unknown here, so only the same add-on's claims meet it.
 */
export const ADDON_NAMESPACE_UNKNOWN = "(the add-on's namespace)";

/** What the add-on's association will name, once its settings are valid. */
export interface AddonTarget {
    serviceAccount: string;
    /** The add-on's namespace, when the add-on is known. */
    namespace?: string;
}

/**
 * The service account the add-on's association names: the given one, or the one AWS's
 * DescribeAddonConfiguration reports for a known add-on. Undefined (with a problem added)
 * when neither decides it.
 */
export function checkAddonSettings(
    problems: Problems,
    settings: AddonSettings,
    at: { addonName: string; serviceAccount: string; version: string },
): AddonTarget | undefined {
    const known = knownAddon(settings.addonName);
    const options: AddonOptionValues & { clusterName?: unknown } = {
        version: settings.version,
        configurationValues: settings.configurationValues,
        resolveConflictsOnCreate: settings.resolveConflictsOnCreate,
        resolveConflictsOnUpdate: settings.resolveConflictsOnUpdate,
        tags: settings.tags,
        clusterName: settings.clusterName,
    };
    checkAgentArgs(problems, options, at.version.replace(/version$/, ""));
    if (settings.addonName === AGENT_ADDON) {
        problems.add(
            at.addonName,
            `"${AGENT_ADDON}" is the Pod Identity agent, which takes no role of its own: install ` +
                "it with PodIdentityAgent (or PodIdentity's agent setting).",
        );
        return undefined;
    }
    if (checkAddonName(problems, at.addonName, settings.addonName)) {
        return undefined;
    }
    const minimum = known?.minimumVersion;
    if (settings.version && minimum && addonVersionOlderThan(settings.version, minimum)) {
        problems.add(at.version, tooOld(settings.addonName, settings.version, minimum));
    }
    if (settings.serviceAccount !== undefined) {
        const problem = serviceAccountNameProblem(settings.serviceAccount);
        if (problem) {
            problems.add(at.serviceAccount, problem);
            return undefined;
        }
        return { serviceAccount: settings.serviceAccount, namespace: known?.namespace };
    }
    if (!known) {
        problems.add(
            at.serviceAccount,
            `"${settings.addonName}" is not an add-on this package knows, so its service account ` +
                `is unknown: set serviceAccount to the one \`aws eks describe-addon-configuration ` +
                `--addon-name ${settings.addonName} --addon-version <version> --query ` +
                `podIdentityConfiguration\` reports.`,
        );
        return undefined;
    }
    if (known.serviceAccounts.length > 1) {
        problems.add(
            at.serviceAccount,
            `${settings.addonName} runs several service accounts that take a role ` +
                `(${known.serviceAccounts.join(", ")}): set serviceAccount to the one this role is for.`,
        );
        return undefined;
    }
    return { serviceAccount: known.serviceAccounts[0], namespace: known.namespace };
}

/** Why an add-on version cannot take Pod Identity associations. */
export function tooOld(addonName: string, version: string, minimum: string): string {
    return (
        `${addonName} ${version} is older than ${minimum}, the first version that accepts Pod ` +
        `Identity associations (EKS User Guide, "Pod Identity Support Reference"): use ` +
        `${minimum} or later, "default" or "latest".`
    );
}

/**
 * The role arguments an add-on gets when none are given: its permission preset with default
 * options. Undefined when the add-on is unknown or its preset needs options (e.g. the
 * buckets Mountpoint for Amazon S3 mounts).
 */
export function defaultAddonRole(addonName: string): PodIdentityRoleArgs | undefined {
    const known = knownAddon(addonName);
    if (!known) {
        return undefined;
    }
    const preset = PRESETS[known.preset] as Preset<object>;
    const needsOptions =
        Object.values(preset.options).some((kind) => kind === "required") ||
        (preset.oneOf ?? []).length > 0;
    return needsOptions ? undefined : { presets: { [known.preset]: {} } };
}

/** Why an add-on has no role: neither role nor roleArn, and no preset that works on its own. */
export function missingRoleProblem(addonName: string): string {
    const known = knownAddon(addonName);
    const hint = known
        ? `, e.g. role: { presets: { ${known.preset}: { ... } } } (the ${known.preset} preset ` +
          `needs options, so it is not applied on its own)`
        : "";
    return (
        `give role (to create the add-on's role) or roleArn (an existing role's ARN)${hint}; ` +
        `without one the add-on falls back to the node role.`
    );
}

/** The resolved add-on version, refused when it is too old for Pod Identity associations. */
export function checkResolvedVersion(
    owner: pulumi.Resource,
    addonName: string,
    version: pulumi.Input<string>,
): pulumi.Output<string> {
    const minimum = knownAddon(addonName)?.minimumVersion;
    return pulumi.output(version).apply((resolved) => {
        if (minimum && addonVersionOlderThan(resolved, minimum)) {
            // One message, however many resources wait for it (see checkFailure.ts).
            throw new CheckFailure(`version: ${tooOld(addonName, resolved, minimum)}`, owner);
        }
        return resolved;
    });
}

/**
 * Problems in PodIdentity's `addon`, and in what it replaces; the service account its
 * association names when the settings are valid.
 */
export function checkFleetAddon(
    problems: Problems,
    args: PodIdentitySettings,
): AddonTarget | undefined {
    const addon = args.addon;
    if (!addon) {
        return undefined;
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
    const target = checkAddonSettings(
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
    return target;
}
