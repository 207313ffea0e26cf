/**
 * `verify` and `adopt` through the root project's configuration, and in `npm run plan`:
 * imports shown as imports (`=`, the import id, "to import"), verification Jobs in the tree.
 */
import * as assert from "assert";
import * as path from "path";
import { ConfigError, parseRootConfig } from "../program/config";
import { PlanDocument } from "../tools/plan/document";
import { main } from "../tools/plan/main";
import { renderMarkdown } from "../tools/plan/markdown";
import { PACKAGE_ROOT } from "../tools/mock-engine";

const NS = "eks-pod-identity";
const FIXTURE = path.join(PACKAGE_ROOT, "tests", "fixtures", "plan", "adopt");

function raw(values: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
        Object.entries(values).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
}

function problemsOf(values: Record<string, unknown>): string[] {
    try {
        parseRootConfig(raw(values), NS);
    } catch (error) {
        assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
        return error.problems;
    }
    assert.fail("expected the configuration to be refused");
}

const BASE = {
    roleArn: "arn:aws:iam::123456789012:role/app",
    clusters: { prod: { clusterName: "prod", region: "us-east-1" } },
};

async function plan(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const status = await main(argv, {
        stdout: (text: string) => (stdout += text),
        stderr: (text: string) => (stderr += text),
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    });
    return { status, stdout, stderr };
}

describe("verify and adopt in the root project's configuration", () => {
    it("reads verify (stack-wide and per service account) and adopt", () => {
        const config = parseRootConfig(
            raw({
                ...BASE,
                verify: { backoffLimit: 2, tolerations: [{ operator: "Exists" }] },
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        verify: { enabled: false },
                        adopt: { associationId: "a-yrpsdroc4ei7k6xps", namespace: true },
                    },
                ],
            }),
            NS,
        );
        assert.deepStrictEqual(config.verify, {
            backoffLimit: 2,
            tolerations: [{ operator: "Exists" }],
        });
        assert.deepStrictEqual(config.serviceAccounts?.[0].adopt, {
            associationId: "a-yrpsdroc4ei7k6xps",
            namespace: true,
        });
    });

    it("reports shapes by configuration key, and what the components refuse by configuration key", () => {
        assert.deepStrictEqual(
            problemsOf({
                ...BASE,
                verify: { backoffLimit: "4", image: 1, colour: "red", tolerations: {} },
                serviceAccounts: [
                    { namespace: "demo", name: "api", adopt: { associationId: 7, owned: true } },
                ],
            }),
            [
                `${NS}:serviceAccounts[0].adopt.owned is not a known key (known: associationId, associationIds, serviceAccount, namespace)`,
                `${NS}:serviceAccounts[0].adopt.associationId must be a string, got a number (quote it in YAML)`,
                `${NS}:verify.colour is not a known key (known: enabled, callerIdentity, image, imagePullSecrets, nodeSelector, tolerations, backoffLimit, activeDeadlineSeconds, timeoutSeconds, ttlSecondsAfterFinished)`,
                `${NS}:verify.image must be a string, got a number (quote it in YAML)`,
                `${NS}:verify.tolerations must be a list of { key, operator, value, effect } tolerations`,
                `${NS}:verify.backoffLimit must be a whole number, got a string`,
            ],
        );
        assert.deepStrictEqual(
            problemsOf({
                ...BASE,
                verify: { callerIdentity: true },
                serviceAccounts: [
                    { namespace: "demo", name: "api", adopt: { associationId: "prod,a-1" } },
                ],
            }),
            [
                `${NS}:verify.callerIdentity: the default image has curl but no AWS CLI, which \`aws sts get-caller-identity\` needs: set image to one with /bin/sh, curl and the AWS CLI v2, or drop callerIdentity.`,
                `${NS}:serviceAccounts[0].adopt.associationId: "prod,a-1" is not an EKS Pod Identity association id such as "a-yrpsdroc4ei7k6xps" (list them with aws eks list-pod-identity-associations). Give the id alone: the cluster name is added from clusterName.`,
            ],
        );
    });
});

describe("npm run plan shows imports as imports and the verification Jobs", () => {
    let doc: PlanDocument;
    let text: string;
    before(async () => {
        const json = await plan(["--json", FIXTURE]);
        assert.strictEqual(json.status, 0, json.stderr);
        doc = JSON.parse(json.stdout) as PlanDocument;
        const printed = await plan([FIXTURE]);
        assert.strictEqual(printed.status, 0, printed.stderr);
        text = printed.stdout;
    });

    it("records the import id of each adopted resource, and counts them apart", () => {
        const imported = doc.resources
            .filter((r) => r.importId !== undefined)
            .map((r) => [r.type, r.name, r.importId]);
        assert.deepStrictEqual(imported, [
            [
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "reports/prod/reports/generator",
                "prod,a-yrpsdroc4ei7k6xps",
            ],
            [
                "kubernetes:core/v1:ServiceAccount",
                "reports/prod/reports/generator",
                "reports/generator",
            ],
            // A shared list's service account is adopted on every cluster that binds it.
            [
                "kubernetes:core/v1:ServiceAccount",
                "reports/staging/reports/generator",
                "reports/generator",
            ],
        ]);
        assert.strictEqual(doc.summary.imports, 3);
        const adopted = doc.review.associations.find(
            (a) => a.clusterName === "prod" && a.serviceAccount === "generator",
        );
        assert.strictEqual(adopted?.importId, "prod,a-yrpsdroc4ei7k6xps");
    });

    it("prints `=` and the import id for imports, `+` for the rest, and the totals apart", () => {
        const lines = text.split("\n").map((line) => line.replace(/\s+/g, " ").trim());
        assert.ok(
            lines.includes(
                "= aws:eks/podIdentityAssociation:PodIdentityAssociation reports/prod/reports/generator [provider us-east-1] [import prod,a-yrpsdroc4ei7k6xps]",
            ),
            text,
        );
        assert.ok(
            lines.includes(
                "= kubernetes:core/v1:ServiceAccount reports/prod/reports/generator [provider reports/prod] [import reports/generator]",
            ),
            text,
        );
        assert.ok(
            lines.includes(
                "+ aws:eks/podIdentityAssociation:PodIdentityAssociation reports/staging/reports/generator [provider us-east-1]",
            ),
            text,
        );
        assert.ok(
            lines.includes(`Resources (${doc.summary.resources - 3} to create, 3 to import)`),
            text,
        );
        assert.ok(
            lines.some((line) =>
                line.startsWith(
                    "prod (us-east-1) / reports / generator -> arn:aws:iam::123456789012:role/reports (imported: prod,a-yrpsdroc4ei7k6xps)",
                ),
            ),
            text,
        );
    });

    it("shows one verification Job per verified service account, none for the one turned off", () => {
        const jobs = doc.resources
            .filter((r) => r.type === "kubernetes:batch/v1:Job")
            .map((r) => r.name);
        assert.deepStrictEqual(jobs, [
            "reports/prod/reports/generator-verify",
            "reports/staging/reports/generator-verify",
        ]);
    });

    it("counts imports apart in the Markdown summary too", () => {
        const markdown = renderMarkdown(doc);
        assert.match(
            markdown,
            /### Resources \(\d+ to create, 3 to import, 0 to update, 0 to replace\)/,
        );
        assert.match(
            markdown,
            /\| import \| `aws:eks\/podIdentityAssociation:PodIdentityAssociation` \| 1 \|/,
        );
        assert.match(markdown, /imported \(`prod,a-yrpsdroc4ei7k6xps`\)/);
    });
});
