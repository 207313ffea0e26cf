/**
 * The root project's stack configuration: what each key means, and the checks that turn a
 * stack file into PodIdentity arguments or into one error listing every problem.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
    AgentOptions,
    AssociationDefaults,
    PodIdentityRoleArgs,
    ServiceAccountSpec,
} from "../index";
import {
    checkBoolean,
    checkInteger,
    checkObject,
    checkString,
    checkStringList,
    checkStringMap,
    Fields,
    isFields,
    optional,
    Problems,
} from "./checks";

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
    /** Service accounts bound on every cluster that lists none of its own. Default: none. */
    serviceAccounts?: ServiceAccountSpec[];
    /** The clusters, by a stable key that names their resources. At least one. */
    clusters: { [clusterKey: string]: ClusterConfig };
    /** Settings for every association. Default: none. */
    association?: AssociationDefaults;
    /** Keep created namespaces when the stack is destroyed. Default: true. */
    retainNamespacesOnDelete?: boolean;
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
] as const;

/** Stack configuration that cannot be deployed: every problem, each naming its key. */
export class ConfigError extends pulumi.RunError {
    constructor(public readonly problems: string[]) {
        super(
            `${problems.length} configuration ${problems.length === 1 ? "problem" : "problems"}:\n` +
                problems.map((problem) => `  - ${problem}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

const FORMAT = {
    name: { pattern: /^[a-z0-9][a-z0-9-]{0,62}$/, hint: "lower-case letters, digits and -" },
    clusterKey: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, hint: "letters, digits, - and _" },
    clusterName: {
        pattern: /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
        hint: "an EKS cluster name (letters, digits, - and _, at most 100)",
    },
    region: { pattern: /^[a-z]{2,4}(-[a-z]+)+-\d+$/, hint: "an AWS region such as us-east-1" },
    kubernetesVersion: { pattern: /^1\.\d+$/, hint: 'a Kubernetes minor version such as "1.31"' },
    agentVersion: {
        pattern: /^(default|latest|v\d+\.\d+\.\d+-eksbuild\.\d+)$/,
        hint: "default, latest or an exact version such as v1.3.8-eksbuild.2",
    },
    namespace: {
        pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        hint: "a Kubernetes namespace name (DNS-1123 label)",
    },
    serviceAccount: {
        pattern: /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
        hint: "a Kubernetes service account name (DNS-1123 subdomain)",
    },
    roleArn: {
        pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
        hint: "an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
    },
    policyArn: {
        pattern: /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
        hint: "an IAM policy ARN (arn:aws:iam::aws:policy/<name>)",
    },
    iamPath: { pattern: /^\/([\w+=,.@-]+\/)*$/, hint: "an IAM path such as /pods/" },
} as const;

/**
 * Parses the root project's configuration: `values` maps each key of the project's namespace
 * (without it) to its raw value as the Pulumi runtime holds it (objects as JSON text).
 * Throws a {@link ConfigError} listing every problem.
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
            // A plain string value (not JSON) is the string itself.
            return raw;
        }
    };

    const name =
        values.name === undefined
            ? "pod-identity"
            : checkString(values.name, key("name"), problems, FORMAT.name);
    const role =
        json("role") === undefined ? undefined : checkRole(json("role"), key("role"), problems);
    const roleArn =
        values.roleArn === undefined
            ? undefined
            : checkString(values.roleArn, key("roleArn"), problems, FORMAT.roleArn);
    if ((values.role === undefined) === (values.roleArn === undefined)) {
        problems.add(
            `${key("role")} / ${key("roleArn")}`,
            values.role === undefined
                ? "are both missing: set role (to create the role) or roleArn (to use an existing one)"
                : "are both set: set exactly one",
        );
    }
    const serviceAccounts =
        json("serviceAccounts") === undefined
            ? undefined
            : checkServiceAccounts(json("serviceAccounts"), key("serviceAccounts"), problems);
    const clusters = checkClusters(json("clusters"), key("clusters"), problems);
    const association =
        json("association") === undefined
            ? undefined
            : checkAssociation(json("association"), key("association"), problems);
    const retainNamespacesOnDelete =
        json("retainNamespacesOnDelete") === undefined
            ? undefined
            : checkBoolean(
                  json("retainNamespacesOnDelete"),
                  key("retainNamespacesOnDelete"),
                  problems,
              );

    if (association?.disableSessionTags === true && role?.trust) {
        for (const tagged of ["namespaces", "serviceAccounts", "clusterNames"] as const) {
            if (role.trust[tagged] !== undefined) {
                problems.add(
                    `${key("role")}.trust.${tagged}`,
                    `needs session tags, but ${key("association")}.disableSessionTags is true: ` +
                        "EKS then sends no request tags and the trust policy would deny every pod",
                );
            }
        }
    }

    if (problems.list.length > 0 || name === undefined || clusters === undefined) {
        throw new ConfigError(problems.list);
    }
    return {
        name,
        role,
        roleArn,
        serviceAccounts,
        clusters,
        association,
        retainNamespacesOnDelete,
    };
}

/**
 * Reads the root project's configuration from the running stack (every key of the project's
 * namespace). Throws a {@link ConfigError} listing every problem.
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

const ROLE_CHECKS: Record<string, (value: unknown, path: string, problems: Problems) => unknown> = {
    name: (v, p, pr) => checkString(v, p, pr),
    path: (v, p, pr) => checkString(v, p, pr, FORMAT.iamPath),
    description: (v, p, pr) => checkString(v, p, pr),
    maxSessionDuration: (v, p, pr) => checkInteger(v, p, pr, { min: 3600, max: 43200 }),
    permissionsBoundary: (v, p, pr) => checkString(v, p, pr, FORMAT.policyArn),
    tags: (v, p, pr) => checkStringMap(v, p, pr, 50),
    trust: checkTrust,
    managedPolicyArns: (v, p, pr) => checkStringList(v, p, pr, FORMAT.policyArn),
    policyArns: checkPolicyArnMap,
    statements: checkStatements,
};

/**
 * The role's arguments are PodIdentityRole's own; keys this program does not know (arguments
 * added to PodIdentityRole later, such as presets) pass through unchecked.
 */
function checkRole(
    value: unknown,
    path: string,
    problems: Problems,
): PodIdentityRoleArgs | undefined {
    const fields = checkObject(value, path, problems);
    if (!fields) {
        return undefined;
    }
    const before = problems.list.length;
    for (const [name, check] of Object.entries(ROLE_CHECKS)) {
        optional(fields, name, path, (item, itemPath) => check(item, itemPath, problems));
    }
    return problems.list.length === before ? fields : undefined;
}

const TRUST_LISTS = [
    "sourceAccounts",
    "sourceOrgIds",
    "namespaces",
    "serviceAccounts",
    "clusterNames",
];

function checkTrust(value: unknown, path: string, problems: Problems): unknown {
    const fields = checkObject(value, path, problems, [...TRUST_LISTS, "conditions"]);
    if (fields) {
        for (const list of TRUST_LISTS) {
            optional(fields, list, path, (item, itemPath) =>
                checkStringList(item, itemPath, problems),
            );
        }
        optional(fields, "conditions", path, (item, itemPath) =>
            checkConditionBlock(item, itemPath, problems),
        );
    }
    return fields;
}

function checkPolicyArnMap(value: unknown, path: string, problems: Problems): unknown {
    const map = checkStringMap(value, path, problems);
    for (const [name, arn] of Object.entries(map ?? {})) {
        checkString(arn, `${path}.${name}`, problems, FORMAT.policyArn);
    }
    return map;
}

function checkConditionBlock(value: unknown, path: string, problems: Problems): unknown {
    const operators = checkObject(value, path, problems);
    for (const [operator, keys] of Object.entries(operators ?? {})) {
        const block = checkObject(keys, `${path}.${operator}`, problems);
        for (const [conditionKey, values] of Object.entries(block ?? {})) {
            checkStringList(values, `${path}.${operator}.${conditionKey}`, problems);
        }
    }
    return operators;
}

const STATEMENT_KEYS = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

function checkStatements(value: unknown, path: string, problems: Problems): unknown {
    if (!Array.isArray(value)) {
        problems.add(path, "must be a list of IAM statements");
        return undefined;
    }
    value.forEach((item, index) => {
        const at = `${path}[${index}]`;
        const statement = checkObject(item, at, problems, STATEMENT_KEYS);
        if (!statement) {
            return;
        }
        optional(statement, "Sid", at, (v, p) =>
            checkString(v, p, problems, { pattern: /^[A-Za-z0-9]*$/, hint: "letters and digits" }),
        );
        optional(statement, "Effect", at, (v, p) =>
            checkString(v, p, problems, { pattern: /^(Allow|Deny)$/, hint: "Allow or Deny" }),
        );
        for (const list of ["Action", "NotAction", "Resource", "NotResource"]) {
            optional(statement, list, at, (v, p) => checkStringList(v, p, problems));
        }
        optional(statement, "Condition", at, (v, p) => checkConditionBlock(v, p, problems));
        if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
            problems.add(at, "needs exactly one of Action and NotAction");
        }
        if ((statement.Resource === undefined) === (statement.NotResource === undefined)) {
            problems.add(at, "needs exactly one of Resource and NotResource");
        }
    });
    return value;
}

const SERVICE_ACCOUNT_KEYS = [
    "namespace",
    "name",
    "createNamespace",
    "createServiceAccount",
    "labels",
    "annotations",
];

function checkServiceAccounts(
    value: unknown,
    path: string,
    problems: Problems,
): ServiceAccountSpec[] | undefined {
    if (!Array.isArray(value)) {
        problems.add(path, "must be a list of { namespace, name } service accounts");
        return undefined;
    }
    const before = problems.list.length;
    const seen = new Map<string, string>();
    value.forEach((item, index) => {
        const at = `${path}[${index}]`;
        const sa = checkObject(item, at, problems, SERVICE_ACCOUNT_KEYS);
        if (!sa) {
            return;
        }
        const namespace = checkString(sa.namespace, `${at}.namespace`, problems, FORMAT.namespace);
        const name = checkString(sa.name, `${at}.name`, problems, FORMAT.serviceAccount);
        optional(sa, "createNamespace", at, (v, p) => checkBoolean(v, p, problems));
        optional(sa, "createServiceAccount", at, (v, p) => checkBoolean(v, p, problems));
        optional(sa, "labels", at, (v, p) => checkStringMap(v, p, problems));
        optional(sa, "annotations", at, (v, p) => checkStringMap(v, p, problems));
        if (namespace && name) {
            const earlier = seen.get(`${namespace}/${name}`);
            if (earlier) {
                problems.add(
                    at,
                    `repeats ${namespace}/${name} of ${earlier}: one association each`,
                );
            }
            seen.set(`${namespace}/${name}`, at);
        }
    });
    return problems.list.length === before ? (value as ServiceAccountSpec[]) : undefined;
}

const CLUSTER_KEYS = ["clusterName", "region", "kubernetesVersion", "agent", "serviceAccounts"];

function checkClusters(
    value: unknown,
    path: string,
    problems: Problems,
): { [clusterKey: string]: ClusterConfig } | undefined {
    if (value === undefined) {
        problems.add(path, "is missing: list the clusters, e.g. { prod: { clusterName, region } }");
        return undefined;
    }
    const clusters = checkObject(value, path, problems);
    if (!clusters) {
        return undefined;
    }
    if (Object.keys(clusters).length === 0) {
        problems.add(path, "lists no cluster");
    }
    const before = problems.list.length;
    const where = new Map<string, string>();
    for (const [clusterKey, item] of Object.entries(clusters)) {
        const at = `${path}.${clusterKey}`;
        checkString(clusterKey, `${path} key "${clusterKey}"`, problems, FORMAT.clusterKey);
        const cluster = checkObject(item, at, problems, CLUSTER_KEYS);
        if (!cluster) {
            continue;
        }
        const clusterName = checkString(
            cluster.clusterName,
            `${at}.clusterName`,
            problems,
            FORMAT.clusterName,
        );
        const region = checkString(cluster.region, `${at}.region`, problems, FORMAT.region);
        optional(cluster, "kubernetesVersion", at, (v, p) =>
            checkString(v, p, problems, FORMAT.kubernetesVersion),
        );
        optional(cluster, "agent", at, (v, p) => checkAgent(v, p, problems));
        optional(cluster, "serviceAccounts", at, (v, p) => checkServiceAccounts(v, p, problems));
        if (clusterName && region) {
            // Two keys for one cluster would create the same associations twice (EKS: 409).
            const earlier = where.get(`${region}/${clusterName}`);
            if (earlier) {
                problems.add(
                    at,
                    `names the same cluster as ${earlier} (${clusterName} in ${region})`,
                );
            }
            where.set(`${region}/${clusterName}`, at);
        }
    }
    return problems.list.length === before
        ? (clusters as { [clusterKey: string]: ClusterConfig })
        : undefined;
}

const AGENT_KEYS = [
    "version",
    "configurationValues",
    "resolveConflictsOnCreate",
    "resolveConflictsOnUpdate",
    "preserve",
    "tags",
];

function checkAgent(value: unknown, path: string, problems: Problems): unknown {
    if (typeof value === "boolean") {
        return value;
    }
    if (!isFields(value)) {
        problems.add(path, "must be true, false or an object of agent options");
        return undefined;
    }
    const agent = checkObject(value, path, problems, AGENT_KEYS) as Fields;
    optional(agent, "version", path, (v, p) => checkString(v, p, problems, FORMAT.agentVersion));
    optional(agent, "configurationValues", path, (v, p) => checkObject(v, p, problems));
    optional(agent, "resolveConflictsOnCreate", path, (v, p) =>
        checkString(v, p, problems, { pattern: /^(OVERWRITE|NONE)$/, hint: "OVERWRITE or NONE" }),
    );
    optional(agent, "resolveConflictsOnUpdate", path, (v, p) =>
        checkString(v, p, problems, {
            pattern: /^(OVERWRITE|PRESERVE|NONE)$/,
            hint: "OVERWRITE, PRESERVE or NONE",
        }),
    );
    optional(agent, "preserve", path, (v, p) => checkBoolean(v, p, problems));
    optional(agent, "tags", path, (v, p) => checkStringMap(v, p, problems, 50));
    return agent;
}

const ASSOCIATION_KEYS = ["targetRoleArn", "disableSessionTags", "sessionPolicy", "tags"];

function checkAssociation(
    value: unknown,
    path: string,
    problems: Problems,
): AssociationDefaults | undefined {
    const association = checkObject(value, path, problems, ASSOCIATION_KEYS);
    if (!association) {
        return undefined;
    }
    const before = problems.list.length;
    optional(association, "targetRoleArn", path, (v, p) =>
        checkString(v, p, problems, FORMAT.roleArn),
    );
    optional(association, "disableSessionTags", path, (v, p) => checkBoolean(v, p, problems));
    optional(association, "sessionPolicy", path, (v, p) =>
        typeof v === "string" ? v : checkObject(v, p, problems),
    );
    optional(association, "tags", path, (v, p) => checkStringMap(v, p, problems, 50));
    if (association.sessionPolicy !== undefined && association.disableSessionTags !== true) {
        problems.add(
            `${path}.sessionPolicy`,
            `needs ${path}.disableSessionTags: true (EKS accepts a session policy only without session tags)`,
        );
    }
    return problems.list.length === before ? association : undefined;
}
