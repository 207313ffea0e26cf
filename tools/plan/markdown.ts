/**
 * The plan as a pull-request comment (GitHub-flavoured Markdown): the result, the policy
 * findings, the resources by type, the associations, and each role's policies in collapsible
 * `<details>` blocks. It always fits in one comment: GitHub refuses a comment body longer than
 * 65,536 characters ("Body is too long (maximum is 65536 characters)", REST API "Create an issue
 * comment"), so a larger plan loses whole rows and blocks from the end, with a note saying what.
 */
import { PlanDocument } from "./document";
import { ENFORCEMENT_LEVELS } from "./findings";
import { PermissionReview, UNKNOWN_MARK } from "./review";

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** The first line of every plan comment: a workflow finds its previous comment by it. */
export const COMMENT_MARKER = "<!-- eks-pod-identity-plan -->";

const KNOWN_AFTER = "(known after deploy)";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

const shown = (value: string | undefined): string =>
    value === UNKNOWN_MARK || value === undefined ? KNOWN_AFTER : value;

/** Text inside a table cell: no line breaks, no column separators, no HTML. */
const cell = (value: string): string =>
    value
        .replace(/\r?\n/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\|/g, "\\|");

/** An inline code span that holds any text (CommonMark: a longer backtick run around it). */
function code(value: string): string {
    const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
    const ticks = "`".repeat(longest + 1);
    const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
    return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** A fenced JSON block whose fence no backtick run inside the document can close. */
function jsonFence(value: unknown): string {
    const body = typeof value === "string" ? shown(value) : JSON.stringify(value, null, 2);
    const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(Math.max(3, longest + 1));
    return `${fence}json\n${body}\n${fence}`;
}

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

/**
 * One part of the comment: a heading (with a table's header) and its items (table rows or
 * `<details>` blocks). Truncation drops whole items, never part of one.
 */
interface Section {
    /** What omitted items are called in the note: one, several. */
    noun: [string, string];
    head: string;
    items: string[];
    /** Joins items: a table's rows are one line each, blocks need a blank line between. */
    separator: "\n" | "\n\n";
}

function summaryLine(doc: PlanDocument): string {
    const { mandatory, advisory } = doc.summary.findings;
    const imports = doc.summary.imports ?? 0;
    const resources =
        `${plural(doc.summary.resources - imports, "resource")} to create` +
        (imports > 0 ? `, ${imports} to import` : "");
    if (doc.summary.status !== "clean") {
        return (
            `**Result: ${plural(mandatory, "mandatory policy violation")}**; ` +
            `\`pulumi up\` would be blocked. ${resources}, ${plural(advisory, "advisory finding")}.`
        );
    }
    return doc.policies.evaluated
        ? `**Result: clean.** ${resources}, ${plural(advisory, "advisory finding")}.`
        : `**Result: the program ran without errors; policies not evaluated** ` +
              `(${doc.policies.note ?? "no policy pack"}). ${resources}.`;
}

function findings(doc: PlanDocument): Section {
    const report = doc.policies;
    const items = ENFORCEMENT_LEVELS.flatMap((level) =>
        report.findings[level].map((finding) =>
            row([
                level,
                code(finding.policy),
                finding.resource
                    ? `${code(finding.resource.name)} (${cell(finding.resource.type)})`
                    : "(stack)",
                cell(finding.message),
            ]),
        ),
    );
    const counts = ENFORCEMENT_LEVELS.map(
        (level) => `${report.findings[level].length} ${level}`,
    ).join(", ");
    const title = report.evaluated
        ? `### Policy findings (${report.pack ?? "policy pack"}: ${counts})`
        : `### Policy findings: not evaluated (${cell(report.note ?? "no policy pack")})`;
    const head =
        items.length === 0
            ? `${title}\n\nNone.`
            : `${title}\n\n${row(["Level", "Rule", "Resource", "Message"])}\n|---|---|---|---|`;
    return { noun: ["finding", "findings"], head, items, separator: "\n" };
}

function resources(doc: PlanDocument): Section {
    // An offline preview starts from an empty stack: every resource is created or imported,
    // none updated.
    const imported = new Map<string, number>();
    for (const r of doc.resources.filter((r) => r.importId !== undefined)) {
        imported.set(r.type, (imported.get(r.type) ?? 0) + 1);
    }
    const items = Object.entries(doc.summary.byType).flatMap(([type, count]) => {
        const imports = imported.get(type) ?? 0;
        return [
            ...(count > imports ? [row(["create", code(type), String(count - imports)])] : []),
            ...(imports > 0 ? [row(["import", code(type), String(imports)])] : []),
        ];
    });
    const importing = doc.summary.imports ? `, ${doc.summary.imports} to import` : "";
    const head =
        `### Resources (${doc.summary.resources - (doc.summary.imports ?? 0)} to create${importing}, 0 to update, 0 to replace)\n\n` +
        `${row(["Action", "Type", "Count"])}\n|---|---|--:|`;
    return { noun: ["resource type", "resource types"], head, items, separator: "\n" };
}

function associations(doc: PlanDocument): Section {
    const list = doc.review.associations;
    const items = list.map((a) => {
        const role = a.roleName ? code(a.roleName) : cell(shown(a.roleArn));
        const target = a.targetRoleArn ? cell(shown(a.targetRoleArn)) : "none";
        return row([
            `${code(a.clusterName)} (${cell(a.region)})`,
            code(a.namespace),
            code(a.serviceAccount),
            role,
            target,
            a.addon
                ? `add-on ${code(a.addon)}`
                : a.importId
                  ? `imported (${code(a.importId)})`
                  : "association",
        ]);
    });
    const head =
        list.length === 0
            ? "### Associations\n\nNone."
            : `### Associations (${list.length})\n\n` +
              `${row(["Cluster", "Namespace", "Service account", "Role", "Target role", "Created by"])}\n` +
              "|---|---|---|---|---|---|";
    return { noun: ["association", "associations"], head, items, separator: "\n" };
}

function permission(p: PermissionReview): string {
    if (p.kind === "inline") {
        return `Inline policy ${code(p.name)}:\n\n${jsonFence(p.document)}`;
    }
    if (p.policyName) {
        return `Attached policy ${code(p.policyName)} (from this stack):\n\n${jsonFence(p.document)}`;
    }
    return `Attached managed policy ${code(shown(p.policyArn))}`;
}

const details = (summary: string, parts: string[]) =>
    `<details><summary>${summary}</summary>\n\n${parts.join("\n\n")}\n\n</details>`;

function roles(doc: PlanDocument): Section {
    const { roles: list, policies } = doc.review;
    const items = list.map((role) =>
        details(
            `Role <code>${cell(role.name)}</code>: trust policy and ` +
                plural(role.permissions.length, "permission"),
            [
                `ARN: ${code(shown(role.arn))}`,
                `Trust policy:\n\n${jsonFence(role.trustPolicy)}`,
                ...(role.permissions.length === 0
                    ? ["Permissions: none"]
                    : role.permissions.map(permission)),
            ],
        ),
    );
    const attached = new Set(
        list.flatMap((role) => role.permissions.map((p) => p.policyName).filter(Boolean)),
    );
    for (const policy of policies.filter((p) => !attached.has(p.name))) {
        items.push(
            details(`Managed policy <code>${cell(policy.name)}</code>`, [
                `ARN: ${code(shown(policy.arn))}`,
                jsonFence(policy.document),
            ]),
        );
    }
    const head =
        items.length === 0
            ? "### Roles and policies\n\nNone."
            : `### Roles and policies (${items.length})`;
    return { noun: ["role or policy", "roles or policies"], head, items, separator: "\n\n" };
}

/** The note that ends a truncated comment. */
function truncationNote(omitted: Map<[string, string], number>): string {
    const what = [...omitted.entries()].map(
        ([[one, several], count]) => `${count} ${count === 1 ? one : several}`,
    );
    return (
        `> **Truncated:** this plan is larger than a GitHub comment (${COMMENT_LIMIT.toLocaleString("en-US")} ` +
        `characters). Left out: ${what.join(", ")}. Run the plan locally (or keep its output as ` +
        "a workflow artifact) for all of it."
    );
}

// Room kept for the note: it names at most one count per section.
const NOTE_RESERVE = 400;

/** Renders a plan as a pull-request comment of at most `limit` characters. */
export function renderMarkdown(doc: PlanDocument, limit: number = COMMENT_LIMIT): string {
    const header = [
        COMMENT_MARKER,
        `## Pod Identity plan: ${code(doc.project)}, stack ${code(doc.stack)}`,
        "",
        summaryLine(doc),
        "",
        `<sub>Offline preview under the mock cloud (account ${doc.fixture.accountId ?? "123456789012"}, ` +
            `region ${doc.fixture.region ?? "us-east-1"}); values AWS computes on create show as ` +
            `${KNOWN_AFTER}.</sub>`,
    ].join("\n");
    // Summary and findings first: what blocks a merge is never the part cut off.
    const sections = [findings(doc), resources(doc), roles(doc), associations(doc)];
    const budget = limit - NOTE_RESERVE;
    const parts = [header];
    let length = header.length;
    const omitted = new Map<[string, string], number>();
    for (const section of sections) {
        // Everything after the first item that does not fit is left out, so what is shown
        // is a prefix of the comment in its order.
        const full = omitted.size > 0;
        if (full || length + 2 + section.head.length > budget) {
            if (section.items.length > 0) omitted.set(section.noun, section.items.length);
            continue;
        }
        length += 2 + section.head.length;
        const kept = [section.head];
        for (const item of section.items) {
            if (length + section.separator.length + item.length > budget) break;
            length += section.separator.length + item.length;
            kept.push(item);
        }
        if (kept.length - 1 < section.items.length) {
            omitted.set(section.noun, section.items.length - (kept.length - 1));
        }
        // A table's rows follow its header line; blocks stand a blank line apart.
        parts.push(kept.join(section.separator));
    }
    if (omitted.size > 0) {
        parts.push(truncationNote(omitted));
    }
    return parts.join("\n\n") + "\n";
}
