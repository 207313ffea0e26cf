/**
 * The Pod Identity agent fetches credentials with the node's own role, through
 * `eks-auth:AssumeRoleForPodIdentity`; a node role without it leaves every pod on the node
 * without credentials.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchema, readOptions } from "../config";
import { anyTrue, awsManagedPolicyName, grantsClusterAction, policyArnMatches, Tri } from "../iam";
import { permissionsOf } from "../permissions";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import {
    addTo,
    ClusterRef,
    clusterRef,
    describeCluster,
    Finding,
    Resolution,
    RoleView,
    sameCluster,
    StackIndex,
} from "../stack";
import { asBoolean, asString, isUnknown, member, UNKNOWN } from "../values";
import { placedAddonAssociations, placedAssociations } from "./clusters";

/** The action the agent calls with the node role. */
export const AGENT_ACTION = "eks-auth:AssumeRoleForPodIdentity";

/** Options of `pod-identity-node-role-permission`. */
export interface NodeRoleOptions {
    [option: string]: string[];
    /** Managed policies that include the action (AWS managed names or ARNs). */
    grantingManagedPolicies: string[];
}

const OPTIONS = {
    grantingManagedPolicies: {
        description:
            `Managed policies that include ${AGENT_ACTION}: AWS managed policy names (every ` +
            `partition) or policy ARNs (wildcards allowed). Other AWS managed policies are ` +
            `taken not to; customer managed policies are read when the stack defines them.`,
        default: [
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKSWorkerNodeMinimalPolicy",
            "AdministratorAccess",
            "PowerUserAccess",
        ],
    },
};

/** The defaults of {@link NodeRoleOptions}. */
export const NODE_ROLE_DEFAULTS: NodeRoleOptions = readOptions<NodeRoleOptions>(undefined, OPTIONS);

/**
 * Whether the stack lets a role call the agent's action. Unknown when a policy of the role
 * is unknown during preview, is a customer managed policy the stack does not define, or an
 * attachment of the stack may target the role without saying so yet.
 */
export function roleMayFetchCredentials(
    stack: StackIndex,
    role: RoleView,
    options: NodeRoleOptions,
): Tri {
    const permissions = permissionsOf(stack, role);
    const answers: Tri[] = permissions.managed.map((policy) => {
        if (isUnknown(policy.arn)) {
            return UNKNOWN;
        }
        if (policyArnMatches(options.grantingManagedPolicies, policy.arn)) {
            return true;
        }
        if (policy.document !== undefined) {
            return grantsClusterAction(policy.document, AGENT_ACTION);
        }
        return awsManagedPolicyName(policy.arn) !== undefined ? false : UNKNOWN;
    });
    answers.push(
        ...permissions.inline.map((policy) => grantsClusterAction(policy.document, AGENT_ACTION)),
    );
    const granted = anyTrue(answers);
    return granted === false && permissions.incomplete ? UNKNOWN : granted;
}

interface NodeRoleUse {
    /** The node group, the EKS Auto Mode cluster, or the hybrid nodes' access entry. */
    resource: ResourceView;
    cluster: ClusterRef;
    role: Resolution<RoleView>;
}

function nodeRoleUses(stack: StackIndex): NodeRoleUse[] {
    const uses: NodeRoleUse[] = [];
    for (const nodeGroup of stack.ofType(TYPES.nodeGroup)) {
        const cluster = stack.clusterOf(nodeGroup);
        if (cluster !== undefined && !isUnknown(cluster)) {
            const role = stack.roleByArn(nodeGroup, nodeGroup.props.nodeRoleArn, "nodeRoleArn");
            uses.push({ resource: nodeGroup, cluster, role });
        }
    }
    for (const resource of stack.ofType(TYPES.cluster)) {
        const compute = resource.props.computeConfig;
        const name = asString(resource.props.name);
        if (asBoolean(member(compute, "enabled")) === true && typeof name === "string") {
            const role = stack.roleByArn(resource, member(compute, "nodeRoleArn"), "computeConfig");
            uses.push({ resource, cluster: clusterRef(resource, name), role });
        }
    }
    // EKS Hybrid Nodes join with the Hybrid Nodes IAM role, given a HYBRID_LINUX access entry;
    // the agent's hybrid DaemonSet fetches credentials with it, so it needs the action too
    // (EKS User Guide, "Prepare credentials for hybrid nodes", hybrid-nodes-creds).
    for (const entry of stack.ofType(TYPES.accessEntry)) {
        const cluster = stack.clusterOf(entry);
        if (asString(entry.props.type) === HYBRID_ACCESS_ENTRY && cluster && !isUnknown(cluster)) {
            const role = stack.roleByArn(entry, entry.props.principalArn, "principalArn");
            uses.push({ resource: entry, cluster, role });
        }
    }
    return uses;
}

/** The access entry type of the Hybrid Nodes IAM role (CreateAccessEntry, EKS API reference). */
const HYBRID_ACCESS_ENTRY = "HYBRID_LINUX";

/** How a finding names what runs the nodes. */
function whatRuns(resource: ResourceView): string {
    if (resource.type === TYPES.nodeGroup) {
        return `node group "${resource.name}"`;
    }
    if (resource.type === TYPES.accessEntry) {
        return `the hybrid nodes (access entry "${resource.name}", ${HYBRID_ACCESS_ENTRY})`;
    }
    return `EKS Auto Mode cluster "${resource.name}"`;
}

/**
 * Node roles of the stack (node groups' `nodeRoleArn`, EKS Auto Mode clusters'
 * `computeConfig.nodeRoleArn`, the Hybrid Nodes role of a `HYBRID_LINUX` access entry) on
 * clusters with associations that cannot call
 * `eks-auth:AssumeRoleForPodIdentity`. Reported on the node group or cluster. Roles outside
 * the stack, and anything unknown during preview, are not judged.
 */
export function nodeRoleFindings(stack: StackIndex, options: NodeRoleOptions): Finding[] {
    // By name: clusters of other names are never the same, and the rule stays linear.
    const associated = new Map<string, ClusterRef[]>();
    // Add-ons' own associations get their credentials from the agent too.
    for (const { cluster } of [...placedAssociations(stack), ...placedAddonAssociations(stack)]) {
        addTo(associated, cluster.name, cluster);
    }
    return nodeRoleUses(stack).flatMap(({ resource, cluster, role }): Finding[] => {
        const named = associated.get(cluster.name) ?? [];
        if (!named.some((other) => sameCluster(other, cluster)) || role.kind !== "found") {
            return [];
        }
        if (roleMayFetchCredentials(stack, role.value, options) !== false) {
            return [];
        }
        return [
            {
                urn: resource.urn,
                message:
                    `${whatRuns(resource)} of cluster ${describeCluster(cluster)}, which has ` +
                    `Pod Identity associations, runs nodes with role "${role.value.resource.name}", ` +
                    `which cannot call ${AGENT_ACTION}: the agent on those nodes cannot fetch ` +
                    `credentials for pods. Attach AmazonEKSWorkerNodePolicy (or ` +
                    `AmazonEKSWorkerNodeMinimalPolicy) to the role, or allow the action in one ` +
                    `of its policies.`,
            },
        ];
    });
}

/** `pod-identity-node-role-permission`: see {@link nodeRoleFindings}. */
export const nodeRolePermissionPolicy: StackValidationPolicy = {
    name: "pod-identity-node-role-permission",
    description:
        `Node roles of clusters with Pod Identity associations can call ${AGENT_ACTION} ` +
        `(AmazonEKSWorkerNodePolicy or an explicit grant), or the agent cannot fetch credentials.`,
    enforcementLevel: "mandatory",
    configSchema: configSchema(OPTIONS),
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of nodeRoleFindings(
            stack,
            readOptions<NodeRoleOptions>(args, OPTIONS),
        )) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
