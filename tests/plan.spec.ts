import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs, UsageError } from "../tools/plan/args";
import { PlanDocument } from "../tools/plan/document";
import { main } from "../tools/plan/main";
import { PACKAGE_ROOT } from "../tools/mock-engine";

const FIXTURES = path.join(PACKAGE_ROOT, "tests", "fixtures", "plan");

interface Outcome {
    status: number;
    stdout: string;
    stderr: string;
}

/** Runs `npm run plan -- <argv>` in-process, from the repository root. */
async function plan(argv: string[]): Promise<Outcome> {
    let stdout = "";
    let stderr = "";
    const io = {
        stdout: (text: string) => (stdout += text),
        stderr: (text: string) => (stderr += text),
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    };
    const status = await main(argv, io);
    return { status, stdout, stderr };
}

async function planJson(argv: string[] = []): Promise<PlanDocument> {
    const outcome = await plan(["--json", ...argv]);
    assert.strictEqual(outcome.status, 0, outcome.stderr);
    return JSON.parse(outcome.stdout) as PlanDocument;
}

/** The lines of a text plan, right-trimmed, without the column padding. */
const lines = (text: string) => text.split("\n").map((line) => line.replace(/\s+/g, " ").trimEnd());

describe("npm run plan", () => {
    // The sample stack's plan, as text and as JSON, shared by the specs that only read it.
    let text: Outcome;
    let json: Outcome;
    before(async () => {
        text = await plan([]);
        json = await plan(["--json"]);
    });

    describe("on the sample stack (the root project, stack example)", () => {
        it("exits 0 and prints the resource tree: components and children, type and name", () => {
            assert.strictEqual(text.status, 0, text.stderr);
            assert.strictEqual(text.stderr, "");
            const tree = lines(text.stdout);
            for (const line of [
                " + pulumi:pulumi:Stack eks-pod-identity-example",
                " + pulumi:providers:aws eu-west-1",
                " + eks-pod-identity:index:PodIdentity s3-lister",
                " + eks-pod-identity:index:PodIdentityRole s3-lister",
                " + aws:iam/role:Role s3-lister",
                " + aws:iam/rolePolicy:RolePolicy s3-lister-inline",
                " + aws:eks/addon:Addon s3-lister/demo-euw1 [provider eu-west-1]",
                " + aws:eks/podIdentityAssociation:PodIdentityAssociation s3-lister/demo-use1/demo/s3-lister [provider us-east-1]",
                " + kubernetes:core/v1:ServiceAccount s3-lister/demo-use1/demo/s3-lister [provider s3-lister/demo-use1]",
            ]) {
                assert.ok(tree.includes(line), `missing tree line: ${line}`);
            }
            // Children are indented under their parent component.
            const role = text.stdout.split("\n").find((l) => l.includes("aws:iam/role:Role"));
            const component = text.stdout
                .split("\n")
                .find((l) => l.includes("eks-pod-identity:index:PodIdentityRole"));
            assert.strictEqual(role!.indexOf("+"), component!.indexOf("+") + 2);
        });

        it("shows the trust policy, the permission policy, the associations and the add-on versions", () => {
            const out = lines(text.stdout);
            const at = out.indexOf("Role s3-lister (ARN known after deploy)");
            assert.ok(at >= 0, "role heading");
            const role = out.slice(at, at + 30).join("\n");
            assert.match(role, /"Action": \["sts:AssumeRole", "sts:TagSession"\]/);
            assert.match(role, /"aws:RequestTag\/kubernetes-namespace": \["demo"\]/);
            assert.match(role, /"Principal": \{"Service": "pods.eks.amazonaws.com"\}/);
            assert.match(role, /Inline policy s3-lister-inline:/);
            assert.match(role, /"Action": \["s3:ListBucket"\]/);
            assert.match(role, /"Resource": \["arn:aws:s3:::pod-identity-demo-bucket"\]/);
            for (const line of [
                "Associations (2)",
                " demo-euw1 (eu-west-1) / demo / s3-lister -> role s3-lister",
                " demo-use1 (us-east-1) / demo / s3-lister -> role s3-lister",
                " target role: none; session tags: on",
                // From Pulumi.example.mock.yaml: Kubernetes 1.31 and 1.33, each with its default.
                " demo-euw1 (eu-west-1): eks-pod-identity-agent v1.3.7-eksbuild.2, kept running on delete",
                " demo-use1 (us-east-1): eks-pod-identity-agent v1.3.8-eksbuild.2, kept running on delete",
            ]) {
                assert.ok(out.includes(line), `missing line: ${line}`);
            }
        });

        it("totals the resources by type", () => {
            const out = lines(text.stdout);
            const totals = out.slice(out.indexOf("Totals by type"));
            for (const line of [
                " aws:eks/addon:Addon 2",
                " aws:eks/podIdentityAssociation:PodIdentityAssociation 2",
                " aws:iam/role:Role 1",
                " pulumi:providers:aws 2",
                " kubernetes:core/v1:Namespace 2",
                " total 19",
            ]) {
                assert.ok(totals.includes(line), `missing total: ${line}`);
            }
        });
    });

    describe("--json", () => {
        it("writes one document: resources with type, name, parent, provider and inputs; invokes; policies", () => {
            assert.strictEqual(json.status, 0, json.stderr);
            const doc = JSON.parse(json.stdout) as PlanDocument;
            assert.deepStrictEqual(
                [doc.project, doc.stack, doc.mode, doc.fixture.accountId],
                ["eks-pod-identity", "example", "preview", "111122223333"],
            );
            const find = (type: string, name: string) =>
                doc.resources.find((r) => r.type === type && r.name === name)!;
            const role = find("aws:iam/role:Role", "s3-lister");
            assert.strictEqual(
                role.parent,
                find("eks-pod-identity:index:PodIdentityRole", "s3-lister").urn,
            );
            assert.strictEqual(role.provider, null);
            assert.strictEqual(
                JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal.Service,
                "pods.eks.amazonaws.com",
            );
            const association = find(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "s3-lister/demo-euw1/demo/s3-lister",
            );
            assert.strictEqual(association.provider, find("pulumi:providers:aws", "eu-west-1").urn);
            // A preview cannot know the role's ARN: it is created by the same deployment.
            assert.deepStrictEqual(association.inputs, {
                clusterName: "demo-euw1",
                namespace: "demo",
                roleArn: "[unknown]",
                serviceAccount: "s3-lister",
            });
            assert.deepStrictEqual(doc.review.associations[0], {
                name: "s3-lister/demo-euw1/demo/s3-lister",
                clusterName: "demo-euw1",
                region: "eu-west-1",
                namespace: "demo",
                serviceAccount: "s3-lister",
                roleArn: "[unknown]",
                roleName: "s3-lister",
                sessionTags: true,
            });
            assert.deepStrictEqual(
                doc.invokes
                    .filter((i) => i.token === "aws:eks/getCluster:getCluster")
                    .map((i) => i.inputs),
                [{ name: "demo-euw1" }, { name: "demo-use1" }],
            );
            assert.strictEqual(doc.summary.resources, doc.resources.length);
            assert.strictEqual(doc.summary.byType["aws:eks/addon:Addon"], 2);
            assert.ok("findings" in doc.policies);
        });

        it("keeps secrets masked: the clusters' kubeconfigs never appear", () => {
            const doc = JSON.parse(json.stdout) as PlanDocument;
            const kubernetes = doc.resources.filter(
                (r) => r.type === "pulumi:providers:kubernetes",
            );
            assert.strictEqual(kubernetes.length, 2);
            for (const provider of kubernetes) {
                assert.strictEqual(provider.inputs.kubeconfig, "[secret]");
            }
            assert.doesNotMatch(json.stdout, /certificate-authority-data|aws eks get-token/);
            assert.doesNotMatch(text.stdout, /certificate-authority-data|aws eks get-token/);
        });

        it("is byte-identical from run to run", async () => {
            assert.strictEqual((await plan(["--json"])).stdout, json.stdout);
        });
    });

    describe("permissions", () => {
        it("shows a role's attached policies: a policy of the stack with its document, a managed one by ARN", async () => {
            const doc = await planJson([path.join(FIXTURES, "presets")]);
            const [role] = doc.review.roles;
            assert.deepStrictEqual(
                role.permissions.map((p) => [p.kind, p.policyName ?? p.policyArn]),
                [
                    ["attachment", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
                    ["attachment", "reports-preset-s3List"],
                ],
            );
            const preset = role.permissions[1].document as {
                Statement: { Action: string[]; Resource: string[] }[];
            };
            assert.deepStrictEqual(preset.Statement[0].Action, ["s3:ListBucket"]);
            assert.deepStrictEqual(preset.Statement[0].Resource, ["arn:aws:s3:::acme-reports"]);
            assert.deepStrictEqual(
                doc.review.policies.map((p) => [p.name, p.arn]),
                [["reports-preset-s3List", "[unknown]"]],
            );
        });
    });

    describe("exit status and policy results", () => {
        const violation = path.join(FIXTURES, "violation");

        it("runs the policy pack: the sample stack passes all of it", () => {
            const doc = JSON.parse(json.stdout) as PlanDocument;
            assert.deepStrictEqual(
                [doc.policies.evaluated, doc.policies.pack, doc.policies.policies.length],
                [true, "eks-pod-identity", 16],
            );
            assert.deepStrictEqual(doc.summary.findings, { mandatory: 0, advisory: 0 });
            const out = lines(text.stdout);
            assert.deepStrictEqual(out.slice(out.length - 6), [
                "Policies (eks-pod-identity: 16 policies, 13 mandatory, 3 advisory)",
                " mandatory: none",
                " advisory: none",
                "",
                "Result: clean (0 advisory findings)",
                "",
            ]);
        });

        it("exits 1 and lists the findings by enforcement level when a mandatory policy is violated", async () => {
            const outcome = await plan([violation]);
            assert.strictEqual(outcome.status, 1, outcome.stderr);
            const out = lines(outcome.stdout);
            const at = out.indexOf(" mandatory: 1 finding");
            assert.ok(at > 0, outcome.stdout);
            assert.match(
                out[at + 1],
                /^ - pod-identity-agent-addon: cluster legacy-euw1 \(eu-west-1\) has Pod Identity associations/,
            );
            const advisory = out.indexOf(" advisory: 2 findings");
            assert.ok(advisory > at, "advisory findings follow the mandatory ones");
            assert.ok(
                out.includes(
                    " on aws:eks/podIdentityAssociation:PodIdentityAssociation s3-lister/demo-use1/default/reporter",
                ),
            );
            assert.strictEqual(
                out[out.length - 2],
                "Result: 1 mandatory policy violation; pulumi up would be blocked",
            );
            // The plan still shows what is missing: no add-on for legacy-euw1.
            assert.ok(out.includes("Agent add-ons (1)"));

            const asJson = await plan([violation, "--json"]);
            assert.strictEqual(asJson.status, 1);
            const doc = JSON.parse(asJson.stdout) as PlanDocument;
            assert.strictEqual(doc.summary.status, "mandatory-violations");
            assert.deepStrictEqual(doc.summary.findings, { mandatory: 1, advisory: 2 });
            assert.deepStrictEqual(
                doc.policies.findings.mandatory.map((f) => [f.policy, f.resource?.type]),
                [
                    [
                        "pod-identity-agent-addon",
                        "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    ],
                ],
            );
        });

        it("exits 0 with advisory findings only, here once --policy-config declares the agent", async () => {
            const outcome = await plan([
                violation,
                "--policy-config",
                path.join(violation, "policy-config.json"),
            ]);
            assert.strictEqual(outcome.status, 0, outcome.stderr);
            assert.match(outcome.stdout, /\n {2}mandatory: none\n {2}advisory: 2 findings\n/);
            assert.match(outcome.stdout, /Result: clean \(2 advisory findings\)\n$/);
        });

        it("exits 2 on a policy configuration that names no rule of the pack", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
            try {
                const file = path.join(dir, "config.json");
                fs.writeFileSync(file, JSON.stringify({ "pod-identity-agent": "advisory" }));
                const outcome = await plan(["--policy-config", file]);
                assert.strictEqual(outcome.status, 2);
                assert.match(
                    outcome.stderr,
                    /^plan: error: --policy-config .*config\.json: no rule named pod-identity-agent; the rules are all, pod-identity-trust-actions,/,
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("exits 2 on a configuration error, naming every bad key on stderr, without a stack trace", async () => {
            const outcome = await plan([path.join(FIXTURES, "bad-config")]);
            assert.strictEqual(outcome.status, 2);
            assert.strictEqual(outcome.stdout, "");
            assert.strictEqual(
                outcome.stderr,
                "plan: error: 4 configuration problems:\n" +
                    "  - eks-pod-identity:clusterName is not a known key (known: name, role, roleArn, " +
                    "serviceAccounts, clusters, association, retainNamespacesOnDelete, allowUnannouncedPartition, verify)\n" +
                    "  - eks-pod-identity:role.statements[0].Action must be a list of strings, got an object\n" +
                    "  - eks-pod-identity:clusters.prod.clusterName must be a string, got a number (quote it in YAML)\n" +
                    "  - eks-pod-identity:clusters.staging.region is missing: must be an AWS region such as us-east-1\n",
            );
        });

        it("prints the stack trace with --verbose", async () => {
            const outcome = await plan([path.join(FIXTURES, "bad-config"), "--verbose"]);
            assert.strictEqual(outcome.status, 2);
            assert.match(outcome.stderr, /^plan: error: ConfigError: 4 configuration problems/);
            assert.match(outcome.stderr, /\n {4}at .*program[/\\]config\.ts/);
        });

        describe("a program error (a Kubernetes 1.23 cluster)", () => {
            const k123 = ["--fixture", path.join(FIXTURES, "kubernetes-1.23.yaml")];
            const refusal =
                "clusters.demo-use1: Kubernetes 1.23 cannot run EKS Pod Identity, which needs 1.24 or later";

            it("prints its message once: no SDK wrappers, no stack trace", async () => {
                const outcome = await plan(k123);
                assert.strictEqual(outcome.status, 2);
                assert.strictEqual(outcome.stdout, "");
                const printed = outcome.stderr.split("\n").filter(Boolean);
                assert.strictEqual(printed.length, 1, outcome.stderr);
                assert.ok(printed[0].startsWith(`plan: error: ${refusal}`), outcome.stderr);
                assert.doesNotMatch(outcome.stderr, /error serializing|Error serializing|\n\s+at /);
            });

            it("with --verbose, once, with a stack trace in TypeScript positions", async () => {
                const outcome = await plan([...k123, "--verbose"]);
                assert.strictEqual(outcome.status, 2);
                assert.strictEqual(outcome.stderr.split("plan: error:").length, 2, outcome.stderr);
                assert.ok(outcome.stderr.includes(`: ${refusal}`), outcome.stderr);
                // The throwing frame points at the `throw` in the TypeScript source, which only a
                // source-mapped trace does (transpiled JavaScript has other line numbers).
                const frame = /\n\s+at .*?([\w/\\.-]+\.ts):(\d+):\d+/.exec(outcome.stderr);
                assert.ok(frame, outcome.stderr);
                const line = fs.readFileSync(frame[1], "utf8").split("\n")[Number(frame[2]) - 1];
                assert.match(line, /throw /, `${frame[1]}:${frame[2]} is "${line}"`);
            });
        });

        it("prints each phase's time with --verbose", async () => {
            const outcome = await plan(["--verbose", "--json"]);
            assert.strictEqual(outcome.status, 0, outcome.stderr);
            assert.match(
                outcome.stderr,
                /^plan: \d+ resources in \d+ ms \(evaluate \d+ ms, policies \d+ ms, review \d+ ms, render \d+ ms\)\n$/,
            );
        });

        it("exits 2 on a wrong command line or project directory", async () => {
            const unknown = await plan(["--jsn"]);
            assert.strictEqual(unknown.status, 2);
            assert.match(unknown.stderr, /^plan: unknown option --jsn\n\nUsage: npm run plan/);
            const missing = await plan(["no-such-dir"]);
            assert.strictEqual(missing.status, 2);
            assert.match(
                missing.stderr,
                /no-such-dir is not a Pulumi project: no Pulumi.yaml there/,
            );
            const stack = await plan(["--stack", "prod"]);
            assert.strictEqual(stack.status, 2);
            assert.match(stack.stderr, /stack prod: no Pulumi.prod.yaml in /);
            const help = await plan(["--help"]);
            assert.deepStrictEqual(
                [help.status, help.stdout.split("\n")[0]],
                [0, "Usage: npm run plan [-- [<project dir>] [options]]"],
            );
        });
    });

    describe("fixtures", () => {
        it("--fixture lays a file over the stack's fixture", async () => {
            const doc = await planJson(["--fixture", path.join(FIXTURES, "other-account.yaml")]);
            assert.strictEqual(doc.fixture.accountId, "444455556666");
            assert.deepStrictEqual(
                doc.review.addons.map((a) => [a.clusterName, a.version]),
                [
                    ["demo-euw1", "v1.3.8-eksbuild.2"],
                    ["demo-use1", "v1.3.8-eksbuild.2"],
                ],
            );
        });

        it("an EKS Auto Mode cluster gets the agent add-on, so the plan is clean with no policy configuration", async () => {
            const outcome = await plan(["--fixture", path.join(FIXTURES, "auto-mode.yaml")]);
            assert.strictEqual(outcome.status, 0, outcome.stdout + outcome.stderr);
            const out = lines(outcome.stdout);
            assert.ok(
                out.includes(
                    " demo-use1 (us-east-1): eks-pod-identity-agent v1.3.8-eksbuild.2, kept running on delete",
                ),
                outcome.stdout,
            );
            assert.match(outcome.stdout, /\n {2}mandatory: none\n/);
            assert.doesNotMatch(outcome.stdout, /Diagnostics/);
        });

        it("refuses YAML numbers where the fixture needs text, naming the file and key", async () => {
            const outcome = await plan(["--fixture", path.join(FIXTURES, "bad-fixture.yaml")]);
            assert.strictEqual(outcome.status, 2);
            assert.strictEqual(
                outcome.stderr,
                "plan: error: the mock cloud's fixture is wrong:\n" +
                    "  - Pulumi.example.mock.yaml + bad-fixture.yaml: accountId must be a string, got a number (quote it in YAML)\n" +
                    "  - Pulumi.example.mock.yaml + bad-fixture.yaml: clusters.demo-euw1.version must be a string, got a number (quote it in YAML)\n",
            );
        });
    });

    describe("--out", () => {
        it("writes the plan to a file and says so on stdout", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
            try {
                const file = path.join(dir, "plan.json");
                const outcome = await plan(["--json", "--out", file]);
                assert.strictEqual(outcome.status, 0);
                assert.strictEqual(
                    outcome.stdout,
                    `plan written to ${file}: 19 resources, clean\n`,
                );
                assert.strictEqual(
                    (JSON.parse(fs.readFileSync(file, "utf8")) as PlanDocument).summary.resources,
                    19,
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    describe("on the examples", () => {
        const associations = async (dir: string) => {
            const doc = await planJson([dir]);
            return doc.review.associations.map(
                (a) =>
                    `${a.clusterName}/${a.namespace}/${a.serviceAccount} -> ${a.roleName ?? a.roleArn}`,
            );
        };

        it("examples/fleet: nine associations of two roles over three clusters", async () => {
            const found = await associations("examples/fleet");
            assert.strictEqual(found.length, 9);
            assert.ok(found.includes("prod-euw1/billing/consumer -> billing"));
            assert.ok(found.includes("staging-use1/reports/generator -> reports"));
        });

        it("examples/s3-demo: the demo on one cluster (its sample stack names it)", async () => {
            assert.deepStrictEqual(await associations("examples/s3-demo"), [
                "demo-cluster/demo/s3-lister -> s3-demo",
            ]);
        });

        it("examples/cross-account: the association chains into the data account's role", async () => {
            assert.deepStrictEqual(await associations("examples/cross-account"), [
                "apps-prod/reports/reader -> reports-reader",
            ]);
        });

        it("refuses a Pulumi YAML project with a clear error (exit 2)", async () => {
            const outcome = await plan(["examples/yaml"]);
            assert.strictEqual(outcome.status, 2);
            assert.match(outcome.stderr, /is a Pulumi yaml program; the mock engine runs Node\.js/);
        });

        it("examples/multi-stack: the role stack has no association; the cluster stack uses the role stack's ARN", async () => {
            assert.deepStrictEqual(await associations("examples/multi-stack/role-stack"), []);
            assert.deepStrictEqual(await associations("examples/multi-stack/cluster-stack"), [
                "prod-use1/logging/fluent-bit -> arn:aws:iam::123456789012:role/log-shipper-5e8a9c1",
            ]);
        });
    });

    describe("the command line", () => {
        it("takes a project directory and options in any order, paths from where npm was started", () => {
            const args = parseArgs(
                [
                    "--stack=prod",
                    "fleet",
                    "--json",
                    "--out",
                    "plan.json",
                    "--fixture",
                    "f.yaml",
                    "--policy-config=../policy.json",
                ],
                "/work/examples",
                "/work",
            );
            assert.deepStrictEqual(args, {
                projectDir: "/work/examples/fleet",
                stack: "prod",
                json: true,
                markdown: false,
                out: "/work/examples/plan.json",
                fixture: "/work/examples/f.yaml",
                policyConfig: "/work/policy.json",
                verbose: false,
                help: false,
            });
            assert.strictEqual(parseArgs([], "/elsewhere", "/work").projectDir, "/work");
        });

        it("refuses a flag without its value, a value on a switch, and two directories", () => {
            assert.throws(
                () => parseArgs(["--stack"], "/", "/"),
                new UsageError("--stack needs a value"),
            );
            assert.throws(
                () => parseArgs(["--out", "--json"], "/", "/"),
                new UsageError("--out needs a value"),
            );
            assert.throws(
                () => parseArgs(["--json=yes"], "/", "/"),
                new UsageError("--json takes no value"),
            );
            assert.throws(
                () => parseArgs(["a", "b"], "/", "/"),
                new UsageError("one project directory at most (got a and b)"),
            );
        });

        it("runs as `npm run plan -- --json` from a checkout", () => {
            const npm = process.platform === "win32" ? "npm.cmd" : "npm";
            const child = spawnSync(npm, ["run", "plan", "--", "--json"], {
                cwd: PACKAGE_ROOT,
                encoding: "utf8",
            });
            assert.strictEqual(child.status, 0, child.stderr);
            // npm prints its own banner first; the document starts at the first "{" line.
            const json = child.stdout.slice(child.stdout.indexOf("\n{") + 1);
            const doc = JSON.parse(json) as PlanDocument;
            assert.deepStrictEqual([doc.stack, doc.summary.status], ["example", "clean"]);
        });
    });
});
