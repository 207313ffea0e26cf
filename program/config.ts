/**
 * The root project's stack configuration: what each key means, and the checks that turn a
 * stack's configuration into PodIdentity arguments, or into one error listing every problem
 * by its configuration key.
 */
import * as pulumi from "@pulumi/pulumi";
import { FleetModel, parseFleetArgs } from "../model/parse/fleet";
import type { Parsed } from "../model/parse/parsed";
import { Problems as ArgProblems } from "../model/problems";
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

/** The stack's configuration, and the PodIdentity model parsed from it. */
export interface RootFleet {
    config: RootConfig;
    /** The fleet, parsed once: the program hands it to PodIdentity, which does not parse it again. */
    fleet: Parsed<FleetModel>;
}

/** Parses the root project's configuration (see {@link parseRootFleet}); the configuration. */
export function parseRootConfig(values: Record<string, string>, namespace: string): RootConfig {
    return parseRootFleet(values, namespace).config;
}

/**
 * Parses the root project's configuration into PodIdentity's model. `values` maps each key of
 * the project's namespace (without the namespace) to its raw value as the Pulumi runtime holds
 * it (objects as JSON). Every problem is reported in one run: first those of shape (types,
 * unknown or missing keys, in the configuration's own words), then what PodIdentity's own
 * parsing refuses in the keys whose shape is right (each by its configuration key). Throws a
 * {@link ConfigError}.
 */
export function parseRootFleet(values: Record<string, string>, namespace: string): RootFleet {
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
    // Keys whose shape is wrong (and clusters.<key> of wrong clusters): PodIdentity's parsing
    // does not judge them, so that nothing is reported twice or as a consequence.
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
            config[flag] = shape(flag, () => checkBoolean(json(flag), key(flag), problems));
        }
    }

    // PodIdentity's own parsing, once, on the configuration as written: each cluster names
    // its region, so clusters are told apart by region as the program places them (one
    // provider per region). Keys of the wrong shape are marked, not judged again.
    const parsing = new ArgProblems();
    for (const name of wrong) {
        // A wrong map of clusters is judged cluster by cluster (invalidClusters).
        if (name !== "clusters" || invalidClusters.size === 0) {
            parsing.markWrong(name);
        }
    }
    for (const clusterKey of invalidClusters) {
        parsing.markWrong(`clusters.${clusterKey}`);
    }
    const raw = Object.fromEntries(
        CONFIG_KEYS.filter((name) => name !== "name" && present(name)).map((name) => [
            name,
            json(name),
        ]),
    );
    const model = parseFleetArgs(raw, parsing);
    const all = [
        ...problems.list,
        ...parsing.list.map((p) => `${key(p.propertyPath)}: ${p.reason}`),
    ];
    if (all.length > 0 || !model) {
        throw new ConfigError(all);
    }
    return {
        config,
        fleet: {
            model,
            later: parsing.later,
            component: `PodIdentity "${config.name}"`,
            at: "",
        },
    };
}

/**
 * Reads the root project's configuration from the running stack: every key in the project's
 * namespace. Throws a {@link ConfigError} listing every problem.
 */
export function readRootConfig(): RootFleet {
    const namespace = pulumi.getProject();
    const prefix = `${namespace}:`;
    const values: Record<string, string> = {};
    for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (fullKey.startsWith(prefix)) {
            values[fullKey.slice(prefix.length)] = value;
        }
    }
    return parseRootFleet(values, namespace);
}
