/**
 * PodIdentityAddon's args, and PodIdentity's `addon`, -> the add-on's model: the add-on, the
 * service account its association names, and its role (created from args, from the add-on's
 * preset, or given by ARN).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonOptions } from "../../eks/eksAddon";
import { AddonTarget, checkAddonSettings, defaultAddonRole, missingRoleProblem } from "../addon";
import { checkAgentArgs } from "../args";
import { entered } from "../entries";
import { Handover } from "../handover";
import type { PodIdentityAddonArgs } from "../inputs/addon";
import { Problems } from "../problems";
import { addonTypoOf } from "../rules/addons";
import { roleArnProblem } from "../rules/iam";
import { ADDON_CLUSTER, ADDON_OPTIONS, CLUSTER_NAME_REQUIRED } from "./agent";
import { Parsed } from "./parsed";
import { flag, input, Reader, readArgs, text } from "./read";
import { parseRoleArgs, RoleModel } from "./role";

/** An EKS add-on with its own Pod Identity association, as the resources are built from it. */
export interface AddonModel {
    /** The cluster's name. */
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version, when given (or looked up by the builder). */
    kubernetesVersion?: pulumi.Input<string>;
    /** The EKS add-on's name. */
    addonName: string;
    /** The add-on's settings (version, configuration, conflicts, preserve, tags). */
    options: EksAddonOptions;
    /** The service account the association names, and the add-on's namespace when known. */
    target: AddonTarget;
    /** The role to create for the add-on (given, or its preset's), unless `roleArn`. */
    role?: RoleModel;
    /** An existing role's ARN, unless `role`. */
    roleArn?: pulumi.Input<string>;
    /** Whether the agent must be found on the cluster (see PodIdentityAddonArgs `agent`). */
    agent: boolean;
}

/** The settings of an add-on, from its args. */
export function addonOptions(args: EksAddonOptions): EksAddonOptions {
    const { version, configurationValues, resolveConflictsOnCreate, resolveConflictsOnUpdate } =
        args;
    return {
        version,
        configurationValues,
        resolveConflictsOnCreate,
        resolveConflictsOnUpdate,
        preserve: args.preserve,
        tags: args.tags,
    };
}

/** PodIdentityAddon's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseAddon(name: string, raw: unknown): Parsed<AddonModel> {
    entered("PodIdentityAddon");
    const problems = new Problems();
    const roleArgs: Reader<unknown> = {
        expected: "role arguments (PodIdentityRoleArgs)",
        read: (value) => value,
    };
    const args = readArgs<PodIdentityAddonArgs>(
        "PodIdentityAddon",
        raw,
        {
            ...ADDON_CLUSTER,
            ...ADDON_OPTIONS,
            addonName: text,
            role: roleArgs as Reader<NonNullable<PodIdentityAddonArgs["role"]>>,
            roleArn: input(text),
            serviceAccount: text,
            agent: flag,
        },
        {
            clusterName: CLUSTER_NAME_REQUIRED,
            addonName: "the EKS add-on's name, e.g. aws-ebs-csi-driver",
        },
        problems,
    );
    problems.relate("role", "roleArn");
    // The add-on's name decides its service account and its default role.
    problems.relate("addonName", "serviceAccount", "role");
    let model: AddonModel | undefined;
    if (args) {
        const target = checkAddonSettings(problems, args, {
            addonName: "addonName",
            serviceAccount: "serviceAccount",
            version: "version",
        });
        const given =
            args.role === undefined ? undefined : parseRoleArgs(args.role, problems, "role.");
        // Explicit role args win; otherwise the add-on's own preset, when it needs no options.
        const preset =
            args.role !== undefined || args.roleArn !== undefined
                ? undefined
                : defaultAddonRole(args.addonName);
        const role = given ?? (preset && { ...preset, tags: args.tags });
        if (args.role !== undefined && args.roleArn !== undefined) {
            problems.add("roleArn", "give either role (to create the role) or roleArn, not both.");
        } else if (
            !role &&
            args.roleArn === undefined &&
            args.role === undefined &&
            // A typo of a known add-on is refused by its name alone (model/rules/addons.ts).
            !addonTypoOf(args.addonName)
        ) {
            problems.add("role", missingRoleProblem(args.addonName));
        }
        problems.whenKnown("roleArn", args.roleArn, roleArnProblem);
        checkAgentArgs(problems, { kubernetesVersion: args.kubernetesVersion });
        if (target) {
            model = {
                clusterName: args.clusterName,
                kubernetesVersion: args.kubernetesVersion,
                addonName: args.addonName,
                options: addonOptions(args),
                target,
                role,
                roleArn: args.roleArn,
                agent: args.agent ?? true,
            };
        }
    }
    problems.throwIfAny("PodIdentityAddon", name);
    return {
        model: model as AddonModel,
        later: problems.later,
        component: `PodIdentityAddon "${name}"`,
        at: "",
    };
}

/** How PodIdentity hands the add-on it parsed, placed on one cluster, to PodIdentityAddon. */
export const ADDON_HANDOVER = new Handover<Parsed<AddonModel>>();
