/**
 * PodIdentityAddon's args -> the add-on's model: the add-on, where it installs, and each of
 * its associations with the role it takes (created from args, from the service account's
 * default permissions, or given by ARN). PodIdentity's `addon` is parsed with the fleet
 * (model/parse/fleet.ts) and handed over, placed on one cluster.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonOptions } from "../../eks/eksAddon";
import { AddonAssociationModel, checkAddonArgs } from "../addon";
import { entered } from "../entries";
import { Handover } from "../handover";
import type {
    AddonNamespaceConfig,
    AddonServiceAccount,
    PodIdentityAddonArgs,
} from "../inputs/addon";
import { Problems } from "../problems";
import { ADDON_CLUSTER, ADDON_OPTIONS, CLUSTER_NAME_REQUIRED } from "./agent";
import { Parsed } from "./parsed";
import { flag, input, list, object, Reader, readArgs, text } from "./read";

/** An EKS add-on with Pod Identity associations of its own, as the resources are built from it. */
export interface AddonModel {
    /** The cluster's name. */
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version, when given (or looked up by the builder). */
    kubernetesVersion?: pulumi.Input<string>;
    /** The EKS add-on's name. */
    addonName: string;
    /** The add-on's settings (version, configuration, conflicts, tags); `preserve` below. */
    options: EksAddonOptions;
    /** The namespace the add-on installs into, when set (`namespaceConfig`). */
    namespaceConfig?: AddonNamespaceConfig;
    /** The add-on's namespace: `namespaceConfig`, or where a known add-on installs. */
    namespace?: string;
    /** Keep the software on delete; the associations are then standalone ones. */
    preserve: boolean;
    /** The associations, sorted by service account. */
    associations: AddonAssociationModel[];
    /** The cluster's IP family, when given (a `vpc-cni` role's default permissions). */
    ipFamily?: string;
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
        tags: args.tags,
    };
}

/** Role args, read (and judged) where the add-on rules parse them (model/addon.ts). */
const roleArgs: Reader<NonNullable<PodIdentityAddonArgs["role"]>> = {
    expected: "role arguments (PodIdentityRoleArgs)",
    read: (value) => value as NonNullable<PodIdentityAddonArgs["role"]>,
};

/** `namespaceConfig`, in PodIdentityAddon and in PodIdentity's `addon`. */
export const namespaceConfig = object<AddonNamespaceConfig>(
    "a namespace configuration { namespace }",
    { namespace: text },
    { namespace: "the namespace to install the add-on into (a string)" },
);

const serviceAccounts = list(
    object<AddonServiceAccount>(
        "a service account and its role { serviceAccount, role | roleArn }",
        { serviceAccount: text, role: roleArgs, roleArn: input(text) },
        { serviceAccount: "the add-on's service account (a string)" },
    ),
    'a list of service accounts, e.g. [{ serviceAccount: "adot-col-otlp-ingest" }]',
);

/** PodIdentityAddon's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseAddon(name: string, raw: unknown): Parsed<AddonModel> {
    entered("PodIdentityAddon");
    const problems = new Problems();
    const args = readArgs<PodIdentityAddonArgs>(
        "PodIdentityAddon",
        raw,
        {
            ...ADDON_CLUSTER,
            ...ADDON_OPTIONS,
            // Plain: it decides which resources hold the associations.
            preserve: flag,
            addonName: text,
            role: roleArgs,
            roleArn: input(text),
            serviceAccount: text,
            serviceAccounts,
            namespaceConfig,
            ipFamily: text,
            agent: flag,
        },
        {
            clusterName: CLUSTER_NAME_REQUIRED,
            addonName: "the EKS add-on's name, e.g. aws-ebs-csi-driver",
        },
        problems,
    );
    problems.relate("role", "roleArn", "serviceAccounts");
    // The add-on's name decides its service accounts and their default roles.
    problems.relate("addonName", "serviceAccount", "serviceAccounts", "role");
    let model: AddonModel | undefined;
    if (args) {
        const checked = checkAddonArgs(problems, name, args);
        if (checked) {
            model = {
                clusterName: args.clusterName,
                kubernetesVersion: args.kubernetesVersion,
                addonName: args.addonName,
                options: addonOptions(args),
                namespaceConfig: args.namespaceConfig,
                namespace: checked.namespace,
                preserve: checked.preserve,
                associations: checked.associations,
                ipFamily: args.ipFamily,
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
