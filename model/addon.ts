/** Checks of an add-on's Pod Identity settings, before anything is created. */
import * as pulumi from "@pulumi/pulumi";
import { addonVersionOlderThan } from "../eks/eksAddon";
import { PRESETS } from "../presets/registry";
import type { PresetName } from "../presets/registry";
import type {
    AddonNamespaceConfig,
    AddonServiceAccount,
    FleetAddon,
    PodIdentityAddonArgs,
} from "./inputs/addon";
import type { PodIdentityRoleArgs } from "./inputs/role";
import { Preset } from "../presets/preset";
import { checkAgentArgs } from "./args";
import { parseRoleArgs } from "./parse/role";
import { CheckFailure } from "./checkFailure";
import type { PodIdentitySettings } from "./inputs/settings";
import { AddonOptionValues, checkAddonName } from "./ruleChecks";
import { AGENT_ADDON } from "./rules/addons";
import { roleArnProblem } from "./rules/iam";
import { namespaceNameProblem, serviceAccountNameProblem } from "./rules/kubernetes";
import { Problems } from "./problems";
import { AddonPermissions, defaultPermissions, knownAddon } from "../eks/knownAddons";
import { ipFamilyProblem } from "../eks/ipFamily";

/** The settings both PodIdentityAddon and PodIdentity's `addon` check. */
export interface AddonSettings extends AddonOptionValues {
    addonName: string;
    serviceAccount?: string;
    version?: string;
    namespaceConfig?: AddonNamespaceConfig;
    preserve?: boolean;
    ipFamily?: string;
    /** The cluster, when the add-on is a PodIdentityAddon's. */
    clusterName?: unknown;
}

/** Where each setting is, as a problem names it. */
export interface AddonSettingPaths {
    addonName: string;
    serviceAccount: string;
    version: string;
    namespaceConfig: string;
    preserve: string;
    ipFamily: string;
}

/** The paths of PodIdentityAddon's own settings (PodIdentity's `addon` prefixes them). */
export function addonSettingPaths(prefix = ""): AddonSettingPaths {
    return {
        addonName: prefix ? `${prefix}name` : "addonName",
        serviceAccount: `${prefix}serviceAccount`,
        version: `${prefix}version`,
        namespaceConfig: `${prefix}namespaceConfig.namespace`,
        preserve: `${prefix}preserve`,
        ipFamily: `${prefix}ipFamily`,
    };
}

/**
 * The namespace a claim names for an add-on this package does not know: EKS installs it in
 * the add-on's own namespace, unknown here, so only the same add-on's claims meet it.
 */
export const ADDON_NAMESPACE_UNKNOWN = "(the add-on's namespace)";

/** What the add-on's association will name, once its settings are valid. */
export interface AddonTarget {
    serviceAccount: string;
    /** The add-on's namespace: `namespaceConfig`, or where a known add-on installs. */
    namespace?: string;
    /**
     * Keep the add-on's software on delete (`preserve`): its associations are then standalone
     * ones, which the component deletes with itself (see eks/addonAssociations.ts).
     */
    preserve: boolean;
}

/** The add-on settings every form shares: version, namespace, `preserve`, IP family. */
interface AddonPlacement {
    namespace?: string;
    preserve: boolean;
    /**
     * False when the name is refused (the agent's, or a typo of a known add-on): nothing that
     * follows from the name is judged then.
     */
    named: boolean;
}

/**
 * Checks what does not depend on the service accounts. `preserve` defaults to what the add-on
 * needs (true for the VPC CNI, whose software every pod's network runs on; false otherwise).
 */
function checkAddonPlacement(
    problems: Problems,
    settings: AddonSettings,
    at: AddonSettingPaths,
): AddonPlacement {
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
        return { preserve: false, named: false };
    }
    if (checkAddonName(problems, at.addonName, settings.addonName)) {
        return { preserve: false, named: false };
    }
    const minimum = known?.minimumVersion;
    if (settings.version && minimum && addonVersionOlderThan(settings.version, minimum)) {
        problems.add(at.version, tooOld(settings.addonName, settings.version, minimum));
    }
    let namespace = known?.namespace;
    const configured = settings.namespaceConfig?.namespace;
    if (configured !== undefined) {
        const problem = namespaceNameProblem(configured);
        if (problem) {
            problems.add(at.namespaceConfig, problem);
        }
        namespace = configured;
    }
    if (settings.ipFamily !== undefined) {
        const problem = ipFamilyProblem(settings.ipFamily);
        if (problem) {
            problems.add(at.ipFamily, problem);
        }
    }
    const preserve = settings.preserve ?? known?.keepSoftwareOnDelete ?? false;
    if (preserve && namespace === undefined) {
        problems.add(
            at.preserve,
            `with preserve, the add-on's associations are standalone ones (deleted with this ` +
                `component, so none is left behind), and those name the namespace, which is ` +
                `unknown for "${settings.addonName}": set namespaceConfig.namespace to where the ` +
                `add-on runs, or preserve: false.`,
        );
    }
    return { namespace, preserve, named: true };
}

/**
 * The service account the add-on's association names: the given one, or the one AWS's
 * DescribeAddonConfiguration reports for a known add-on. Undefined (with a problem added)
 * when neither decides it.
 */
export function checkAddonSettings(
    problems: Problems,
    settings: AddonSettings,
    at: AddonSettingPaths,
): AddonTarget | undefined {
    const placement = checkAddonPlacement(problems, settings, at);
    if (!placement.named) {
        return undefined;
    }
    const serviceAccount = singleServiceAccount(problems, settings, at);
    return serviceAccount === undefined
        ? undefined
        : { serviceAccount, namespace: placement.namespace, preserve: placement.preserve };
}

function singleServiceAccount(
    problems: Problems,
    settings: AddonSettings,
    at: AddonSettingPaths,
): string | undefined {
    const known = knownAddon(settings.addonName);
    if (settings.serviceAccount !== undefined) {
        const problem = serviceAccountNameProblem(settings.serviceAccount);
        if (problem) {
            problems.add(at.serviceAccount, problem);
            return undefined;
        }
        return settings.serviceAccount;
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
                `(${known.serviceAccounts.join(", ")}): set serviceAccount to the one this role is for, ` +
                `or list them in serviceAccounts (one role each).`,
        );
        return undefined;
    }
    return known.serviceAccounts[0];
}

/** Why an add-on version cannot take Pod Identity associations. */
export function tooOld(addonName: string, version: string, minimum: string): string {
    return (
        `${addonName} ${version} is older than ${minimum}, the first version that accepts Pod ` +
        `Identity associations (EKS User Guide, "Pod Identity Support Reference"): use ` +
        `${minimum} or later, "default" or "latest".`
    );
}

/** Whether a preset cannot work without options. */
function presetNeedsOptions(name: PresetName): boolean {
    const preset = PRESETS[name] as Preset<object>;
    return (
        Object.values(preset.options).some((kind) => kind === "required") ||
        (preset.oneOf ?? []).length > 0
    );
}

/**
 * The permissions a role made for one of an add-on's service accounts gets when none are
 * given: the known default, unless it is a preset that needs options (e.g. the buckets
 * Mountpoint for Amazon S3 mounts). Undefined when there is none.
 */
export function usableDefaultPermissions(
    addonName: string,
    serviceAccount: string,
): AddonPermissions | undefined {
    const permissions = defaultPermissions(addonName, serviceAccount);
    if (permissions && "preset" in permissions && presetNeedsOptions(permissions.preset)) {
        return undefined;
    }
    return permissions;
}

/** Why an add-on has no role: neither role nor roleArn, and no preset that works on its own. */
export function missingRoleProblem(addonName: string, serviceAccount?: string): string {
    const known = knownAddon(addonName);
    const preset =
        serviceAccount === undefined
            ? known?.preset
            : (() => {
                  const permissions = defaultPermissions(addonName, serviceAccount);
                  return permissions && "preset" in permissions ? permissions.preset : undefined;
              })();
    const hint = preset
        ? `, e.g. role: { presets: { ${preset}: { ... } } } (the ${preset} preset ` +
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

/** One association of a PodIdentityAddon, and the role it takes. */
export interface AddonAssociationModel {
    serviceAccount: string;
    /** The name of the PodIdentityRole created for it (when `roleArn` is not given). */
    roleName: string;
    /** Where its settings are in the args: "" (the add-on's own) or `serviceAccounts[<i>].`. */
    roleAt: string;
    /** Role arguments given for it. */
    role?: PodIdentityRoleArgs;
    /** The permissions of the role created when no role arguments are given. */
    defaults?: AddonPermissions;
    /** An existing role. */
    roleArn?: pulumi.Input<string>;
}

/** A PodIdentityAddon's arguments, checked: where it installs and its associations. */
export interface CheckedAddon extends Omit<AddonPlacement, "named"> {
    /** Sorted by service account, so the add-on's list does not follow the args' order. */
    associations: AddonAssociationModel[];
}

/**
 * Checks PodIdentityAddon's arguments, in either form: `serviceAccount`, `role`, `roleArn`
 * for one association (its role named as the component), or `serviceAccounts` for several
 * (each role named `<name>/<service account>`). Undefined when a problem was added.
 */
export function checkAddonArgs(
    problems: Problems,
    name: string,
    args: PodIdentityAddonArgs,
): CheckedAddon | undefined {
    const at = addonSettingPaths();
    const placement = checkAddonPlacement(problems, args, at);
    checkAgentArgs(problems, { kubernetesVersion: args.kubernetesVersion });
    if (!placement.named) {
        return undefined;
    }
    const single = args.serviceAccount !== undefined || args.role || args.roleArn !== undefined;
    if (args.serviceAccounts !== undefined && single) {
        const given = ["serviceAccount", "role", "roleArn"].filter(
            (key) => args[key as keyof PodIdentityAddonArgs] !== undefined,
        );
        problems.add(
            "serviceAccounts",
            `give serviceAccounts (a role for each) or ${given.join(" / ")} (one association), ` +
                `not both: move ${given.join(" and ")} into the list.`,
        );
        return undefined;
    }
    const entries: { entry: AddonServiceAccount; at: string; roleName: string }[] = [];
    if (args.serviceAccounts !== undefined) {
        if (args.serviceAccounts.length === 0) {
            problems.add(
                "serviceAccounts",
                "the list is empty: name at least one service account, or leave it out for the add-on's default.",
            );
            return undefined;
        }
        const seen = new Set<string>();
        args.serviceAccounts.forEach((entry, i) => {
            const path = `serviceAccounts[${i}].serviceAccount`;
            const problem = serviceAccountNameProblem(entry.serviceAccount);
            if (problem) {
                problems.add(path, problem);
            } else if (seen.has(entry.serviceAccount)) {
                problems.add(
                    path,
                    `"${entry.serviceAccount}" is listed twice: an add-on takes one association per service account.`,
                );
            } else {
                seen.add(entry.serviceAccount);
                entries.push({
                    entry,
                    at: `serviceAccounts[${i}].`,
                    roleName: `${name}/${entry.serviceAccount}`,
                });
            }
        });
    } else {
        const serviceAccount = singleServiceAccount(problems, args, at);
        if (serviceAccount !== undefined) {
            entries.push({
                entry: { serviceAccount, role: args.role, roleArn: args.roleArn },
                at: "",
                roleName: name,
            });
        }
    }
    const associations = entries.map(({ entry, at: prefix, roleName }) =>
        checkAssociation(problems, args.addonName, entry, prefix, roleName),
    );
    if (problems.list.length > 0) {
        return undefined;
    }
    associations.sort((a, b) => (a.serviceAccount < b.serviceAccount ? -1 : 1));
    return { namespace: placement.namespace, preserve: placement.preserve, associations };
}

function checkAssociation(
    problems: Problems,
    addonName: string,
    entry: AddonServiceAccount,
    at: string,
    roleName: string,
): AddonAssociationModel {
    const model: AddonAssociationModel = {
        serviceAccount: entry.serviceAccount,
        roleName,
        roleAt: at,
        role: entry.role,
        roleArn: entry.roleArn,
    };
    if (entry.role && entry.roleArn !== undefined) {
        problems.add(`${at}roleArn`, "give either role (to create the role) or roleArn, not both.");
    } else if (!entry.role && entry.roleArn === undefined) {
        model.defaults = usableDefaultPermissions(addonName, entry.serviceAccount);
        if (!model.defaults) {
            problems.add(`${at}role`, missingRoleProblem(addonName, entry.serviceAccount));
        }
    }
    if (entry.role !== undefined) {
        model.role = parseRoleArgs(entry.role, problems, `${at}role.`);
    }
    problems.whenKnown(`${at}roleArn`, entry.roleArn, roleArnProblem);
    return model;
}

/** The fleet add-on's settings as the add-on checks read them. */
function settingsOf(addon: FleetAddon): AddonSettings {
    return { ...addon, addonName: addon.name };
}

/** The association settings an add-on's own association cannot take (AddonPodIdentityAssociations). */
const ASSOCIATION_ONLY = [
    "targetRoleArn",
    "grantTargetRoleAssumption",
    "disableSessionTags",
    "sessionPolicy",
    "tags",
] as const;

/** PodIdentity's `addon`, checked: where its association goes, and its default permissions. */
export interface FleetAddonTarget extends AddonTarget {
    /** The shared role's permissions when neither role nor roleArn is given. */
    defaults?: AddonPermissions;
}

/**
 * Problems in PodIdentity's `addon`, and in what it replaces; the service account its
 * association names when the settings are valid.
 */
export function checkFleetAddon(
    problems: Problems,
    args: PodIdentitySettings,
): FleetAddonTarget | undefined {
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
        const ipFamily = args.clusters[key].ipFamily;
        const problem = ipFamily === undefined ? undefined : ipFamilyProblem(ipFamily);
        if (problem) {
            problems.add(`clusters.${key}.ipFamily`, problem);
        }
    }
    // An add-on's association is a role and a service account (EKS API
    // AddonPodIdentityAssociations; the standalone ones of a preserved add-on get the same):
    // the association settings would be dropped without a word.
    const given = ASSOCIATION_ONLY.filter((key) => args.association?.[key] !== undefined);
    if (given.length > 0) {
        problems.add(
            "association",
            `with addon, each cluster's association is the add-on's own, which takes only a role ` +
                `and a service account: association.${given.join(", association.")} would be ` +
                `dropped. Remove association, or bind the service accounts with serviceAccounts ` +
                `instead of addon.`,
        );
    }
    const target = checkAddonSettings(problems, settingsOf(addon), addonSettingPaths("addon."));
    if (!target) {
        return undefined;
    }
    if (args.role || args.roleArn !== undefined) {
        return target;
    }
    const defaults = usableDefaultPermissions(addon.name, target.serviceAccount);
    if (!defaults) {
        problems.add("role", missingRoleProblem(addon.name, target.serviceAccount));
    }
    return { ...target, defaults };
}
