/** The plan as text for a person. */
import { configYaml } from "./config";
import { MigrationDocument, RoleDocument } from "./document";
import { AnnotatedServiceAccount } from "./inventory";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function accountLine(sa: AnnotatedServiceAccount): string {
    const cluster = sa.clusterName ?? "(cluster not named by its provider)";
    return `    ${cluster}  ${sa.namespace}/${sa.name}  ${sa.urn}`;
}

function restartLines(sa: AnnotatedServiceAccount): string[] {
    const context = sa.clusterName ? ` --context <${sa.clusterName}>` : "";
    return sa.workloads.map(
        (w) => `    kubectl${context} -n ${sa.namespace} rollout restart ${w.kind}/${w.name}`,
    );
}

function roleSection(role: RoleDocument): string[] {
    const lines = [`Role ${role.roleName} (${role.roleArn})`];
    const named = role.clusters.map((c) => c.clusterName ?? `unknown cluster of ${c.issuer}`);
    lines.push(
        role.fleet
            ? `  trusted by ${role.clusters.length} clusters (${named.join(", ")}): one Pod Identity role for the fleet`
            : `  trusted by ${named[0]}`,
    );
    lines.push("  associations to create (cluster, namespace/service account):");
    if (role.migrations.length === 0) {
        lines.push("    none yet: see below");
    }
    for (const m of role.migrations) {
        const how = m.source === "wildcard" ? "  (from a wildcard)" : "";
        lines.push(`    ${m.clusterName}  ${m.namespace}/${m.serviceAccount}${how}`);
    }
    if (role.annotationsToRemove.length > 0) {
        lines.push("  annotations to remove (eks.amazonaws.com/role-arn):");
        lines.push(...role.annotationsToRemove.map(accountLine));
        const restarts = role.annotationsToRemove.flatMap(restartLines);
        if (restarts.length > 0) {
            lines.push("  workloads to restart:", ...restarts);
        }
    }
    if (role.flagged.length > 0) {
        lines.push("  for a person to decide:", ...role.flagged.map((f) => `    - ${f}`));
    }
    return lines;
}

/** The plan as text: summary, roles, steps, configuration and TypeScript. */
export function renderText(doc: MigrationDocument): string {
    const { summary } = doc;
    const out = [
        `Migration from IRSA to EKS Pod Identity, read from ${doc.source}`,
        `${plural(summary.irsaRoles, "IRSA role")}, ${plural(summary.migrations, "association")} ` +
            `to create on ${plural(summary.clusters, "cluster")}, ` +
            `${plural(summary.flagged, "item")} for a person.`,
        "",
    ];
    for (const role of doc.roles) {
        out.push(...roleSection(role), "");
    }
    if (doc.otherAnnotated.length > 0) {
        out.push("Annotated service accounts whose role is not an IRSA role of this export:");
        for (const sa of doc.otherAnnotated) {
            out.push(`${accountLine(sa)}  -> ${sa.roleArn}`);
        }
        out.push("  migrate them from the stack that owns their role.", "");
    }
    if (doc.ignoredRoles.length > 0) {
        out.push(`Not IRSA roles, left alone: ${doc.ignoredRoles.join(", ")}`, "");
    }
    for (const note of doc.notes) {
        out.push(`Note: ${note}`, "");
    }
    if (doc.roles.length === 0) {
        out.push("Nothing to migrate: no role of this export trusts an EKS OIDC provider.");
        return out.join("\n") + "\n";
    }
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
        out.push("The same in TypeScript:", "", doc.snippet);
    }
    return out.join("\n");
}
