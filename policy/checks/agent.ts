/**
 * Every cluster with associations runs the Pod Identity agent, which is what hands pods
 * their credentials.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, matchesAny, readOptions } from "../config";
import { AGENT_ADDON, TYPES, viewOfStackResource } from "../resources";
import {
    addTo,
    ClusterRef,
    clusterRef,
    describeCluster,
    Finding,
    maybeSameCluster,
    StackIndex,
} from "../stack";
import { asBoolean, asString, isUnknown, member, Unknown } from "../values";
import type { PlacedAssociation } from "./clusters";
import { clustersWithAssociations, placedAddonAssociations, placedAssociations } from "./clusters";

/** Options of `pod-identity-agent-addon`. */
export interface AgentOptions {
    [option: string]: string[];
    /** Clusters that already run the agent (names; wildcards allowed). */
    clustersWithAgent: string[];
}

const OPTIONS = {
    clustersWithAgent: {
        description:
            "Clusters that run the agent without an add-on in this stack (an add-on managed by " +
            "another stack, or EKS Auto Mode clusters with no node groups outside Auto Mode): " +
            "cluster names, `*` and `?` are wildcards.",
        default: [],
    },
};

/** The defaults of {@link AgentOptions}. */
export const AGENT_DEFAULTS: AgentOptions = readOptions<AgentOptions>(undefined, OPTIONS);

/**
 * The clusters some resources of the stack are on, looked up by name (clusters of other
 * names are never the same cluster), so that asking once per association stays linear.
 */
class ClustersOf {
    /** Some resource's cluster is unknown during preview: it may be any. */
    private unknown = false;
    private readonly byName = new Map<string, ClusterRef[]>();

    add(where: ClusterRef | Unknown | undefined): void {
        if (isUnknown(where)) {
            this.unknown = true;
        } else if (where !== undefined) {
            addTo(this.byName, where.name, where);
        }
    }

    /** True when some resource is, or may be, on the cluster. */
    mayBeOn(cluster: ClusterRef): boolean {
        return (
            this.unknown ||
            (this.byName.get(cluster.name) ?? []).some((where) => maybeSameCluster(where, cluster))
        );
    }
}

/**
 * Whether something in the stack or the options may provide the agent on a cluster: an
 * `eks-pod-identity-agent` add-on, an EKS Auto Mode cluster of the stack without node groups
 * (its nodes run the agent themselves, and the add-on's DaemonSet keeps off them; node
 * groups mixed into it need the add-on, which is why PodIdentity installs it on every
 * cluster), or a listed name. An add-on or cluster whose name is unknown during preview
 * counts as possibly providing it, so that nothing is reported on a guess. Node groups
 * whose cluster is unknown may be on any. Returns the test for one cluster.
 */
function agentProviders(
    stack: StackIndex,
    options: AgentOptions,
): (cluster: ClusterRef) => boolean {
    const addons = new ClustersOf();
    for (const resource of stack.ofType(TYPES.addon)) {
        const name = asString(resource.props.addonName);
        if (name === AGENT_ADDON || isUnknown(name)) {
            addons.add(stack.clusterOf(resource));
        }
    }
    const autoMode = new ClustersOf();
    for (const resource of stack.ofType(TYPES.cluster)) {
        const enabled = asBoolean(member(resource.props.computeConfig, "enabled"));
        if (enabled === true || isUnknown(enabled)) {
            const name = asString(resource.props.name);
            autoMode.add(isUnknown(name) || name === undefined ? name : clusterRef(resource, name));
        }
    }
    // Managed node groups need the agent add-on even on an EKS Auto Mode cluster.
    const nodeGroups = new ClustersOf();
    for (const nodeGroup of stack.ofType(TYPES.nodeGroup)) {
        nodeGroups.add(stack.clusterOf(nodeGroup));
    }
    return (cluster) =>
        matchesAny(options.clustersWithAgent, cluster.name) ||
        addons.mayBeOn(cluster) ||
        (autoMode.mayBeOn(cluster) && !nodeGroups.mayBeOn(cluster));
}

/** How a finding names an association: a standalone one by its name, an add-on's by the add-on. */
function label(association: PlacedAssociation): string {
    return association.resource.type === TYPES.addon
        ? `add-on "${association.resource.name}"`
        : `"${association.resource.name}"`;
}

/**
 * Clusters with associations (standalone ones, or add-ons' own) but no agent: pods there get
 * no credentials. One finding per cluster, on the association or add-on that sorts first.
 * Associations whose cluster is unknown during preview are not judged.
 */
export function agentFindings(stack: StackIndex, options: AgentOptions): Finding[] {
    const agentMayRun = agentProviders(stack, options);
    const missing = [...placedAssociations(stack), ...placedAddonAssociations(stack)].filter(
        (association) => !agentMayRun(association.cluster),
    );
    return clustersWithAssociations(missing).map(({ cluster, associations }) => {
        const sorted = [...associations].sort((a, b) => (label(a) < label(b) ? -1 : 1));
        return {
            urn: sorted[0].resource.urn,
            message:
                `cluster ${describeCluster(cluster)} has Pod Identity associations ` +
                `(${sorted.map(label).join(", ")}) but no ` +
                `${AGENT_ADDON} add-on in this stack: pods get no credentials. Add a ` +
                `PodIdentityAgent (or an aws.eks.Addon named ${AGENT_ADDON}), or list the cluster ` +
                `in clustersWithAgent if the agent is installed elsewhere. EKS Auto Mode runs ` +
                `the agent on its own nodes only: node groups of the cluster need the add-on.`,
        };
    });
}

/** `pod-identity-agent-addon`: see {@link agentFindings}. */
export const agentAddonPolicy: StackValidationPolicy = {
    name: "pod-identity-agent-addon",
    description:
        `Every cluster with Pod Identity associations has the ${AGENT_ADDON} add-on in the ` +
        `stack, runs EKS Auto Mode with no node groups in the stack, or is declared as ` +
        `running the agent.`,
    enforcementLevel: "mandatory",
    configSchema: configSchema(OPTIONS),
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of agentFindings(stack, readOptions<AgentOptions>(args, OPTIONS))) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
