/**
 * What to deploy for each IRSA role: the root project's stack configuration (the
 * `eks-pod-identity:*` keys program/config.ts reads) and the same as a TypeScript program.
 * The service accounts and their namespaces exist already, so they are adopted
 * (`createNamespace: false`, `createServiceAccount: false`).
 */
import { Code, Data, tsLiteral, yamlLines } from "./format";
import { RolePlan } from "./plan";

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

/** PodIdentityRole arguments: permissions carried over, and the IRSA trust for the window. */
function roleArgs(role: RolePlan): { [key: string]: Data } {
    return {
        description: `Pod Identity role migrated from IRSA role ${role.roleName}`,
        path: role.path !== "/" ? role.path : undefined,
        managedPolicyArns: role.managedPolicyArns.length > 0 ? role.managedPolicyArns : undefined,
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
 * `eks-pod-identity:<key>`; undefined when no cluster of the role can be deployed.
 */
export function rootConfig(role: RolePlan, name: string): { [key: string]: Data } | undefined {
    const clusters = deployedClusters(role);
    if (clusters.length === 0) {
        return undefined;
    }
    const shared = sameEverywhere(clusters);
    const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;
    return {
        [key("name")]: name,
        [key("role")]: roleArgs(role),
        ...(shared ? { [key("serviceAccounts")]: clusters[0].serviceAccounts } : {}),
        [key("clusters")]: Object.fromEntries(
            clusters.map((c) => [
                c.clusterName,
                {
                    clusterName: c.clusterName,
                    region: c.region,
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

/**
 * A TypeScript program doing what the configurations do: one PodIdentity per role, each
 * cluster on an AWS provider for its region. It imports the package as a stack would.
 */
export function typescriptSnippet(roles: { role: RolePlan; name: string }[]): string | undefined {
    const deployable = roles
        .map(({ role, name }) => ({ role, name, clusters: deployedClusters(role) }))
        .filter((each) => each.clusters.length > 0);
    if (deployable.length === 0) {
        return undefined;
    }
    const regions = [...new Set(deployable.flatMap((d) => d.clusters.map((c) => c.region)))].sort();
    const providers = Object.fromEntries(
        regions.map((region) => [
            region,
            new Code(
                `new aws.Provider(${JSON.stringify(region)}, { region: ${JSON.stringify(region)} })`,
            ),
        ]),
    );
    const blocks = deployable.map(({ role, name, clusters }) => {
        const fleet =
            clusters.length > 1
                ? `trusted by ${clusters.length} clusters: one Pod Identity role for the fleet`
                : `trusted by cluster ${clusters[0].clusterName}`;
        const args = {
            role: roleArgs(role),
            clusters: Object.fromEntries(
                clusters.map((c) => [
                    c.clusterName,
                    {
                        clusterName: c.clusterName,
                        awsProvider: new Code(`providers[${JSON.stringify(c.region)}]`),
                        serviceAccounts: c.serviceAccounts,
                    },
                ]),
            ),
        };
        return (
            `// IRSA role ${role.roleName} (${role.roleArn}), ${fleet}.\n` +
            `new PodIdentity(${JSON.stringify(name)}, ${tsLiteral(args)});\n`
        );
    });
    return (
        `import * as aws from "@pulumi/aws";\n` +
        `import { PodIdentity } from "eks-pod-identity";\n\n` +
        `// One AWS provider per cluster region; the roles use the stack's default provider.\n` +
        `const providers = ${tsLiteral(providers)};\n\n` +
        blocks.join("\n")
    );
}
