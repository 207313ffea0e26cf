/** One role's part of the plan as text, and the lines shared with other sections. */
import { MigrationDocument, RoleDocument } from "./document";
import { AnnotatedServiceAccount } from "./inventory";
import { Reference } from "./references";

/** Commands printed so far, so that none is printed twice. */
export type Printed = Set<string>;

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/** The `--context` of a service account's cluster, or a placeholder saying which it is. */
function contextArgument(sa: AnnotatedServiceAccount): string {
    if (sa.context !== undefined) {
        return SHELL_SAFE.test(sa.context) ? sa.context : `'${sa.context.replace(/'/g, "'\\''")}'`;
    }
    return sa.clusterName !== undefined
        ? `<context of cluster ${sa.clusterName}>`
        : `<context of the cluster of Kubernetes provider ${sa.kubernetesProvider ?? "default"}>`;
}

/** The line of an annotated service account: cluster, namespace/name, URN. */
export function accountLine(sa: AnnotatedServiceAccount): string {
    const cluster = sa.clusterName ?? "(cluster not named by its provider)";
    return `    ${cluster}  ${sa.namespace}/${sa.name}  ${sa.urn}`;
}

/** What to do with each workload of the service account; a line already printed is skipped. */
export function restartLines(sa: AnnotatedServiceAccount, printed: Printed): string[] {
    const lines = sa.workloads.map((w) => {
        const where = `${sa.namespace}/${w.name}`;
        if (w.kind === "CronJob") {
            return `    # CronJob ${where}: its next run starts on Pod Identity; nothing to restart.`;
        }
        if (w.kind === "Job") {
            return (
                `    # Job ${where}: a running Job keeps IRSA until it ends; let it finish ` +
                `before the OIDC trust goes, or run it again.`
            );
        }
        return (
            `    kubectl --context ${contextArgument(sa)} -n ${sa.namespace} rollout restart ` +
            `${w.kind.toLowerCase()}/${w.name}`
        );
    });
    return lines.filter((line) => !printed.has(line) && printed.add(line));
}

/** The lines of a role's references, with what they mean in this mode. */
export function referenceLines(references: Reference[], kept: boolean): string[] {
    if (references.length === 0) {
        return [];
    }
    const heading = kept
        ? `  named by ${references.length} resource(s) of the export, which keep working (the role is kept):`
        : `  named by ${references.length} resource(s) of the export: must be updated before the switch, to name the new role as well:`;
    return [
        heading,
        ...references.map(
            (r) =>
                `    ${r.type}  ${r.urn}  (${r.property}` +
                (r.pattern !== undefined ? `, by the pattern ${r.pattern}` : "") +
                ")",
        ),
    ];
}

function trustLines(doc: MigrationDocument, role: RoleDocument): string[] {
    const update = doc.trustUpdates.find((u) => u.roleArn === role.roleArn);
    if (!update) {
        return [];
    }
    // One statement a line: the existing ones as they are, then the Pod Identity statement.
    const { Statement, ...rest } = update.trustPolicy;
    const head = JSON.stringify({ ...rest, Statement: [] }).replace(/\[\]\}$/, "[");
    const statements = (Array.isArray(Statement) ? Statement : [Statement]) as unknown[];
    return [
        `  trust: in the stack that owns ${update.urn}:`,
        `    assumeRolePolicy: withPodIdentityTrust(<its trust policy today>),  // import { withPodIdentityTrust } from "eks-pod-identity"`,
        `  the new trust policy (its statements unchanged, then the Pod Identity statement):`,
        `    ${head}`,
        ...statements.map(
            (statement, i) =>
                `      ${JSON.stringify(statement)}${i < statements.length - 1 ? "," : ""}`,
        ),
        `    ]}`,
    ];
}

function newRoleLines(doc: MigrationDocument, role: RoleDocument): string[] {
    return doc.mode === "new-roles" && role.migrations.length > 0
        ? [
              `  a new role carries its managed policies (${role.managedPolicyArns.length}), the ` +
                  `statements of its inline policies (${role.inlinePolicies.join(", ") || "none"}), ` +
                  `and its permissions boundary, tags, session length and path: see its configuration`,
          ]
        : [];
}

/** One role's section. */
export function roleSection(
    doc: MigrationDocument,
    role: RoleDocument,
    printed: Printed,
): string[] {
    const kept = doc.mode === "keep-role" || role.migrations.length === 0;
    const lines = [`Role ${role.roleName} (${role.roleArn}), ${kept ? "kept" : "replaced"}`];
    const named = role.clusters.map((c) => c.clusterName ?? `unknown cluster of ${c.issuer}`);
    lines.push(
        role.fleet
            ? `  trusted by ${role.clusters.length} clusters (${named.join(", ")}): one Pod Identity role for the fleet`
            : `  trusted by ${named[0]}`,
    );
    const addons = doc.addons.filter((a) => a.roleArn === role.roleArn);
    if (role.migrations.length > 0 || addons.length === 0) {
        lines.push(
            `  associations to create${kept ? ", with this role" : ""} (cluster, namespace/service account):`,
        );
    }
    if (role.migrations.length === 0 && addons.length === 0) {
        lines.push("    none yet: see below");
    }
    for (const m of role.migrations) {
        const how = m.source === "wildcard" ? "  (from a wildcard)" : "";
        lines.push(`    ${m.clusterName}  ${m.namespace}/${m.serviceAccount}${how}`);
    }
    if (addons.length > 0) {
        lines.push(
            "  add-ons that move to their own association, on this role (cluster, add-on, service account):",
        );
        lines.push(
            ...addons.map(
                (a) => `    ${a.clusterName}  ${a.addonName}  ${a.serviceAccount}  ${a.urn}`,
            ),
        );
    }
    lines.push(...newRoleLines(doc, role), ...trustLines(doc, role));
    lines.push(
        ...referenceLines(
            doc.references.filter((r) => r.roleArn === role.roleArn),
            kept,
        ),
    );
    if (role.annotationsToRemove.length > 0) {
        lines.push("  annotations to remove (eks.amazonaws.com/role-arn):");
        lines.push(...role.annotationsToRemove.map(accountLine));
        const restarts = role.annotationsToRemove.flatMap((sa) => restartLines(sa, printed));
        if (restarts.length > 0) {
            lines.push("  workloads to restart:", ...restarts);
        }
    }
    if (role.flagged.length > 0) {
        lines.push("  for a person to decide:", ...role.flagged.map((f) => `    - ${f}`));
    }
    return lines;
}
