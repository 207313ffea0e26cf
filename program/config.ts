/**
 * The root project's stack configuration: what each key means, and the checks that turn a
 * stack's configuration into PodIdentity arguments, or into one error listing every problem
 * by its configuration key.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkPodIdentityArgs } from "../model/args";
import { Problems as ArgProblems } from "../model/problems";
import { checkPartitions } from "../model/partitions";
import { checkRegion } from "../model/ruleChecks";
import type {
    AgentOptions,
    AssociationDefaults,
    PodIdentityRoleArgs,
    ServiceAccountSpec,
    VerifyOptions,
} from "../index";
import { checkBoolean, checkString, Problems } from "./checks";
import { checkAssociation, checkClusters, checkServiceAccounts } from "./clusterConfig";
import { checkRole } from "./roleConfig";
import { checkVerifyConfig } from "./verifyConfig";
import { podIdentityArgs } from "./stack";

/** One cluster of the stack, as configured. */
export interface ClusterConfig {
    /** The EKS cluster's name. Required. */
    clusterName: string;
    /** The cluster's AWS region, e.g. `eu-west-1`; one AWS provider per distinct region. Required. */
    region: string;
    /** The cluster's Kubernetes version, e.g. `"1.31"`. Default: looked up from the cluster. */
    kubernetesVersion?: string;
    /** Install the agent add-on (`true`), not (`false`, e.g. EKS Auto Mode), or with options. Default: true. */
    agent?: boolean | AgentOptions;
    /** Service accounts on this cluster, replacing the stack-wide list. Default: `serviceAccounts`. */
    serviceAccounts?: ServiceAccountSpec[];
}

/** The whole stack configuration of the root project. */
export interface RootConfig {
    /** Prefix of every resource's logical name and of the role's generated IAM name. Default: `pod-identity`. */
    name: string;
    /** PodIdentityRole arguments of the shared role. Exactly one of `role` and `roleArn`. */
    role?: PodIdentityRoleArgs;
    /** An existing role's ARN instead. Exactly one of `role` and `roleArn`. */
    roleArn?: string;
    /** Service accounts bound on every cluster that lists none of its own. */
    serviceAccounts?: ServiceAccountSpec[];
    /** The clusters, by a stable key that names their resources. At least one. */
    clusters: { [clusterKey: string]: ClusterConfig };
    /** Settings for every association. Default: none. */
    association?: AssociationDefaults;
    /** Keep created namespaces when the stack is destroyed. Default: true. */
    retainNamespacesOnDelete?: boolean;
    /** Do not warn about clusters in AWS GovCloud (US) or China. Default: false. */
    allowUnannouncedPartition?: boolean;
    /** Prove each service account's credentials with a Job before `ready` (docs/verify.md). Default: off. */
    verify?: VerifyOptions;
}

/** The configuration keys of the root project, without the namespace. */
export const CONFIG_KEYS = [
    "name",
    "role",
    "roleArn",
    "serviceAccounts",
    "clusters",
    "association",
    "retainNamespacesOnDelete",
    "allowUnannouncedPartition",
    "verify",
] as const;

/**
 * Stack configuration that cannot be deployed: every problem, each naming its configuration
 * key. A RunError, so that `pulumi up` prints the message without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(public readonly problems: string[]) {
        super(
            `${problems.length} configuration ${problems.length === 1 ? "problem" : "problems"}:\n` +
                problems.map((problem) => `  - ${problem}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

const NAME = { pattern: /^[a-z0-9][a-z0-9-]{0,62}$/, hint: "lower-case letters, digits and -" };

/**
 * Parses the root project's configuration. `values` maps each key of the project's namespace
 * (without the namespace) to its raw value as the Pulumi runtime holds it (objects as JSON).
 * Every problem is reported in one run: first those of shape (types, unknown or missing
 * keys), then what the components' own checks refuse in the keys whose shape is right (each
 * by its configuration key). Throws a {@link ConfigError}.
 */
export function parseRootConfig(values: Record<string, string>, namespace: string): RootConfig {
    const problems = new Problems();
    const key = (name: string) => `${namespace}:${name}`;
    for (const name of Object.keys(values)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(name)) {
            problems.add(key(name), `is not a known key (known: ${CONFIG_KEYS.join(", ")})`);
        }
    }
    const json = (name: string): unknown => {
        const raw = values[name];
        if (raw === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(raw) as unknown;
        } catch {
            // Not JSON: a plain string value.
            return raw;
        }
    };
    const present = (name: string) => values[name] !== undefined;
    // Keys whose shape is wrong (and clusters.<key> of wrong clusters): the components'
    // checks do not judge them, so that nothing is reported twice or as a consequence.
    const wrong = new Set<string>();
    const shape = <T>(name: string, check: () => T): T => {
        const before = problems.list.length;
        const value = check();
        if (problems.list.length > before) {
            wrong.add(name);
        }
        return value;
    };
    const invalidClusters = new Set<string>();

    const config: RootConfig = {
        name: present("name")
            ? (checkString(values.name, key("name"), problems, NAME) ?? "")
            : "pod-identity",
        role: present("role")
            ? shape("role", () => checkRole(json("role"), key("role"), problems))
            : undefined,
        roleArn: present("roleArn")
            ? shape("roleArn", () => checkString(values.roleArn, key("roleArn"), problems))
            : undefined,
        serviceAccounts: present("serviceAccounts")
            ? shape("serviceAccounts", () =>
                  checkServiceAccounts(json("serviceAccounts"), key("serviceAccounts"), problems),
              )
            : undefined,
        clusters:
            shape("clusters", () =>
                checkClusters(json("clusters"), key("clusters"), problems, invalidClusters),
            ) ?? {},
        association: present("association")
            ? shape("association", () =>
                  checkAssociation(json("association"), key("association"), problems),
              )
            : undefined,
        verify: present("verify")
            ? shape("verify", () => checkVerifyConfig(json("verify"), key("verify"), problems))
            : undefined,
    };
    for (const flag of ["retainNamespacesOnDelete", "allowUnannouncedPartition"] as const) {
        if (present(flag)) {
            config[flag] = checkBoolean(json(flag), key(flag), problems);
        }
    }
    if (problems.list.length === 0) {
        const semantic = componentProblems(config);
        if (semantic.length > 0) {
            throw new ConfigError(semantic.map((p) => `${key(p.propertyPath)}: ${p.reason}`));
        }
        return config;
    }
    const semantic = componentProblems(checkable(config, json, wrong, invalidClusters)).filter(
        (problem) => !judgesWrongShape(problem.propertyPath, wrong, invalidClusters),
    );
    throw new ConfigError([
        ...problems.list,
        ...semantic.map((p) => `${key(p.propertyPath)}: ${p.reason}`),
    ]);
}

/**
 * The configuration the components' checks judge while some keys have the wrong shape: a
 * wrong role stands in as an empty one (so that "role or roleArn" is still judged right), a
 * wrong service-account list as one placeholder account, and wrong clusters are left out.
 */
function checkable(
    config: RootConfig,
    json: (name: string) => unknown,
    wrong: Set<string>,
    invalidClusters: Set<string>,
): RootConfig {
    const clusters = wrong.has("clusters")
        ? (json("clusters") as RootConfig["clusters"] | undefined)
        : config.clusters;
    return {
        ...config,
        role: wrong.has("role") ? {} : config.role,
        roleArn: wrong.has("roleArn") ? undefined : config.roleArn,
        serviceAccounts: wrong.has("serviceAccounts")
            ? [{ namespace: "placeholder", name: "placeholder" }]
            : config.serviceAccounts,
        clusters: Object.fromEntries(
            Object.entries(isObject(clusters) ? clusters : {}).filter(
                ([clusterKey]) => !invalidClusters.has(clusterKey),
            ),
        ),
    };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when a component problem is about, or follows from, a key of the wrong shape. */
function judgesWrongShape(path: string, wrong: Set<string>, invalidClusters: Set<string>) {
    const under = (prefix: string) =>
        path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
    const wrongKeys = [
        ...[...wrong].filter((name) => name !== "clusters"),
        ...[...invalidClusters].map((clusterKey) => `clusters.${clusterKey}`),
    ];
    if (wrongKeys.some(under)) {
        return true;
    }
    // "role or roleArn": judged only when both have the right shape.
    if ((path === "role" || path === "roleArn") && (wrong.has("role") || wrong.has("roleArn"))) {
        return true;
    }
    // "no clusters" when every cluster is wrong, or the map itself.
    return path === "clusters" && wrong.has("clusters");
}

/**
 * What PodIdentity itself would refuse, found before any resource exists. Its property paths
 * are the configuration keys. Clusters are checked region by region: the component tells
 * clusters apart by their AWS provider, and this program gives each region one.
 */
function componentProblems(config: RootConfig) {
    const problems = new ArgProblems();
    const regions = new Set(Object.values(config.clusters).map((cluster) => cluster.region));
    for (const region of regions) {
        const clusters = Object.fromEntries(
            Object.entries(config.clusters).filter(([, cluster]) => cluster.region === region),
        );
        checkPodIdentityArgs(problems, podIdentityArgs({ ...config, clusters }, new Map()));
    }
    if (regions.size === 0) {
        checkPodIdentityArgs(problems, podIdentityArgs(config, new Map()));
    }
    // The clusters reach PodIdentity through their region's provider, not by region: the
    // region rules (a real region, ARNs in its partition) are judged here, on the regions.
    const placed = Object.fromEntries(
        Object.entries(config.clusters).map(([key, cluster]) => [
            key,
            { clusterName: cluster.clusterName, region: cluster.region },
        ]),
    );
    for (const [key, cluster] of Object.entries(placed)) {
        checkRegion(problems, `clusters.${key}.region`, cluster.region);
    }
    checkPartitions(problems, { ...podIdentityArgs(config, new Map()), clusters: placed });
    return problems.list;
}

/**
 * Reads the root project's configuration from the running stack: every key in the project's
 * namespace. Throws a {@link ConfigError} listing every problem.
 */
export function readRootConfig(): RootConfig {
    const namespace = pulumi.getProject();
    const prefix = `${namespace}:`;
    const values: Record<string, string> = {};
    for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (fullKey.startsWith(prefix)) {
            values[fullKey.slice(prefix.length)] = value;
        }
    }
    return parseRootConfig(values, namespace);
}
