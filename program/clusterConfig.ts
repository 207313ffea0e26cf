/** Shape checks of the `clusters`, `serviceAccounts` and `association` configuration keys. */
import type { AssociationDefaults, ServiceAccountSpec } from "../index";
import { AWS_REGION } from "../eks/placement";
import type { ClusterConfig } from "./config";
import {
    checkBoolean,
    checkObject,
    checkString,
    checkStringMap,
    Fields,
    isFields,
    optional,
    Problems,
} from "./checks";
import { checkAdoptConfig, checkVerifyConfig } from "./verifyConfig";

const REGION = { pattern: AWS_REGION, hint: "an AWS region such as us-east-1" };

const SERVICE_ACCOUNT_KEYS = [
    "namespace",
    "name",
    "createNamespace",
    "createServiceAccount",
    "labels",
    "annotations",
    "allowIrsaAnnotation",
    "verify",
    "adopt",
];

/** A list of `{ namespace, name, ... }` service accounts. */
export function checkServiceAccounts(
    value: unknown,
    path: string,
    problems: Problems,
): ServiceAccountSpec[] | undefined {
    if (!Array.isArray(value)) {
        problems.add(path, "must be a list of { namespace, name } service accounts");
        return undefined;
    }
    const before = problems.list.length;
    value.forEach((item, index) => {
        const at = `${path}[${index}]`;
        const sa = checkObject(item, at, problems, SERVICE_ACCOUNT_KEYS);
        if (!sa) {
            return;
        }
        checkString(sa.namespace, `${at}.namespace`, problems);
        checkString(sa.name, `${at}.name`, problems);
        for (const flag of ["createNamespace", "createServiceAccount", "allowIrsaAnnotation"]) {
            optional(sa, flag, at, (v, p) => checkBoolean(v, p, problems));
        }
        optional(sa, "labels", at, (v, p) => checkStringMap(v, p, problems));
        optional(sa, "annotations", at, (v, p) => checkStringMap(v, p, problems));
        optional(sa, "verify", at, (v, p) => checkVerifyConfig(v, p, problems));
        optional(sa, "adopt", at, (v, p) => checkAdoptConfig(v, p, problems));
    });
    return problems.list.length === before ? (value as ServiceAccountSpec[]) : undefined;
}

const CLUSTER_KEYS = ["clusterName", "region", "kubernetesVersion", "agent", "serviceAccounts"];

/**
 * The map of clusters: each with a name and a region, and optional settings. Returns the map
 * when every cluster is right; the keys of wrong clusters go into `invalid` when given.
 */
export function checkClusters(
    value: unknown,
    path: string,
    problems: Problems,
    invalid?: Set<string>,
): { [clusterKey: string]: ClusterConfig } | undefined {
    if (value === undefined) {
        problems.add(
            path,
            "is missing: list the clusters, e.g. { prod-use1: { clusterName: prod, region: us-east-1 } }",
        );
        return undefined;
    }
    const clusters = checkObject(value, path, problems);
    if (!clusters) {
        return undefined;
    }
    const before = problems.list.length;
    for (const [clusterKey, item] of Object.entries(clusters)) {
        const at = `${path}.${clusterKey}`;
        const problemsBefore = problems.list.length;
        const cluster = checkObject(item, at, problems, CLUSTER_KEYS);
        if (cluster) {
            checkString(cluster.clusterName, `${at}.clusterName`, problems);
            checkString(cluster.region, `${at}.region`, problems, REGION);
            optional(cluster, "kubernetesVersion", at, (v, p) => checkString(v, p, problems));
            optional(cluster, "agent", at, (v, p) => checkAgent(v, p, problems));
            optional(cluster, "serviceAccounts", at, (v, p) =>
                checkServiceAccounts(v, p, problems),
            );
        }
        if (problems.list.length > problemsBefore) {
            invalid?.add(clusterKey);
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
    optional(agent, "version", path, (v, p) => checkString(v, p, problems));
    // An object, or its JSON text: PodIdentity's checks parse and judge the text.
    optional(agent, "configurationValues", path, (v, p) =>
        typeof v === "string" ? v : checkObject(v, p, problems),
    );
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

/** Settings for every association. */
export function checkAssociation(
    value: unknown,
    path: string,
    problems: Problems,
): AssociationDefaults | undefined {
    const association = checkObject(value, path, problems, ASSOCIATION_KEYS);
    if (!association) {
        return undefined;
    }
    const before = problems.list.length;
    optional(association, "targetRoleArn", path, (v, p) => checkString(v, p, problems));
    optional(association, "disableSessionTags", path, (v, p) => checkBoolean(v, p, problems));
    optional(association, "sessionPolicy", path, (v, p) =>
        typeof v === "string" ? v : checkObject(v, p, problems),
    );
    optional(association, "tags", path, (v, p) => checkStringMap(v, p, problems, 50));
    return problems.list.length === before ? association : undefined;
}
