/**
 * The `eks-pod-identity-agent` add-on, at most once per cluster across every role of the plan:
 * EKS refuses a second add-on of the same name on a cluster, and one agent serves every role
 * there. Where the export has the add-on already, none is installed.
 */

/** Where the agent of one cluster comes from. */
export interface AgentPlacement {
    clusterName: string;
    region: string;
    /** The export's agent add-on (its URN): the plan installs none. */
    existing?: string;
    /** Otherwise the root project stack that installs it: the first role's on the cluster. */
    installedBy?: string;
}

/**
 * One placement per cluster the roles deploy to, by cluster name; `roles` in plan order, each
 * with the root project name of its stack and its clusters.
 */
export function agentPlacements(
    roles: { name: string; clusters: { clusterName: string; region: string }[] }[],
    existing: Map<string, string>,
): Map<string, AgentPlacement> {
    const placements = new Map<string, AgentPlacement>();
    for (const role of roles) {
        for (const cluster of role.clusters) {
            if (!placements.has(cluster.clusterName)) {
                const urn = existing.get(cluster.clusterName);
                placements.set(cluster.clusterName, {
                    clusterName: cluster.clusterName,
                    region: cluster.region,
                    ...(urn !== undefined ? { existing: urn } : { installedBy: role.name }),
                });
            }
        }
    }
    return placements;
}

/** True when the role's stack installs the agent on the cluster. */
export function installsAgent(
    placements: Map<string, AgentPlacement>,
    roleName: string,
    clusterName: string,
): boolean {
    return placements.get(clusterName)?.installedBy === roleName;
}
