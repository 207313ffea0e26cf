/**
 * The Pod Identity agent on EKS Hybrid Nodes. The agent's DaemonSet gets credentials from EC2
 * IMDS, which hybrid nodes do not have; from add-on version v1.3.3-eksbuild.1 the add-on can
 * deploy a second DaemonSet for hybrid nodes, turned on with the configuration
 * `{"daemonsets":{"hybrid":{"create":true}}}` (EKS User Guide, "Configure add-ons for hybrid
 * nodes", hybrid-nodes-add-ons: "EKS Pod Identity Agent add-on"; the nodes also need
 * `enableCredentialsFile: true` in their nodeadm configuration, and the Hybrid Nodes IAM role
 * `eks-auth:AssumeRoleForPodIdentity`, hybrid-nodes-creds).
 */
import * as pulumi from "@pulumi/pulumi";
import { jsonObject } from "../core/json";
import { JsonValue } from "../core/types";
import { CheckFailure } from "../model/checkFailure";
import { addonVersionOlderThan } from "./eksAddon";

/** The first agent add-on version that can run on hybrid nodes. */
export const HYBRID_NODES_MINIMUM_VERSION = "v1.3.3-eksbuild.1";

/** The add-on configuration that deploys the agent's DaemonSet for hybrid nodes. */
export const HYBRID_NODES_CONFIGURATION: { [key: string]: JsonValue } = {
    daemonsets: { hybrid: { create: true } },
};

/** Why an agent version cannot serve hybrid nodes, or undefined when it can. */
export function hybridNodesVersionProblem(version: string): string | undefined {
    return addonVersionOlderThan(version, HYBRID_NODES_MINIMUM_VERSION)
        ? `hybridNodes needs the agent add-on ${HYBRID_NODES_MINIMUM_VERSION} or later ` +
              `(EKS User Guide, "Configure add-ons for hybrid nodes"), and ${version} is older: ` +
              `use ${HYBRID_NODES_MINIMUM_VERSION} or later, "default" or "latest".`
        : undefined;
}

/** Where a configuration turns the hybrid DaemonSet off, contradicting `hybridNodes`. */
export function hybridNodesConflict(configuration: unknown): string | undefined {
    const parsed = jsonObject(configuration);
    const daemonsets: unknown = parsed?.daemonsets;
    const hybrid = isObject(daemonsets) ? daemonsets.hybrid : undefined;
    const create = isObject(hybrid) ? hybrid.create : undefined;
    return create === undefined || create === true
        ? undefined
        : `hybridNodes: true deploys the hybrid nodes DaemonSet, which this configuration ` +
              `sets to ${JSON.stringify(create)}: drop daemonsets.hybrid.create, or hybridNodes.`;
}

/** The configuration with the hybrid nodes DaemonSet turned on, other settings kept. */
export function withHybridNodes(
    configuration: pulumi.Input<{ [key: string]: JsonValue }> | undefined,
): pulumi.Output<{ [key: string]: JsonValue }> {
    return pulumi.output(configuration ?? {}).apply(
        (given) =>
            merge(jsonObject(given) ?? {}, HYBRID_NODES_CONFIGURATION) as {
                [key: string]: JsonValue;
            },
    );
}

/** The resolved agent version, refused (once, before the add-on) when too old for hybrid nodes. */
export function checkHybridNodesVersion(
    owner: pulumi.Resource,
    version: pulumi.Input<string>,
): pulumi.Output<string> {
    return pulumi.output(version).apply((resolved) => {
        const problem = hybridNodesVersionProblem(resolved);
        if (problem) {
            throw new CheckFailure(`version: ${problem}`, owner);
        }
        return resolved;
    });
}

function isObject(value: unknown): value is { [key: string]: unknown } {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function merge(base: unknown, over: unknown): unknown {
    if (!isObject(base) || !isObject(over)) {
        return over;
    }
    const merged: { [key: string]: unknown } = { ...base };
    for (const [key, value] of Object.entries(over)) {
        merged[key] = key in base ? merge(base[key], value) : value;
    }
    return merged;
}
