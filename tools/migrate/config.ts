/**
 * What to deploy for each IRSA role: the root project's stack configuration (the
 * `eks-pod-identity:*` keys program/config.ts reads). The service accounts and their
 * namespaces exist already, so they are adopted (`createNamespace: false`,
 * `createServiceAccount: false`).
 */
import { AgentPlacement, installsAgent } from "./agents";
import { Data, yamlLines } from "./format";
import { MigrationMode, RolePlan } from "./plan";

/** The configuration namespace of the root project (Pulumi.yaml `name`). */
export const CONFIG_NAMESPACE = "eks-pod-identity";

/** A resource name prefix the root project accepts (`name`: lower-case letters, digits, -). */
export function componentName(roleName: string, taken: Set<string>): string {
    const base =
        roleName
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, "-")
            .replace(/-+/g, "-")
            .replace(/^-+|-+$/g, "")
            .slice(0, 56) || "migrated";
    let name = base;
    for (let n = 2; taken.has(name); n++) {
        name = `${base}-${n}`;
    }
    taken.add(name);
    return name;
}

interface ServiceAccountEntry {
    [key: string]: Data;
    namespace: string;
    name: string;
    createNamespace: boolean;
    createServiceAccount: boolean;
}

/** One cluster of a role's deployment, with its service accounts. */
export interface DeployedCluster {
    clusterName: string;
    region: string;
    serviceAccounts: ServiceAccountEntry[];
}

/** The role's clusters that can be deployed: named, in a known region, with something to bind. */
export function deployedClusters(role: RolePlan): DeployedCluster[] {
    const clusters = new Map<string, DeployedCluster>();
    for (const migration of role.migrations) {
        if (migration.region === undefined) {
            continue;
        }
        const cluster = clusters.get(migration.clusterName) ?? {
            clusterName: migration.clusterName,
            region: migration.region,
            serviceAccounts: [],
        };
        cluster.serviceAccounts.push({
            namespace: migration.namespace,
            name: migration.serviceAccount,
            createNamespace: false,
            createServiceAccount: false,
        });
        clusters.set(migration.clusterName, cluster);
    }
    return [...clusters.values()].sort((a, b) => a.clusterName.localeCompare(b.clusterName));
}

/**
 * PodIdentityRole arguments of a new role (`--new-roles`): everything the IRSA role had
 * (managed policies, inline statements, permissions boundary, tags, session length, path),
 * and its IRSA trust for the window.
 */
export function roleArgs(role: RolePlan): { [key: string]: Data } {
    const { settings } = role;
    return {
        description: `Pod Identity role migrated from IRSA role ${role.roleName}`,
        path: settings.path !== "/" ? settings.path : undefined,
        maxSessionDuration: settings.maxSessionDuration,
        permissionsBoundary: settings.permissionsBoundary,
        tags: settings.tags,
        managedPolicyArns: role.managedPolicyArns.length > 0 ? role.managedPolicyArns : undefined,
        statements: role.inlineStatements.length > 0 ? role.inlineStatements : undefined,
        irsaTrust: role.irsaTrust.length > 0 ? role.irsaTrust : undefined,
    } as { [key: string]: Data };
}

/** True when every cluster binds the same service accounts (then listed once for all). */
function sameEverywhere(clusters: DeployedCluster[]): boolean {
    const lists = clusters.map((c) => JSON.stringify(c.serviceAccounts));
    return lists.every((list) => list === lists[0]);
}

/**
 * The root project's configuration for one role (one stack per role), keyed
 * `eks-pod-identity:<key>`; undefined when no cluster of the role can be deployed. Kept, the
 * role is `roleArn`; with `--new-roles`, `role` creates one. The agent is installed by one
 * stack per cluster (`agent: false` in the others, and where the export has it already).
 */
export function rootConfig(
    role: RolePlan,
    name: string,
    mode: MigrationMode,
    agents: Map<string, AgentPlacement>,
): { [key: string]: Data } | undefined {
    const clusters = deployedClusters(role);
    if (clusters.length === 0) {
        return undefined;
    }
    const shared = sameEverywhere(clusters);
    const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;
    return {
        [key("name")]: name,
        ...(mode === "keep-role"
            ? { [key("roleArn")]: role.roleArn }
            : { [key("role")]: roleArgs(role) }),
        ...(shared ? { [key("serviceAccounts")]: clusters[0].serviceAccounts } : {}),
        [key("clusters")]: Object.fromEntries(
            clusters.map((c) => [
                c.clusterName,
                {
                    clusterName: c.clusterName,
                    region: c.region,
                    agent: installsAgent(agents, name, c.clusterName) ? undefined : false,
                    ...(shared ? {} : { serviceAccounts: c.serviceAccounts }),
                },
            ]),
        ),
    };
}

/** The configuration as the `config:` block of a `Pulumi.<stack>.yaml` file. */
export function configYaml(config: { [key: string]: Data }): string {
    return ["config:", ...yamlLines(config, 4)].join("\n") + "\n";
}
