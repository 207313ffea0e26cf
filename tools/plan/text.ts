/** The plan for a person: tree, what a reviewer checks, totals, policy results. */
import { PlanDocument, PlannedResource } from "./document";
import { ENFORCEMENT_LEVELS } from "./findings";
import { readableJson } from "./readableJson";
import { UNKNOWN_MARK } from "./review";
import { AGENT_ADDON_NAME } from "../../components/agent";

const KNOWN_AFTER = "(known after deploy)";

const shown = (value: string | undefined): string =>
    value === UNKNOWN_MARK || value === undefined ? KNOWN_AFTER : value;

const arnText = (arn: string) => (arn === UNKNOWN_MARK ? "ARN known after deploy" : `ARN ${arn}`);

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** A policy document (or its marker), indented under a heading. */
function block(value: unknown, indent: string): string[] {
    return typeof value === "string" ? [indent + shown(value)] : readableJson(value, indent);
}

function tree(doc: PlanDocument): string[] {
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const depth = (r: PlannedResource): number => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        return parent ? depth(parent) + 1 : 0;
    };
    const rows = doc.resources.map((r) => {
        const provider = r.provider ? byUrn.get(r.provider) : undefined;
        // `=` marks an import, as `pulumi up` does: the resource exists and is adopted.
        return {
            left: `${"  ".repeat(depth(r))}${r.importId === undefined ? "+" : "="} ${r.type}`,
            right:
                r.name +
                (provider ? `  [provider ${provider.name}]` : "") +
                (r.importId === undefined ? "" : `  [import ${r.importId}]`),
        };
    });
    const width = Math.max(...rows.map((row) => row.left.length)) + 2;
    return rows.map((row) => `  ${row.left.padEnd(width)}${row.right}`);
}

function review(doc: PlanDocument): string[] {
    const lines: string[] = [];
    const { roles, policies, associations, addons } = doc.review;
    for (const role of roles) {
        lines.push("", `Role ${role.name}  (${arnText(role.arn)})`, "  Trust policy:");
        lines.push(...block(role.trustPolicy, "    "));
        if (role.permissions.length === 0) {
            lines.push("  Permissions: none");
        }
        for (const permission of role.permissions) {
            if (permission.kind === "inline") {
                lines.push(
                    `  Inline policy ${permission.name}:`,
                    ...block(permission.document, "    "),
                );
            } else if (permission.policyName) {
                lines.push(`  Attached policy ${permission.policyName} (from this stack):`);
                lines.push(...block(permission.document, "    "));
            } else {
                lines.push(`  Attached managed policy ${shown(permission.policyArn)}`);
            }
        }
    }
    const attached = new Set(
        roles.flatMap((role) => role.permissions.map((p) => p.policyName).filter(Boolean)),
    );
    for (const policy of policies.filter((p) => !attached.has(p.name))) {
        lines.push("", `Managed policy ${policy.name}  (${arnText(policy.arn)}):`);
        lines.push(...block(policy.document, "    "));
    }
    if (associations.length > 0) {
        lines.push("", `Associations (${associations.length})`);
        for (const a of associations) {
            const role = a.roleName
                ? `role ${a.roleName}${a.roleArn === UNKNOWN_MARK ? "" : ` ${a.roleArn}`}`
                : shown(a.roleArn);
            const tags =
                typeof a.sessionTags === "boolean"
                    ? a.sessionTags
                        ? "on"
                        : "off"
                    : shown(a.sessionTags);
            lines.push(
                `  ${a.clusterName} (${a.region}) / ${a.namespace} / ${a.serviceAccount} -> ${role}` +
                    (a.addon ? `  (add-on ${a.addon})` : "") +
                    (a.importId ? `  (imported: ${a.importId})` : ""),
                `      target role: ${a.targetRoleArn ? shown(a.targetRoleArn) : "none"}; ` +
                    `session tags: ${tags}` +
                    (a.sessionPolicy === undefined ? "" : "; session policy: yes"),
            );
        }
    }
    // The agent add-ons first, under their own title; any other add-on (PodIdentityAddon, a
    // fleet's `addon`) is an EKS add-on, not an agent.
    const agents = addons.filter((addon) => addon.addonName === AGENT_ADDON_NAME);
    const others = addons.filter((addon) => addon.addonName !== AGENT_ADDON_NAME);
    for (const [title, group] of [
        ["Agent add-ons", agents],
        ["EKS add-ons", others],
    ] as const) {
        if (group.length === 0) {
            continue;
        }
        lines.push("", `${title} (${group.length})`);
        for (const addon of group) {
            const preserve =
                addon.preserve === true
                    ? "kept running on delete"
                    : addon.preserve === false
                      ? "removed on delete"
                      : shown(addon.preserve);
            lines.push(
                `  ${addon.clusterName} (${addon.region}): ${addon.addonName} ${shown(addon.version)}, ${preserve}`,
            );
        }
    }
    return lines;
}

/** Words wrapped at the line width: the first line after `first`, the others after `rest`. */
function wrap(text: string, first: string, rest: string, width = 100): string[] {
    const lines: string[] = [];
    let line = first;
    for (const word of text.split(" ")) {
        const indent = lines.length === 0 ? first : rest;
        if (line.length > indent.length && line.length + 1 + word.length > width) {
            lines.push(line);
            line = rest + word;
        } else {
            line += (line.length > indent.length ? " " : "") + word;
        }
    }
    return [...lines, line];
}

function policies(doc: PlanDocument): string[] {
    const report = doc.policies;
    if (!report.evaluated) {
        return ["", `Policies: not evaluated (${report.note ?? "no policy pack"})`];
    }
    const byLevel = new Map<string, number>();
    for (const policy of report.policies) {
        byLevel.set(policy.enforcementLevel, (byLevel.get(policy.enforcementLevel) ?? 0) + 1);
    }
    const counts = [...byLevel.entries()].map(([level, count]) => `${count} ${level}`).join(", ");
    const lines = [
        "",
        `Policies (${report.pack ?? "policy pack"}: ${report.policies.length} ` +
            `${report.policies.length === 1 ? "policy" : "policies"}, ${counts})`,
    ];
    for (const level of ENFORCEMENT_LEVELS) {
        const findings = report.findings[level];
        lines.push(
            `  ${level}: ${findings.length === 0 ? "none" : plural(findings.length, "finding")}`,
        );
        for (const finding of findings) {
            lines.push(...wrap(`- ${finding.policy}: ${finding.message}`, "    ", "      "));
            if (finding.resource) {
                lines.push(`      on ${finding.resource.type} ${finding.resource.name}`);
            }
        }
    }
    return lines;
}

/** `N to create`, and `M to import` when the plan imports any. */
export function resourceCounts(doc: PlanDocument): string {
    const imports = doc.summary.imports ?? 0;
    const created = `${doc.summary.resources - imports} to create`;
    return imports > 0 ? `${created}, ${imports} to import` : created;
}

/** Renders a plan as text. */
export function renderText(doc: PlanDocument): string {
    const fixture = doc.fixture;
    const lines = [
        `Plan of ${doc.project}, stack ${doc.stack}`,
        `Offline preview under the mock cloud: account ${fixture.accountId ?? "123456789012"}, ` +
            `default region ${fixture.region ?? "us-east-1"}.`,
        `Values AWS computes on create (ARNs, ids) show as ${KNOWN_AFTER}.`,
        "",
        `Resources (${resourceCounts(doc)})`,
        ...tree(doc),
        ...review(doc),
        "",
        "Totals by type",
    ];
    const width = Math.max(...Object.keys(doc.summary.byType).map((type) => type.length)) + 2;
    for (const [type, count] of Object.entries(doc.summary.byType)) {
        lines.push(`  ${type.padEnd(width)}${String(count).padStart(4)}`);
    }
    lines.push(`  ${"total".padEnd(width)}${String(doc.summary.resources).padStart(4)}`);
    if (doc.diagnostics.length > 0) {
        lines.push("", "Diagnostics");
        lines.push(...doc.diagnostics.map((d) => `  ${d.severity}: ${d.message}`));
    }
    lines.push(...policies(doc), "");
    const { mandatory, advisory } = doc.summary.findings;
    lines.push(
        doc.summary.status !== "clean"
            ? `Result: ${plural(mandatory, "mandatory policy violation")}; pulumi up would be blocked`
            : doc.policies.evaluated
              ? `Result: clean (${plural(advisory, "advisory finding")})`
              : "Result: the program ran without errors; policies not evaluated",
    );
    return lines.join("\n") + "\n";
}
