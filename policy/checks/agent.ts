/**
 * Every cluster with associations runs the Pod Identity agent, which is what hands pods
 * their credentials.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, matchesAny, readOptions } from "../config";
import { AGENT_ADDON, TYPES, viewOfStackResource } from "../resources";
import {
    ClusterRef,
    clusterRef,
    describeCluster,
    Finding,
    maybeSameCluster,
    StackIndex,
} from "../stack";
import { asBoolean, asString, isUnknown, member } from "../values";
import { clustersWithAssociations, placedAssociations } from "./clusters";

/** Options of `pod-identity-agent-addon`. */
export interface AgentOptions {
    [option: string]: string[];
    /** Clusters that already run the agent (names; wildcards allowed). */
    clustersWithAgent: string[];
}

const OPTIONS = {
    clustersWithAgent: {
        description:
            "Clusters that run the agent without an add-on in this stack (EKS Auto Mode " +
            "clusters, or an add-on managed by another stack): cluster names, `*` and `?` " +
            "are wildcards.",
        default: [],
    },
};

/** The defaults of {@link AgentOptions}. */
export const AGENT_DEFAULTS: AgentOptions = readOptions<AgentOptions>(undefined, OPTIONS);

/**
 * Whether something in the stack or the options may provide the agent on a cluster: an
 * `eks-pod-identity-agent` add-on, an EKS Auto Mode cluster (which runs the agent itself), or
 * a listed name. An add-on or cluster whose name is unknown during preview counts as
 * possibly providing it, so that nothing is reported on a guess. Returns the test for one
 * cluster.
 */
function agentProviders(
    stack: StackIndex,
    options: AgentOptions,
): (cluster: ClusterRef) => boolean {
    // Gathered once and looked up by cluster name (clusters of other names are never the
    // same cluster), so that the rule stays linear in the number of associations.
    let unknownProvider = false;
    const byName = new Map<string, ClusterRef[]>();
    const provides = (where: ClusterRef) => {
        const same = byName.get(where.name);
        if (same) {
            same.push(where);
        } else {
            byName.set(where.name, [where]);
        }
    };
    for (const resource of stack.ofType(TYPES.addon)) {
        const name = asString(resource.props.addonName);
        if (name !== AGENT_ADDON && !isUnknown(name)) {
            continue;
        }
        const where = stack.clusterOf(resource);
        if (isUnknown(where)) {
            unknownProvider = true;
        } else if (where !== undefined) {
            provides(where);
        }
    }
    for (const resource of stack.ofType(TYPES.cluster)) {
        const autoMode = asBoolean(member(resource.props.computeConfig, "enabled"));
        if (autoMode !== true && !isUnknown(autoMode)) {
            continue;
        }
        const name = asString(resource.props.name);
        if (isUnknown(name)) {
            unknownProvider = true;
        } else if (name !== undefined) {
            provides(clusterRef(resource, name));
        }
    }
    return (cluster) =>
        matchesAny(options.clustersWithAgent, cluster.name) ||
        unknownProvider ||
        (byName.get(cluster.name) ?? []).some((where) => maybeSameCluster(where, cluster));
}

/**
 * Clusters with associations but no agent: pods there get no credentials. One finding per
 * cluster, on its association whose name sorts first. Associations whose cluster is unknown
 * during preview are not judged.
 */
export function agentFindings(stack: StackIndex, options: AgentOptions): Finding[] {
    const agentMayRun = agentProviders(stack, options);
    const missing = placedAssociations(stack).filter(
        (association) => !agentMayRun(association.cluster),
    );
    return clustersWithAssociations(missing).map(({ cluster, associations }) => {
        const names = associations.map((association) => association.resource.name).sort();
        const first = associations.find((association) => association.resource.name === names[0]);
        return {
            urn: first!.resource.urn,
            message:
                `cluster ${describeCluster(cluster)} has Pod Identity associations ` +
                `(${names.map((name) => `"${name}"`).join(", ")}) but no ` +
                `${AGENT_ADDON} add-on in this stack: pods get no credentials. Add a ` +
                `PodIdentityAgent (or an aws.eks.Addon named ${AGENT_ADDON}), or list the cluster ` +
                `in clustersWithAgent if the agent is installed elsewhere or it is an EKS Auto ` +
                `Mode cluster.`,
        };
    });
}

/** `pod-identity-agent-addon`: see {@link agentFindings}. */
export const agentAddonPolicy: StackValidationPolicy = {
    name: "pod-identity-agent-addon",
    description:
        `Every cluster with Pod Identity associations has the ${AGENT_ADDON} add-on in the ` +
        `stack, runs EKS Auto Mode, or is declared as running the agent.`,
    enforcementLevel: "mandatory",
    configSchema: configSchema(OPTIONS),
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of agentFindings(stack, readOptions<AgentOptions>(args, OPTIONS))) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
