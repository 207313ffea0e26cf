/**
 * PodIdentity's args (TypeScript's PodIdentityArgs, the plugin schema's PodIdentitySettings,
 * or the root project's stack configuration) -> the fleet's model: every part read with its
 * type once (the role, each cluster, the add-on, the association defaults), the rules run once
 * over all of it (model/args.ts `checkPodIdentityArgs`, model/addon.ts `checkFleetAddon`), and
 * what each cluster gets resolved (its place, its agent, its service accounts).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EksAddonOptions } from "../../eks/eksAddon";
import type { ClusterPlacement } from "../../eks/placement";
import type { KubeconfigIdentity } from "../../kubernetes/kubeconfig";
import { checkFleetAddon, FleetAddonTarget } from "../addon";
import { checkPodIdentityArgs } from "../args";
import { entered } from "../entries";
import { Handover } from "../handover";
import type { AddonNamespaceConfig, FleetAddon } from "../inputs/addon";
import type { AgentReadiness } from "../inputs/binding";
import type { AgentOptions, ClusterSpec, PodIdentityArgs } from "../inputs/podIdentity";
import type {
    AgentSettings,
    AssociationDefaults,
    PodIdentitySettings,
    ServiceAccountSpec,
} from "../inputs/settings";
import { Problems } from "../problems";
import { ADDON_OPTIONS, CLUSTER_NAME_REQUIRED } from "./agent";
import { addonOptions, namespaceConfig } from "./addon";
import { agentReadiness } from "./binding";
import { Parsed } from "./parsed";
import {
    Fields,
    flag,
    input,
    instance,
    isPlainObject,
    json,
    list,
    map,
    object,
    pathOf,
    Reader,
    readArgs,
    text,
    wrongType,
} from "./read";
import { ROLE_FIELDS, RoleModel } from "./role";
import { fleetAdopt, verify } from "./verifyAdopt";
import type { VerifyOptions } from "../verify";

/** Where a cluster's AWS resources go. */
export type ClusterPlace =
    /** Through the component's own AWS provider (the role's). */
    | { kind: "component" }
    /** Through a given provider; `placement` when it was built for one (the root program's). */
    | { kind: "provider"; provider: aws.Provider; placement?: ClusterPlacement }
    /** Through the provider the component builds for this place. */
    | { kind: "placement"; placement: ClusterPlacement };

/** What to do about a cluster's agent. */
export type AgentPlan =
    /** Install a PodIdentityAgent with these settings. */
    | { install: true; options: AgentOptions }
    /** Managed elsewhere: wait for `elsewhere` when given. */
    | { install: false; elsewhere?: AgentReadiness };

/** One cluster of the fleet, as its resources are built. */
export interface ClusterModel {
    /** The cluster's key, which names its resources. */
    key: string;
    clusterName: pulumi.Input<string>;
    place: ClusterPlace;
    kubernetesVersion?: pulumi.Input<string>;
    /** The cluster's IP family, when given (a `vpc-cni` add-on's default permissions). */
    ipFamily?: string;
    kubernetesProvider?: k8s.Provider;
    /** Whose credentials a built kubeconfig uses. */
    kubeconfigIdentity?: KubeconfigIdentity;
    agent: AgentPlan;
    /** The service accounts bound on it (its own list, or the fleet's). */
    serviceAccounts: readonly Readonly<ServiceAccountSpec>[];
    /** Whether the list is the fleet's `serviceAccounts` (not the cluster's own). */
    sharedServiceAccounts: boolean;
}

/** The add-on a fleet installs on every cluster. */
export interface FleetAddonModel {
    name: string;
    options: EksAddonOptions;
    /** Its association's service account, namespace, `preserve`, and default permissions. */
    target: FleetAddonTarget;
    namespaceConfig?: AddonNamespaceConfig;
}

/** The fleet's model, as PodIdentity builds its resources. */
export interface FleetModel {
    /**
     * The role to create from args, unless `roleArn`; with neither, an `addon`'s role gets its
     * default permissions (`addon.target.defaults`).
     */
    role?: RoleModel;
    roleArn?: pulumi.Input<string>;
    addon?: FleetAddonModel;
    /** The clusters, by key in order. */
    clusters: readonly ClusterModel[];
    association: Readonly<AssociationDefaults>;
    retainNamespacesOnDelete: boolean;
    allowUnannouncedPartition: boolean;
    /** The verification of every binding (a service account's own `verify` over it). */
    verify?: VerifyOptions;
}

const serviceAccount = object<ServiceAccountSpec>(
    "a service account { namespace, name }",
    {
        namespace: text,
        name: text,
        createNamespace: flag,
        createServiceAccount: flag,
        labels: input(map(input(text))),
        annotations: input(map(input(text))),
        allowIrsaAnnotation: flag,
        verify,
        adopt: fleetAdopt,
    },
    {
        namespace: "the service account's Kubernetes namespace (a string)",
        name: "the service account's name (a string)",
    },
);

const serviceAccounts = list(
    serviceAccount,
    'a list of service accounts, e.g. [{ namespace: "demo", name: "api" }]',
);

const agentSettings: Fields<AgentSettings> = {
    install: flag,
    addonVersion: input(text),
    ...ADDON_OPTIONS,
    hybridNodes: flag,
};

/** A cluster's `agent`: true, false, an agent to share, or agent settings. */
const agentSetting: Reader<NonNullable<ClusterSpec["agent"]>> = {
    expected:
        "true, false, an agent installed elsewhere (a PodIdentityAgent, or { addonVersion }) " +
        "or agent settings { version, configurationValues, ... }",
    read(value, at, problems) {
        if (value === undefined || typeof value === "boolean") {
            return value;
        }
        if (isPlainObject(value)) {
            return object<AgentSettings>(this.expected, agentSettings).read(value, at, problems);
        }
        if (value !== null && typeof value === "object" && "addonVersion" in value) {
            return agentReadiness.read(value, at, problems);
        }
        wrongType(problems, at, this.expected, value);
        return undefined;
    },
};

const cluster = object<ClusterSpec>(
    "a cluster { clusterName, region, ... }",
    {
        clusterName: input(text),
        region: text,
        assumeRoleArn: text,
        profile: text,
        kubernetesVersion: input(text),
        ipFamily: text,
        kubeconfigIdentity: object<KubeconfigIdentity>("{ roleArn, profile }", {
            roleArn: text,
            profile: text,
        }),
        agent: agentSetting,
        serviceAccounts,
        awsProvider: instance("an AWS provider (aws.Provider)", (value): value is aws.Provider =>
            aws.Provider.isInstance(value),
        ),
        kubernetesProvider: instance(
            "a Kubernetes provider (k8s.Provider)",
            (value): value is k8s.Provider => k8s.Provider.isInstance(value),
        ),
    },
    { clusterName: CLUSTER_NAME_REQUIRED },
);

/** The clusters: each key is one part, read once. */
const clusters: Reader<{ [clusterKey: string]: ClusterSpec }> = {
    expected: "a map of clusters by key, e.g. { prod: { clusterName: prod } }",
    read(value, at, problems) {
        if (value === undefined) {
            return undefined;
        }
        if (!isPlainObject(value)) {
            wrongType(problems, at, this.expected, value);
            return undefined;
        }
        const read: { [clusterKey: string]: ClusterSpec } = {};
        for (const [key, spec] of Object.entries(value)) {
            entered("cluster");
            const parsed = cluster.read(spec, pathOf(at, key), problems);
            if (spec === undefined) {
                wrongType(problems, pathOf(at, key), cluster.expected, spec);
            }
            if (parsed) {
                read[key] = parsed;
            }
        }
        return read;
    },
};

/** A part read once, counted as it enters (see model/entries.ts). */
function part<T>(name: string, of: Reader<T>): Reader<T> {
    return {
        expected: of.expected,
        placeholder: of.placeholder,
        read(value, at, problems) {
            if (value !== undefined) {
                entered(name);
            }
            return of.read(value, at, problems);
        },
    };
}

const FLEET_FIELDS: Fields<PodIdentityArgs> = {
    role: part("role", object("role arguments (PodIdentityRoleArgs)", ROLE_FIELDS)),
    roleArn: input(text),
    serviceAccounts: serviceAccounts,
    addon: part(
        "addon",
        object<FleetAddon>(
            "an add-on { name, serviceAccount, version, ... }",
            {
                name: text,
                serviceAccount: text,
                ...ADDON_OPTIONS,
                // Plain: it decides which resources hold the associations.
                preserve: flag,
                namespaceConfig,
            },
            { name: "the EKS add-on's name, e.g. aws-ebs-csi-driver" },
        ),
    ),
    clusters,
    association: part(
        "association",
        object<AssociationDefaults>(
            "association settings { targetRoleArn, disableSessionTags, sessionPolicy, tags }",
            {
                targetRoleArn: input(text),
                grantTargetRoleAssumption: flag,
                disableSessionTags: input(flag),
                sessionPolicy: input(json),
                tags: input(map(input(text))),
            },
        ),
    ),
    retainNamespacesOnDelete: flag,
    allowUnannouncedPartition: flag,
    verify: part("verify", verify),
};

/**
 * Parses PodIdentity's args into `problems`: the types, then the rules over what has the
 * right type. The model, or undefined when a problem was found.
 */
export function parseFleetArgs(raw: unknown, problems: Problems): FleetModel | undefined {
    const args = readArgs<PodIdentityArgs>("PodIdentity", raw, FLEET_FIELDS, {}, problems);
    // Judged together: a wrong one of these leaves the others unjudged.
    problems.relate("role", "roleArn", "addon");
    problems.relate("serviceAccounts", "clusters.*.serviceAccounts", "addon");
    // The add-on's name decides its service account and its default role.
    problems.relate("addon.name", "addon.serviceAccount", "role");
    if (!args) {
        return undefined;
    }
    checkPodIdentityArgs(problems, args);
    const target = checkFleetAddon(problems, args as PodIdentitySettings);
    if (problems.list.length > 0) {
        return undefined;
    }
    return fleetModel(args, target);
}

/** PodIdentity's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parsePodIdentity(name: string, raw: unknown): Parsed<FleetModel> {
    entered("PodIdentity");
    const problems = new Problems();
    const model = parseFleetArgs(raw, problems);
    problems.throwIfAny("PodIdentity", name);
    return {
        model: model as FleetModel,
        later: problems.later,
        component: `PodIdentity "${name}"`,
        at: "",
    };
}

function fleetModel(args: PodIdentityArgs, target: FleetAddonTarget | undefined): FleetModel {
    const addon = args.addon;
    return {
        role: args.role,
        roleArn: args.roleArn,
        addon:
            addon && target
                ? {
                      name: addon.name,
                      options: addonOptions(addon),
                      target,
                      namespaceConfig: addon.namespaceConfig,
                  }
                : undefined,
        clusters: Object.keys(args.clusters ?? {})
            .sort()
            .map((key) => clusterModel(key, args.clusters[key], args.serviceAccounts)),
        association: args.association ?? {},
        retainNamespacesOnDelete: args.retainNamespacesOnDelete ?? true,
        allowUnannouncedPartition: args.allowUnannouncedPartition ?? false,
        verify: args.verify,
    };
}

function clusterModel(
    key: string,
    spec: ClusterSpec,
    shared: ServiceAccountSpec[] | undefined,
): ClusterModel {
    return {
        key,
        clusterName: spec.clusterName,
        place: spec.awsProvider
            ? { kind: "provider", provider: spec.awsProvider }
            : spec.region !== undefined
              ? {
                    kind: "placement",
                    placement: {
                        region: spec.region,
                        assumeRoleArn: spec.assumeRoleArn,
                        profile: spec.profile,
                    },
                }
              : { kind: "component" },
        kubernetesVersion: spec.kubernetesVersion,
        ipFamily: spec.ipFamily,
        kubernetesProvider: spec.kubernetesProvider,
        kubeconfigIdentity: kubeconfigIdentityOf(spec),
        agent: agentPlan(spec.agent),
        serviceAccounts: spec.serviceAccounts ?? shared ?? [],
        sharedServiceAccounts: spec.serviceAccounts === undefined,
    };
}

/**
 * The agent setting of a cluster: `true`/`false`/a PodIdentityAgent/options (TypeScript) or an
 * AgentSettings object (every language). An object with `addonVersion` is an agent installed
 * elsewhere, unless `install: true`, which the rules refuse alongside it.
 */
function agentPlan(setting: ClusterSpec["agent"]): AgentPlan {
    if (setting === undefined || setting === true) {
        return { install: true, options: {} };
    }
    if (setting === false) {
        return { install: false };
    }
    if (!isPlainObject(setting)) {
        // A component with addonVersion: an agent installed elsewhere, e.g. a PodIdentityAgent.
        return {
            install: false,
            elsewhere: { addonVersion: (setting as AgentReadiness).addonVersion },
        };
    }
    const { install, addonVersion, ...options } = setting as AgentSettings;
    if (install ?? addonVersion === undefined) {
        return { install: true, options };
    }
    return { install: false, elsewhere: addonVersion === undefined ? undefined : { addonVersion } };
}

/** Whose credentials the cluster's built kubeconfig uses: as given, else the placement's. */
function kubeconfigIdentityOf(spec: ClusterSpec): KubeconfigIdentity | undefined {
    if (spec.kubeconfigIdentity || spec.awsProvider) {
        return spec.kubeconfigIdentity;
    }
    if (spec.assumeRoleArn === undefined && spec.profile === undefined) {
        return undefined;
    }
    return { roleArn: spec.assumeRoleArn, profile: spec.profile };
}

/** How the root program hands the fleet it parsed from stack configuration to PodIdentity. */
export const FLEET_HANDOVER = new Handover<Parsed<FleetModel>>();
