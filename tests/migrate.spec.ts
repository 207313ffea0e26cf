import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { MigrateIO, MigrationDocument, runMigrate } from "../tools/migrate";
import { PACKAGE_ROOT } from "../tools/mock-engine";

const FIXTURES = path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate");
const FLEET = path.join(FIXTURES, "fleet.json");
const ACCOUNT = "111122223333";
const USE1 = "oidc.eks.us-east-1.amazonaws.com/id/5C8A0E1F7B3D4A6E9F20B1C3D5E7F901";
const EUW1 = "oidc.eks.eu-west-1.amazonaws.com/id/A17E3B9C2D4F60815E2C7A9B3D1F0E46";

interface Outcome {
    status: number;
    stdout: string;
    stderr: string;
    written: Map<string, string>;
}

/** Runs the command in-process; `files` stand in for the file system (else the real one). */
function migrate(argv: string[], files?: Record<string, string>): Outcome {
    let stdout = "";
    let stderr = "";
    const written = new Map<string, string>();
    const io: MigrateIO = {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        readFile: (file) => {
            if (files && file in files) {
                return files[file];
            }
            return fs.readFileSync(path.resolve(PACKAGE_ROOT, file), "utf8");
        },
        writeFile: (file, text) => written.set(file, text),
    };
    const status = runMigrate(argv, io);
    return { status, stdout, stderr, written };
}

/** The fleet fixture as JSON, for variations of it. */
interface ExportedResource {
    urn: string;
    type: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}
type Exported = { deployment: { resources: ExportedResource[] } };
const fleet = (): Exported => JSON.parse(fs.readFileSync(FLEET, "utf8")) as Exported;

function plan(argv: string[] = [], exported?: Exported): MigrationDocument {
    const files = exported ? { "stack.json": JSON.stringify(exported) } : undefined;
    const outcome = migrate([exported ? "stack.json" : FLEET, "--json", ...argv], files);
    assert.strictEqual(outcome.stderr, "");
    assert.strictEqual(outcome.status, 0);
    return JSON.parse(outcome.stdout) as MigrationDocument;
}

const rows = (doc: MigrationDocument) =>
    doc.migrations.map((m) => `${m.roleName} ${m.clusterName} ${m.namespace}/${m.serviceAccount}`);

describe("npm run migrate: IRSA to Pod Identity, read from a stack export", () => {
    it("exits 0 with one association per role, cluster and service account", () => {
        const doc = plan();
        assert.deepStrictEqual(rows(doc), [
            "payments-api prod-use1 payments/api",
            "payments-api prod-euw1 payments/api",
            "jobs-runner prod-use1 jobs/nightly-export",
            "jobs-runner prod-use1 jobs/report-builder",
            "external-dns prod-euw1 kube-system/external-dns",
        ]);
        assert.deepStrictEqual(doc.migrations[4], {
            clusterName: "prod-euw1",
            namespace: "kube-system",
            serviceAccount: "external-dns",
            roleArn: `arn:aws:iam::${ACCOUNT}:role/controllers/external-dns`,
            roleName: "external-dns",
            region: "eu-west-1",
            oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${EUW1}`,
            source: "subject",
            annotated: true,
        });
    });

    it("makes a role trusted by two clusters one Pod Identity role for the fleet", () => {
        const role = plan().roles.find((r) => r.roleName === "payments-api")!;
        assert.strictEqual(role.fleet, true);
        assert.deepStrictEqual(
            role.clusters.map((c) => [c.clusterName, c.region, c.issuer]),
            [
                ["prod-use1", "us-east-1", USE1],
                ["prod-euw1", "eu-west-1", EUW1],
            ],
        );
        // One role, one stack: both clusters in the same configuration.
        assert.deepStrictEqual(Object.keys(role.stackConfig!["eks-pod-identity:clusters"]), [
            "prod-euw1",
            "prod-use1",
        ]);
        assert.strictEqual(plan().roles.find((r) => r.roleName === "jobs-runner")!.fleet, false);
    });

    it("expands a wildcard subject to the annotated service accounts, and says so", () => {
        const role = plan().roles.find((r) => r.roleName === "jobs-runner")!;
        assert.deepStrictEqual(
            role.migrations.map((m) => [m.serviceAccount, m.source]),
            [
                ["nightly-export", "wildcard"],
                ["report-builder", "wildcard"],
            ],
        );
        assert.ok(
            role.flagged.some((f) =>
                f.includes(
                    "trusts the pattern system:serviceaccount:jobs:*: associations need exact names; " +
                        "expanded to the annotated jobs/report-builder, jobs/nightly-export",
                ),
            ),
            role.flagged.join("\n"),
        );
    });

    it("flags a wildcard no annotated service account matches, and plans nothing for it", () => {
        const exported = fleet();
        exported.deployment.resources = exported.deployment.resources.filter(
            (r) => !/ServiceAccount::(report-builder|nightly-export)-use1$/.test(r.urn),
        );
        const role = plan([], exported).roles.find((r) => r.roleName === "jobs-runner")!;
        assert.deepStrictEqual(role.migrations, []);
        assert.deepStrictEqual(role.irsaTrust, []);
        assert.strictEqual(role.stackConfig, null);
        assert.ok(
            role.flagged.some((f) =>
                f.includes(
                    "no annotated service account of the export matches it: decide which to bind",
                ),
            ),
        );
    });

    it("ignores roles that are not IRSA roles: CI web identity, nodes, the cluster role, chaining", () => {
        const doc = plan();
        assert.deepStrictEqual(doc.ignoredRoles, [
            "eks-cluster",
            "github-deployer",
            "ledger-writer",
            "prod-nodes",
        ]);
        assert.deepStrictEqual(
            doc.roles.map((r) => r.roleName),
            ["payments-api", "jobs-runner", "external-dns", "ebs-csi"],
        );
    });

    it("reads a trust policy given as an object as well as a JSON string", () => {
        const exported = fleet();
        for (const resource of exported.deployment.resources) {
            if (resource.type === "aws:iam/role:Role") {
                for (const props of [resource.inputs, resource.outputs]) {
                    props.assumeRolePolicy = JSON.parse(props.assumeRolePolicy as string);
                }
            }
        }
        assert.deepStrictEqual(rows(plan([], exported)), rows(plan()));
    });

    it("lists the annotations to remove, and annotated accounts of roles it cannot see", () => {
        const doc = plan();
        const payments = doc.roles.find((r) => r.roleName === "payments-api")!;
        assert.deepStrictEqual(
            payments.annotationsToRemove.map((sa) => [
                sa.clusterName ?? "?",
                `${sa.namespace}/${sa.name}`,
                sa.workloads.map((w) => `${w.kind}/${w.name}`),
            ]),
            [
                // The use1 kubeconfig was exported with --show-secrets; the euw1 one is encrypted.
                ["prod-use1", "payments/api", ["Deployment/api"]],
                ["?", "payments/api", ["Deployment/api"]],
            ],
        );
        assert.deepStrictEqual(
            doc.otherAnnotated.map((sa) => [sa.namespace, sa.name, sa.roleArn]),
            [["monitoring", "grafana", `arn:aws:iam::${ACCOUNT}:role/grafana-cloudwatch`]],
        );
        assert.match(doc.notes[0], /^2 value\(s\) of the export are encrypted/);
    });

    it("names a cluster the export lacks from --cluster, and flags it without", () => {
        const exported = fleet();
        exported.deployment.resources = exported.deployment.resources.filter(
            (r) => r.type !== "aws:eks/cluster:Cluster" || r.outputs.name !== "prod-euw1",
        );
        const without = plan([], exported);
        assert.ok(!rows(without).some((row) => row.includes("prod-euw1")));
        const dns = without.roles.find((r) => r.roleName === "external-dns")!;
        assert.deepStrictEqual(dns.flagged, [
            `no EKS cluster of the export has the issuer ${EUW1}: pass --cluster ${EUW1}=<cluster-name> ` +
                `to plan its 1 association(s).`,
        ]);
        const mapped = plan(["--cluster", `https://${EUW1}=prod-euw1`], exported);
        assert.deepStrictEqual(rows(mapped), rows(plan()));
        assert.strictEqual(mapped.migrations[1].region, "eu-west-1");
    });

    it("prints the steps in order, and the configuration the root project accepts", () => {
        const outcome = migrate([FLEET]);
        assert.strictEqual(outcome.status, 0);
        const text = outcome.stdout;
        const order = [
            "1. Add the Pod Identity statement to the trust of each role listed",
            "2. Deploy the eks-pod-identity-agent add-on (once per cluster; none where the export has it) and the associations",
            "3. Move each add-on listed in the stack that owns it",
            "4. Remove the eks.amazonaws.com/role-arn annotation",
            "5. Restart the workloads",
            "6. Remove the OIDC statements from each kept role's trust",
        ].map((step) => text.indexOf(step));
        assert.ok(
            order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])),
            `steps out of order: ${order.join(", ")}`,
        );
        assert.match(
            text,
            /kubectl --context arn:aws:eks:us-east-1:111122223333:cluster\/prod-use1 -n payments rollout restart deployment\/api/,
        );
        // Each configuration block parses to the document's stackConfig.
        const blocks = [...text.matchAll(/\nconfig:\n((?: {4}.*\n)+)/g)].map(
            (m) => (yaml.load(`config:\n${m[1]}`) as { config: unknown }).config,
        );
        // One block per role with something to deploy (the add-on role has none: its add-on moves).
        assert.deepStrictEqual(
            blocks,
            plan()
                .roles.filter((r) => r.stackConfig !== null)
                .map((r) => r.stackConfig),
        );
    });

    it("writes the plan to --out and says where", () => {
        const outcome = migrate([FLEET, "--json", "--out", "plan.json"]);
        assert.strictEqual(outcome.status, 0);
        assert.strictEqual(
            outcome.stdout,
            "plan written to plan.json: 4 IRSA role(s), 5 association(s), 2 item(s) for a person\n",
        );
        assert.deepStrictEqual(
            (JSON.parse(outcome.written.get("plan.json")!) as MigrationDocument).migrations,
            plan().migrations,
        );
    });

    it("is shown in docs/migration.md as it really prints", () => {
        const doc = fs.readFileSync(path.join(PACKAGE_ROOT, "docs", "migration.md"), "utf8");
        const excerpt = /```text\n([\s\S]*?)```/.exec(doc)![1];
        const printed = migrate([path.relative(PACKAGE_ROOT, FLEET)]).stdout.split("\n");
        for (const line of excerpt.split("\n").filter((l) => l.trim() !== "..." && l !== "")) {
            assert.ok(printed.includes(line), `not printed: ${line}`);
        }
        const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
        const { config } = yaml.load(yamlBlock) as { config: Record<string, unknown> };
        delete config["aws:region"];
        const payments = plan().roles.find((r) => r.roleName === "payments-api")!;
        assert.deepStrictEqual(config, payments.stackConfig);
    });

    describe("bad input: exit 2, one clear message, no stack trace", () => {
        const cases: [string, string[], Record<string, string> | undefined, RegExp][] = [
            [
                "an unreadable file",
                ["missing.json"],
                undefined,
                /^migrate: cannot read missing\.json \(ENOENT\): give the file `pulumi stack export` wrote\.\n$/,
            ],
            [
                "a file that is not JSON",
                ["stack.json"],
                { "stack.json": "config:\n  aws:region: us-east-1\n" },
                /^migrate: stack\.json is not JSON \(.*\); expected the JSON that `pulumi stack export` writes/,
            ],
            [
                "JSON that is not a stack export",
                ["stack.json"],
                { "stack.json": JSON.stringify({ resources: [] }) },
                /^migrate: stack\.json is not a Pulumi stack export; expected the JSON that `pulumi stack export` writes/,
            ],
            [
                "another deployment version",
                ["stack.json"],
                { "stack.json": JSON.stringify({ version: 2, deployment: { manifest: {} } }) },
                /^migrate: stack\.json holds a version 2 deployment; this tool reads version 3/,
            ],
            [
                "a bad --cluster mapping",
                [FLEET, "--cluster", "prod-use1"],
                undefined,
                /^migrate: --cluster prod-use1: expected <oidc-issuer>=<cluster-name>/,
            ],
            ["no file", [], undefined, /^migrate: name the stack export to read\.\n\nusage:/],
        ];
        for (const [what, argv, files, message] of cases) {
            it(what, () => {
                const outcome = migrate(argv, files);
                assert.strictEqual(outcome.status, 2);
                assert.strictEqual(outcome.stdout, "");
                assert.match(outcome.stderr, message);
                assert.doesNotMatch(outcome.stderr, /\n\s+at /);
            });
        }

        it("from the real command, as `npm run migrate` starts it", function () {
            this.timeout(60_000);
            const run = (args: string[]) =>
                spawnSync(
                    process.execPath,
                    ["-r", "ts-node/register/transpile-only", "tools/migrate/main.ts", ...args],
                    {
                        cwd: PACKAGE_ROOT,
                        encoding: "utf8",
                        env: { ...process.env, INIT_CWD: FIXTURES },
                    },
                );
            const bad = run(["nowhere.json"]);
            assert.strictEqual(bad.status, 2);
            assert.strictEqual(
                bad.stderr,
                "migrate: cannot read nowhere.json (ENOENT): give the file `pulumi stack export` wrote.\n",
            );
            // Relative paths are read from where the command was typed (INIT_CWD).
            const good = run(["fleet.json", "--json"]);
            assert.strictEqual(good.status, 0, good.stderr);
            assert.strictEqual((JSON.parse(good.stdout) as MigrationDocument).migrations.length, 5);
        });
    });
});
