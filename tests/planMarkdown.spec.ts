import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../tools/mock-engine";
import { PlanDocument } from "../tools/plan/document";
import { main } from "../tools/plan/main";
import { COMMENT_LIMIT, COMMENT_MARKER, renderMarkdown } from "../tools/plan/markdown";
import { PolicyFinding } from "../tools/plan/policies";

const VIOLATION = path.join(PACKAGE_ROOT, "tests", "fixtures", "plan", "violation");

/** Runs `npm run plan -- <argv>` in-process, from the repository root. */
async function plan(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const status = await main(argv, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    });
    return { status, stdout, stderr };
}

/** Lines of the comment outside fenced code blocks. */
function outsideFences(markdown: string): string[] {
    let fence: string | undefined;
    const lines: string[] = [];
    for (const line of markdown.split("\n")) {
        const match = /^(`{3,})/.exec(line);
        if (fence === undefined && match) {
            fence = match[1];
        } else if (fence !== undefined && line === fence) {
            fence = undefined;
        } else if (fence === undefined) {
            lines.push(line);
        }
    }
    assert.strictEqual(fence, undefined, "every code fence is closed");
    return lines;
}

/** Asserts every fence and `<details>` block is closed, and no fence is inside a table. */
function assertBalanced(markdown: string): void {
    const lines = outsideFences(markdown);
    let open = 0;
    for (const line of lines) {
        open += (line.match(/<details>/g) ?? []).length;
        open -= (line.match(/<\/details>/g) ?? []).length;
        assert.ok(open === 0 || open === 1, `details nest or close before opening: ${line}`);
    }
    assert.strictEqual(open, 0, "every <details> is closed");
}

/** The table under a heading: its rows as cells, without the header and the rule. */
function table(markdown: string, heading: string): string[][] {
    const lines = markdown.split("\n");
    const at = lines.findIndex((line) => line.startsWith(heading));
    assert.ok(at >= 0, `heading ${heading}`);
    const rows: string[][] = [];
    for (const line of lines.slice(at + 4)) {
        if (!line.startsWith("|")) break;
        rows.push(
            line
                .slice(2, -2)
                .split(/ (?<!\\)\| /)
                .map((c) => c.trim()),
        );
    }
    return rows;
}

describe("npm run plan -- --markdown (a pull-request comment)", () => {
    let sample: { status: number; stdout: string; stderr: string };
    before(async () => {
        sample = await plan(["--markdown"]);
    });

    describe("on the sample stack", () => {
        it("exits 0 and starts with the marker and the summary line", () => {
            assert.strictEqual(sample.status, 0, sample.stderr);
            const lines = sample.stdout.split("\n");
            assert.strictEqual(lines[0], COMMENT_MARKER);
            assert.strictEqual(
                lines[1],
                "## Pod Identity plan: `eks-pod-identity`, stack `example`",
            );
            assert.strictEqual(
                lines[3],
                "**Result: clean.** 19 resources to create, 0 advisory findings.",
            );
        });

        it("has the findings, resources, roles and associations, in that order", () => {
            const headings = sample.stdout.split("\n").filter((line) => line.startsWith("### "));
            assert.deepStrictEqual(headings, [
                "### Policy findings (eks-pod-identity: 0 mandatory, 0 advisory)",
                "### Resources (19 to create, 0 to update, 0 to replace)",
                "### Roles and policies (1)",
                "### Associations (2)",
            ]);
            assert.ok(!sample.stdout.includes("Truncated"));
        });

        it("lists the resources to create by type, with their counts", () => {
            const rows = table(sample.stdout, "### Resources");
            assert.deepStrictEqual(
                rows.find((r) => r[1] === "`aws:iam/role:Role`"),
                ["create", "`aws:iam/role:Role`", "1"],
            );
            const total = rows.reduce((sum, r) => sum + Number(r[2]), 0);
            assert.strictEqual(total, 19);
        });

        it("tables the associations: cluster, namespace, service account, role, target role", () => {
            assert.deepStrictEqual(table(sample.stdout, "### Associations"), [
                [
                    "`demo-euw1` (eu-west-1)",
                    "`demo`",
                    "`s3-lister`",
                    "`s3-lister`",
                    "none",
                    "association",
                ],
                [
                    "`demo-use1` (us-east-1)",
                    "`demo`",
                    "`s3-lister`",
                    "`s3-lister`",
                    "none",
                    "association",
                ],
            ]);
        });

        it("shows each role's trust policy and permissions as JSON in a collapsible block", () => {
            const at = sample.stdout.indexOf("<details><summary>Role <code>s3-lister</code>");
            assert.ok(at >= 0, "the role's details block");
            const block = sample.stdout.slice(at, sample.stdout.indexOf("</details>", at));
            const fences = [...block.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
                (m) =>
                    JSON.parse(m[1]) as { Statement: { Principal?: unknown; Action: unknown }[] },
            );
            assert.strictEqual(fences.length, 2, "trust policy and the inline policy");
            assert.deepStrictEqual(fences[0].Statement[0].Principal, {
                Service: "pods.eks.amazonaws.com",
            });
            assert.deepStrictEqual(fences[1].Statement[0].Action, ["s3:ListBucket"]);
            assert.ok(block.includes("Inline policy `s3-lister-inline`:"));
            assertBalanced(sample.stdout);
        });

        it("writes the comment with --out and reports where", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-md-"));
            try {
                const out = path.join(dir, "plan.md");
                const written = await plan(["--markdown", "--out", out]);
                assert.strictEqual(written.status, 0, written.stderr);
                assert.strictEqual(fs.readFileSync(out, "utf8"), sample.stdout);
                assert.match(written.stdout, /^plan written to .*plan\.md: 19 resources, clean\n$/);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("refuses --markdown with --json (exit 2)", async () => {
            const both = await plan(["--markdown", "--json"]);
            assert.strictEqual(both.status, 2);
            assert.match(both.stderr, /--json and --markdown: choose one output format/);
        });
    });

    it("on a mandatory violation: exit 1, the result says so and the findings table names rule and resource", async () => {
        const outcome = await plan([VIOLATION, "--markdown"]);
        assert.strictEqual(outcome.status, 1, outcome.stderr);
        assert.ok(
            outcome.stdout.includes(
                "**Result: 1 mandatory policy violation**; `pulumi up` would be blocked.",
            ),
        );
        const rows = table(outcome.stdout, "### Policy findings");
        assert.deepStrictEqual(
            rows.map((r) => r.slice(0, 3)),
            [
                [
                    "mandatory",
                    "`pod-identity-agent-addon`",
                    "`s3-lister/legacy-euw1/default/reporter` (aws:eks/podIdentityAssociation:PodIdentityAssociation)",
                ],
                [
                    "advisory",
                    "`pod-identity-system-namespace`",
                    "`s3-lister/demo-use1/default/reporter` (aws:eks/podIdentityAssociation:PodIdentityAssociation)",
                ],
                [
                    "advisory",
                    "`pod-identity-system-namespace`",
                    "`s3-lister/legacy-euw1/default/reporter` (aws:eks/podIdentityAssociation:PodIdentityAssociation)",
                ],
            ],
        );
        assert.match(
            rows[0][3],
            /^cluster legacy-euw1 \(eu-west-1\) has Pod Identity associations/,
        );
        // Findings come before everything else a reviewer might not scroll to.
        assert.ok(
            outcome.stdout.indexOf("### Policy findings") < outcome.stdout.indexOf("### Resources"),
        );
    });

    it("lists an add-on's own associations, naming the add-on (examples/addons)", async () => {
        const outcome = await plan([path.join(PACKAGE_ROOT, "examples", "addons"), "--markdown"]);
        assert.strictEqual(outcome.status, 0, outcome.stderr);
        const rows = table(outcome.stdout, "### Associations");
        assert.ok(
            rows.some(
                (r) =>
                    r[2] === "`ebs-csi-controller-sa`" &&
                    r[3] === "`ebs-csi`" &&
                    r[5] === "add-on `aws-ebs-csi-driver`",
            ),
            JSON.stringify(rows),
        );
    });

    describe("a plan larger than a GitHub comment", () => {
        // Few roles (all shown) before thousands of associations (cut), as in a fleet.
        const ROLES = 20;
        const ASSOCIATIONS = 6000;
        let doc: PlanDocument;
        let comment: string;
        before(async () => {
            const json = await plan(["--json"]);
            const base = JSON.parse(json.stdout) as PlanDocument;
            const [role] = base.review.roles;
            const [association] = base.review.associations;
            const finding = (i: number): PolicyFinding => ({
                policy: "pod-identity-system-namespace",
                message: `association ${i} | uses "default" <namespace>`,
                resource: {
                    urn: `urn:${i}`,
                    type: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    name: `a${i}`,
                },
            });
            doc = {
                ...base,
                summary: {
                    ...base.summary,
                    resources: ROLES * 4 + ASSOCIATIONS * 2,
                    findings: { mandatory: 1, advisory: 40 },
                    status: "mandatory-violations",
                },
                policies: {
                    ...base.policies,
                    findings: {
                        mandatory: [{ ...finding(0), policy: "pod-identity-agent-addon" }],
                        advisory: Array.from({ length: 40 }, (_, i) => finding(i + 1)),
                    },
                },
                review: {
                    ...base.review,
                    roles: Array.from({ length: ROLES }, (_, i) => ({
                        ...role,
                        name: `role-${i}`,
                    })),
                    associations: Array.from({ length: ASSOCIATIONS }, (_, i) => ({
                        ...association,
                        serviceAccount: `sa-${i}`,
                    })),
                },
            };
            comment = renderMarkdown(doc);
        });

        it(`stays within ${COMMENT_LIMIT} characters, with a note saying what was left out`, () => {
            assert.ok(comment.length <= COMMENT_LIMIT, `${comment.length} characters`);
            assert.ok(comment.length > COMMENT_LIMIT - 2000, "the room is used");
            const note = comment.split("\n").find((line) => line.startsWith("> **Truncated:**"));
            assert.ok(note, "the truncation note");
            const associationsShown = table(comment, "### Associations").length;
            const rolesShown = (comment.match(/<details><summary>Role /g) ?? []).length;
            assert.strictEqual(rolesShown, ROLES, "the roles come before the associations");
            assert.ok(associationsShown > 100 && associationsShown < ASSOCIATIONS);
            assert.ok(
                note.includes(`Left out: ${ASSOCIATIONS - associationsShown} associations.`),
                note,
            );
        });

        it("keeps the summary and every finding; leaves out whole rows and blocks only", () => {
            assert.ok(comment.startsWith(COMMENT_MARKER + "\n"));
            assert.ok(comment.includes("**Result: 1 mandatory policy violation**"));
            assert.strictEqual(table(comment, "### Policy findings").length, 41);
            assertBalanced(comment);
            for (const row of table(comment, "### Associations")) {
                assert.strictEqual(row.length, 6, `a whole row: ${row.join(" | ")}`);
            }
        });

        it("with less room, cuts whole <details> blocks and keeps fences balanced", () => {
            const many = 3000;
            const roles = Array.from({ length: many }, (_, i) => ({
                ...doc.review.roles[0],
                name: `role-${i}`,
            }));
            const small = renderMarkdown({ ...doc, review: { ...doc.review, roles } }, 20_000);
            assert.ok(small.length <= 20_000, `${small.length} characters`);
            const shown = (small.match(/<details><summary>Role /g) ?? []).length;
            assert.ok(shown > 0 && shown < many, `${shown} roles shown`);
            assertBalanced(small);
            assert.ok(
                small.includes(
                    `Left out: ${many - shown} roles or policies, ${ASSOCIATIONS} associations.`,
                ),
            );
            assert.ok(!small.includes("### Associations"), "no table header without rows");
            assert.ok(small.trimEnd().split("\n").at(-1)!.startsWith("> **Truncated:**"));
        });
    });
});
