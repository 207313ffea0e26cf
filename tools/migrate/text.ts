/** The plan as text for a person. */
import { configYaml } from "./config";
import { ExternalRoleDocument, MigrationDocument } from "./document";
import { withPodIdentityTrust } from "../../iam/podIdentityTrustStatement";
import { accountLine, Printed, referenceLines, restartLines, roleSection } from "./textRole";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** AWS's statement, as one line of JSON, for a role whose trust this export does not hold. */
function statementLine(): string {
    const statements = withPodIdentityTrust({ Statement: [] }).Statement as object[];
    return JSON.stringify(statements[0]);
}

function externalSection(role: ExternalRoleDocument, printed: Printed): string[] {
    const lines = [
        `  ${role.roleName} (${role.roleArn})`,
        "    used by (cluster, namespace/service account or add-on):",
        ...role.serviceAccounts.map((sa) => `  ${accountLine(sa)}`),
        ...role.addons.map(
            (a) => `      ${a.clusterName}  add-on ${a.addonName} (${a.serviceAccount})  ${a.urn}`,
        ),
        `    in the stack that owns it: assumeRolePolicy: withPodIdentityTrust(<its trust policy>), then \`pulumi up\` there;`,
        `    outside Pulumi: add this statement to its trust policy (aws iam get-role --role-name ` +
            `${role.roleName}, then aws iam update-assume-role-policy):`,
        `      ${statementLine()}`,
        ...(role.serviceAccounts.length > 0
            ? [
                  `    then migrate it from that stack's export, or create its associations with this ARN:`,
                  ...role.serviceAccounts.map(
                      (sa) =>
                          `      ${sa.clusterName ?? "(cluster not named by its provider)"}  ${sa.namespace}/${sa.name}`,
                  ),
              ]
            : [
                  `    then move the add-ons above from serviceAccountRoleArn to podIdentityAssociations with this ARN.`,
              ]),
    ];
    lines.push(...referenceLines(role.references, true).map((line) => `  ${line}`));
    const restarts = role.serviceAccounts.flatMap((sa) => restartLines(sa, printed));
    if (restarts.length > 0) {
        lines.push(
            "    workloads to restart, once its annotations go:",
            ...restarts.map((l) => `  ${l}`),
        );
    }
    return lines;
}

function agentLines(doc: MigrationDocument): string[] {
    if (doc.agents.length === 0) {
        return [];
    }
    return [
        "The eks-pod-identity-agent add-on, once per cluster:",
        ...doc.agents.map((a) =>
            a.existing !== undefined
                ? `  ${a.clusterName}  in the export already (${a.existing}): not installed`
                : `  ${a.clusterName}  installed by the program below (in the root project: stack ${a.installedBy})`,
        ),
        "",
    ];
}

/** The plan as text: summary, roles, steps, configuration and TypeScript. */
export function renderText(doc: MigrationDocument): string {
    const { summary } = doc;
    const printed: Printed = new Set();
    const out = [
        `Migration from IRSA to EKS Pod Identity, read from ${doc.source}`,
        `${plural(summary.irsaRoles, "IRSA role")}, ${plural(summary.migrations, "association")} ` +
            `to create on ${plural(summary.clusters, "cluster")}, ` +
            `${plural(summary.addons, "add-on")} to move, ` +
            `${plural(summary.flagged, "item")} for a person.`,
        doc.mode === "keep-role"
            ? "Each role is kept: same ARN, unique id and permissions; its trust gains the Pod Identity statement."
            : "--new-roles: each IRSA role is replaced by a new Pod Identity role (add-ons keep theirs).",
        "",
    ];
    for (const role of doc.roles) {
        out.push(...roleSection(doc, role, printed), "");
    }
    const external = new Set(doc.externalRoles.map((r) => r.roleArn));
    if (doc.externalRoles.length > 0) {
        out.push(
            "Roles defined in another stack or outside Pulumi (no aws:iam/role:Role of this export owns them):",
        );
        for (const role of doc.externalRoles) {
            out.push(...externalSection(role, printed));
        }
        out.push("");
    }
    const notIrsa = doc.otherAnnotated.filter((sa) => !external.has(sa.roleArn));
    if (notIrsa.length > 0) {
        out.push("Annotated service accounts whose role is in the export but has no IRSA trust:");
        out.push(...notIrsa.map((sa) => `${accountLine(sa)}  -> ${sa.roleArn}`), "");
    }
    if (doc.ignoredRoles.length > 0) {
        out.push(`Not IRSA roles, left alone: ${doc.ignoredRoles.join(", ")}`, "");
    }
    for (const note of doc.notes) {
        out.push(`Note: ${note}`, "");
    }
    if (doc.roles.length === 0 && doc.externalRoles.length === 0) {
        out.push("Nothing to migrate: no role of this export trusts an EKS OIDC provider.");
        return out.join("\n") + "\n";
    }
    out.push(...agentLines(doc));
    out.push("Steps, in order:", ...doc.steps.map((step, i) => `  ${i + 1}. ${step}`), "");
    for (const role of doc.roles) {
        if (role.stackConfig) {
            out.push(
                `Root project configuration for ${role.roleName} (one stack per role, Pulumi.<stack>.yaml):`,
                configYaml(role.stackConfig),
            );
        }
    }
    if (doc.snippet) {
        out.push("The same in TypeScript, one program for every role:", "", doc.snippet);
    }
    return out.join("\n");
}
