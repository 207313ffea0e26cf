/**
 * The plan as one TypeScript program, runnable as printed: the `eks-pod-identity-agent` add-on
 * at most once per cluster (none where the export has one), then one PodIdentity per role,
 * each cluster on an AWS provider for its region. Kept, a role is `roleArn` and the program
 * creates no role; with `--new-roles`, PodIdentity creates one carrying everything the IRSA
 * role had. It imports the package as a stack would.
 *
 * The add-ons are not in it: they live in the user's own stack, and a second `aws.eks.Addon`
 * of the same name on a cluster is refused by EKS. Their change closes the program as a
 * comment, by URN, for the stack that owns each.
 */
import { AgentPlacement } from "./agents";
import { AddonMove } from "./addons";
import { deployedClusters, roleArgs } from "./config";
import { Code, tsLiteral } from "./format";
import { MigrationMode, RolePlan } from "./plan";

/** The name of the agent component the program installs on a cluster. */
export const agentName = (clusterName: string) => `pod-identity-agent-${clusterName}`;

const quoted = (value: string) => JSON.stringify(value);

function agentsBlock(agents: AgentPlacement[]): string {
    const installed = agents.filter((a) => a.existing === undefined);
    const existing = agents.filter((a) => a.existing !== undefined);
    const lines = [
        "// The eks-pod-identity-agent add-on, once per cluster, shared by every role below.",
        ...existing.map(
            (a) => `// ${a.clusterName} runs it already (${a.existing}): agent: false there.`,
        ),
    ];
    if (installed.length === 0) {
        return lines.join("\n") + "\n";
    }
    const entries = Object.fromEntries(
        installed.map((a) => [
            a.clusterName,
            new Code(
                `new PodIdentityAgent(\n` +
                    `        ${quoted(agentName(a.clusterName))},\n` +
                    `        { clusterName: ${quoted(a.clusterName)} },\n` +
                    `        { provider: providers[${quoted(a.region)}] },\n` +
                    `    )`,
            ),
        ]),
    );
    return `${lines.join("\n")}\nconst agents = ${tsLiteral(entries)};\n`;
}

function roleBlock(
    role: RolePlan,
    name: string,
    mode: MigrationMode,
    agents: Map<string, AgentPlacement>,
): string {
    const clusters = deployedClusters(role);
    const fleet =
        clusters.length > 1
            ? `trusted by ${clusters.length} clusters: one Pod Identity role for the fleet`
            : `trusted by cluster ${clusters[0].clusterName}`;
    const args = {
        ...(mode === "keep-role" ? { roleArn: role.roleArn } : { role: roleArgs(role) }),
        clusters: Object.fromEntries(
            clusters.map((c) => [
                c.clusterName,
                {
                    clusterName: c.clusterName,
                    awsProvider: new Code(`providers[${quoted(c.region)}]`),
                    agent:
                        agents.get(c.clusterName)?.existing === undefined
                            ? new Code(`agents[${quoted(c.clusterName)}]`)
                            : false,
                    serviceAccounts: c.serviceAccounts,
                },
            ]),
        ),
    };
    const what =
        mode === "keep-role"
            ? "kept: its trust gains the Pod Identity statement, its ARN and permissions stay"
            : "replaced by a new role carrying its permissions and settings";
    return (
        `// IRSA role ${role.roleName} (${role.roleArn}), ${fleet}; ${what}.\n` +
        `new PodIdentity(${quoted(name)}, ${tsLiteral(args)});\n`
    );
}

/**
 * The change to one add-on (its moves share the URN: one entry per service account, e.g.
 * ADOT's), as comment lines: it belongs to the stack that owns the add-on.
 */
export function addonChange(moves: AddonMove[]): string[] {
    const [addon] = moves;
    return [
        `// ${addon.urn}`,
        `// new aws.eks.Addon(${quoted(addon.name)}, {`,
        `//     clusterName: ${quoted(addon.clusterName)},`,
        `//     addonName: ${quoted(addon.addonName)},`,
        `//     // ...its other arguments, unchanged; serviceAccountRoleArn removed:`,
        `//     podIdentityAssociations: [`,
        ...moves.flatMap((move) => [
            `//         {`,
            `//             roleArn: ${quoted(move.roleArn)},`,
            `//             serviceAccount: ${quoted(move.serviceAccount)},`,
            `//         },`,
        ]),
        `//     ],`,
        `// });`,
    ];
}

/** The add-on moves grouped by the add-on they change, in plan order. */
export function byAddon(addons: AddonMove[]): AddonMove[][] {
    const urns = [...new Set(addons.map((a) => a.urn))];
    return urns.map((urn) => addons.filter((a) => a.urn === urn));
}

function addonsBlock(addons: AddonMove[]): string {
    if (addons.length === 0) {
        return "";
    }
    return [
        "",
        "// Add-ons move in the stack that owns them, not here: on each aws.eks.Addon, set",
        "// podIdentityAssociations on the same role and remove serviceAccountRoleArn, in one change.",
        ...byAddon(addons).flatMap(addonChange),
        "",
    ].join("\n");
}

/** The program for every deployable role; undefined when nothing can be deployed yet. */
export function typescriptSnippet(
    roles: { role: RolePlan; name: string }[],
    mode: MigrationMode,
    agents: Map<string, AgentPlacement>,
    addons: AddonMove[],
): string | undefined {
    const deployable = roles.filter(({ role }) => deployedClusters(role).length > 0);
    if (deployable.length === 0) {
        return undefined;
    }
    const placements = [...agents.values()].sort((a, b) =>
        a.clusterName.localeCompare(b.clusterName),
    );
    const regions = [...new Set(placements.map((a) => a.region))].sort();
    const providers = Object.fromEntries(
        regions.map((region) => [
            region,
            new Code(`new aws.Provider(${quoted(region)}, { region: ${quoted(region)} })`),
        ]),
    );
    const imports = placements.some((a) => a.existing === undefined)
        ? "PodIdentity, PodIdentityAgent"
        : "PodIdentity";
    return (
        `import * as aws from "@pulumi/aws";\n` +
        `import { ${imports} } from "eks-pod-identity";\n\n` +
        `// One AWS provider per cluster region` +
        (mode === "keep-role" ? ".\n" : "; the roles use the stack's default provider.\n") +
        `const providers = ${tsLiteral(providers)};\n\n` +
        `${agentsBlock(placements)}\n` +
        deployable.map(({ role, name }) => roleBlock(role, name, mode, agents)).join("\n") +
        addonsBlock(addons)
    );
}
