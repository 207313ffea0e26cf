import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AGENT_ADDON_NAME } from "../index";
import { MigrationDocument, runMigrate } from "../tools/migrate";
import { AGENT_ADDON } from "../tools/migrate/addons";
import { PACKAGE_ROOT } from "../tools/mock-engine";

const FLEET = path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", "fleet.json");
const ACCOUNT = "111122223333";
const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const urn = (type: string, name: string) => `urn:pulumi:prod::platform::${type}::${name}`;

/** AWS's Pod Identity trust statement (EKS User Guide, pod-id-role). */
const POD_IDENTITY = {
    Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
};

interface Resource {
    urn: string;
    type: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    provider?: string;
}
type Exported = { deployment: { resources: Resource[] } };
const fleet = (): Exported => JSON.parse(fs.readFileSync(FLEET, "utf8")) as Exported;

/** Runs the command on the fixture, or a variation of it. */
function run(argv: string[], exported?: Exported): string {
    let stdout = "";
    const status = runMigrate([exported ? "stack.json" : FLEET, ...argv], {
        stdout: (text) => (stdout += text),
        stderr: (text) => assert.fail(text),
        readFile: (file) => (exported ? JSON.stringify(exported) : fs.readFileSync(file, "utf8")),
    });
    assert.strictEqual(status, 0);
    return stdout;
}

const plan = (exported?: Exported, ...argv: string[]) =>
    JSON.parse(run(["--json", ...argv], exported)) as MigrationDocument;

describe("npm run migrate keeps every role (the default)", () => {
    const doc = plan();

    it("associates each service account with its IRSA role's own ARN, and creates no role", () => {
        assert.strictEqual(doc.mode, "keep-role");
        for (const m of doc.migrations) {
            assert.strictEqual(
                m.roleArn,
                doc.roles.find((r) => r.roleName === m.roleName)!.roleArn,
            );
        }
        const payments = doc.roles.find((r) => r.roleName === "payments-api")!;
        assert.strictEqual(payments.stackConfig!["eks-pod-identity:roleArn"], arn("payments-api"));
        assert.strictEqual(payments.stackConfig!["eks-pod-identity:role"], undefined);
        assert.match(doc.snippet!, /roleArn: "arn:aws:iam::111122223333:role\/payments-api",/);
        assert.doesNotMatch(doc.snippet!, /\brole: \{|irsaTrust|PodIdentityRole/);
    });

    it("gives each role's new trust policy: its statements unchanged, then the Pod Identity statement", () => {
        const roles = fleet().deployment.resources.filter((r) => r.type === "aws:iam/role:Role");
        assert.deepStrictEqual(
            doc.trustUpdates.map((u) => [u.roleName, u.urn]),
            ["payments-api", "jobs-runner", "external-dns", "ebs-csi"].map((name) => [
                name,
                urn("aws:iam/role:Role", name),
            ]),
        );
        for (const update of doc.trustUpdates) {
            const role = roles.find((r) => r.urn === update.urn)!;
            const before = JSON.parse(role.outputs.assumeRolePolicy as string) as {
                Statement: object[];
            };
            assert.deepStrictEqual(update.trustPolicy, {
                ...before,
                Statement: [...before.Statement, POD_IDENTITY],
            });
            assert.strictEqual(update.roleArn, role.outputs.arn);
        }
        const text = run([]);
        assert.ok(
            text.includes(
                `  trust: in the stack that owns ${urn("aws:iam/role:Role", "payments-api")}:\n` +
                    `    assumeRolePolicy: withPodIdentityTrust(<its trust policy today>),`,
            ),
        );
    });

    it("lists everything in the export that names each role, which keeps working", () => {
        assert.deepStrictEqual(
            doc.references.map((r) => [
                r.roleArn.split("/").pop(),
                r.type,
                r.urn.split("::").pop(),
            ]),
            [
                ["payments-api", "aws:s3/bucketPolicy:BucketPolicy", "receipts-policy"],
                ["payments-api", "aws:kms/key:Key", "payments-key"],
                [
                    "payments-api",
                    "aws:secretsmanager/secretPolicy:SecretPolicy",
                    "ledger-db-policy",
                ],
                ["payments-api", "aws:iam/role:Role", "ledger-writer"],
                ["jobs-runner", "aws:sqs/queuePolicy:QueuePolicy", "exports-queue-policy"],
                ["jobs-runner", "aws:sns/topicPolicy:TopicPolicy", "exports-topic-policy"],
                ["jobs-runner", "aws:eks/accessEntry:AccessEntry", "jobs-runner-access"],
            ],
        );
        // The queue names it through `ArnLike aws:PrincipalArn`, a pattern.
        assert.strictEqual(doc.references[4].pattern, `arn:aws:iam::${ACCOUNT}:role/jobs-*`);
        assert.strictEqual(doc.summary.references, 7);
        assert.match(
            run([]),
            /named by 4 resource\(s\) of the export, which keep working \(the role is kept\):/,
        );
    });

    it("finds a reference by the role's unique id too, as IAM shows a principal it no longer knows", () => {
        const exported = fleet();
        const key = exported.deployment.resources.find((r) => r.urn.endsWith("::payments-key"))!;
        const policy = (key.outputs.policy as string).replace(
            JSON.stringify([arn("payments-api")]),
            JSON.stringify(["AROAPAYMENTSAPIXXXXXX"]),
        );
        key.inputs.policy = key.outputs.policy = policy;
        assert.ok(
            plan(exported).references.some(
                (r) => r.urn === key.urn && r.roleArn === arn("payments-api"),
            ),
        );
    });

    it("moves the EBS CSI add-on to its own association on the same role, with no standalone one", () => {
        assert.deepStrictEqual(doc.addons, [
            {
                clusterName: "prod-use1",
                addonName: "aws-ebs-csi-driver",
                serviceAccount: "ebs-csi-controller-sa",
                roleArn: arn("ebs-csi"),
                urn: urn("aws:eks/addon:Addon", "ebs-csi-use1"),
            },
        ]);
        assert.ok(!doc.migrations.some((m) => m.serviceAccount === "ebs-csi-controller-sa"));
        const role = doc.roles.find((r) => r.roleName === "ebs-csi")!;
        assert.deepStrictEqual([role.migrations, role.stackConfig], [[], null]);
        assert.match(
            doc.snippet!,
            /\/\/ urn:pulumi:prod::platform::aws:eks\/addon:Addon::ebs-csi-use1\n/,
        );
        assert.match(doc.snippet!, /serviceAccountRoleArn removed/);
    });

    it("flags an add-on whose service account it cannot tell, and plans no association for it", () => {
        const exported = fleet();
        const addon = exported.deployment.resources.find((r) => r.urn.endsWith("::ebs-csi-use1"))!;
        addon.inputs.addonName = addon.outputs.addonName = "example-vendor-addon";
        const role = exported.deployment.resources.find((r) =>
            r.urn.endsWith("aws:iam/role:Role::ebs-csi"),
        )!;
        // Two subjects on the cluster: which one the add-on uses is not clear.
        const trust = (role.outputs.assumeRolePolicy as string).replace(
            '"system:serviceaccount:kube-system:ebs-csi-controller-sa"',
            '["system:serviceaccount:kube-system:a", "system:serviceaccount:kube-system:b"]',
        );
        role.inputs.assumeRolePolicy = role.outputs.assumeRolePolicy = trust;
        const doc = plan(exported);
        assert.deepStrictEqual(doc.addons, []);
        const flagged = doc.roles.find((r) => r.roleName === "ebs-csi")!.flagged;
        assert.ok(
            flagged.some((f) => f.startsWith("add-on example-vendor-addon on prod-use1")),
            flagged.join("\n"),
        );
    });

    it("installs the agent at most once per cluster, and not where the export has one", () => {
        assert.strictEqual(AGENT_ADDON, AGENT_ADDON_NAME);
        assert.deepStrictEqual(doc.agents, [
            {
                clusterName: "prod-euw1",
                region: "eu-west-1",
                existing: urn("aws:eks/addon:Addon", "pod-identity-agent-euw1"),
            },
            {
                clusterName: "prod-use1",
                region: "us-east-1",
                installedBy: "payments-api",
            },
        ]);
        const agentsIn = (snippet: string) => snippet.match(/new PodIdentityAgent\(/g)?.length ?? 0;
        assert.strictEqual(agentsIn(doc.snippet!), 1);
        const withoutAgent = fleet();
        withoutAgent.deployment.resources = withoutAgent.deployment.resources.filter(
            (r) => !r.urn.endsWith("::pod-identity-agent-euw1"),
        );
        const both = plan(withoutAgent);
        assert.strictEqual(agentsIn(both.snippet!), 2);
        // In the root project, one stack per role: only the first on each cluster installs it.
        const agentSettings = both.roles
            .filter((r) => r.stackConfig)
            .flatMap((r) =>
                Object.entries(
                    r.stackConfig!["eks-pod-identity:clusters"] as Record<
                        string,
                        { agent?: boolean }
                    >,
                ).map(([cluster, c]) => `${r.name} ${cluster} ${String(c.agent ?? true)}`),
            );
        assert.deepStrictEqual(agentSettings, [
            "payments-api prod-euw1 true",
            "payments-api prod-use1 true",
            "jobs-runner prod-use1 false",
            "external-dns prod-euw1 false",
        ]);
    });

    it("names a role of another stack as such, with the change to make there", () => {
        assert.deepStrictEqual(
            doc.externalRoles.map((r) => [
                r.roleName,
                r.serviceAccounts.map((sa) => `${sa.clusterName} ${sa.namespace}/${sa.name}`),
            ]),
            [["grafana-cloudwatch", ["prod-use1 monitoring/grafana"]]],
        );
        const text = run([]);
        const section = text.slice(
            text.indexOf("Roles defined in another stack or outside Pulumi"),
        );
        assert.match(
            section,
            /grafana-cloudwatch \(arn:aws:iam::111122223333:role\/grafana-cloudwatch\)/,
        );
        assert.match(
            section,
            /in the stack that owns it: assumeRolePolicy: withPodIdentityTrust\(/,
        );
        assert.ok(section.includes(JSON.stringify(POD_IDENTITY)));
        // Not in the program: EKS checks the role's trust, which this stack cannot change.
        assert.doesNotMatch(doc.snippet!, /grafana/);
    });

    it("for a role of another stack that only an add-on uses, says what to do with the add-on", () => {
        const exported = fleet();
        exported.deployment.resources.push({
            urn: urn("aws:eks/addon:Addon", "efs"),
            type: "aws:eks/addon:Addon",
            inputs: {
                clusterName: "prod-use1",
                addonName: "aws-efs-csi-driver",
                serviceAccountRoleArn: arn("efs-external"),
            },
            outputs: {},
        });
        const text = run([], exported);
        const section = text.slice(text.indexOf("  efs-external ("));
        const lines = section.split("\n").slice(0, section.split("\n").indexOf(""));
        assert.match(lines.join("\n"), /add-on aws-efs-csi-driver/);
        assert.match(
            lines[lines.length - 1],
            /move the add-ons above from serviceAccountRoleArn to podIdentityAssociations/,
        );
    });

    it("never tells the user to delete a role, in either mode; the OIDC trust goes last", () => {
        for (const steps of [doc.steps, plan(undefined, "--new-roles").steps]) {
            for (const step of steps) {
                assert.doesNotMatch(step, /\b(delete|retire|remove the (IRSA )?role)\b/i, step);
            }
            assert.match(steps[steps.length - 1], /OIDC/);
        }
        assert.match(doc.steps[0], /withPodIdentityTrust/);
    });

    it("lists Jobs and CronJobs with the other workloads, and says what each needs", () => {
        const jobs = doc.roles.find((r) => r.roleName === "jobs-runner")!;
        assert.deepStrictEqual(
            jobs.annotationsToRemove.map((sa) => [sa.name, sa.workloads]),
            [
                [
                    "report-builder",
                    [
                        { kind: "Deployment", name: "report-builder" },
                        { kind: "Job", name: "report-backfill" },
                    ],
                ],
                ["nightly-export", [{ kind: "CronJob", name: "nightly-export" }]],
            ],
        );
        const text = run([]);
        assert.match(text, /# CronJob jobs\/nightly-export: its next run starts on Pod Identity/);
        assert.match(text, /# Job jobs\/report-backfill: a running Job keeps IRSA until it ends/);
    });

    it("names each cluster's kubeconfig context where the export tells it, and prints no command twice", () => {
        const exported = fleet();
        // The same service account twice (a ServiceAccount and a patch of it): one restart.
        const account = exported.deployment.resources.find((r) =>
            r.urn.endsWith("ServiceAccount::api-use1"),
        )!;
        exported.deployment.resources.push({
            ...account,
            urn: urn("kubernetes:core/v1:ServiceAccountPatch", "api-use1-patch"),
            type: "kubernetes:core/v1:ServiceAccountPatch",
        });
        const text = run([], exported);
        const commands = text.split("\n").filter((line) => line.trim().startsWith("kubectl "));
        assert.strictEqual(new Set(commands).size, commands.length, commands.join("\n"));
        assert.deepStrictEqual(
            commands.filter((c) => c.includes("-n payments")).map((c) => c.trim()),
            [
                `kubectl --context arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod-use1 -n payments rollout restart deployment/api`,
                // Its kubeconfig is encrypted: which cluster, by its Kubernetes provider.
                "kubectl --context <context of the cluster of Kubernetes provider prod-euw1> -n payments rollout restart deployment/api",
            ],
        );
        // A provider's own `context` setting is the context.
        const provider = exported.deployment.resources.find((r) =>
            r.urn.endsWith("providers:kubernetes::prod-euw1"),
        )!;
        provider.inputs.context = provider.outputs.context = "prod-euw1-admin";
        assert.match(
            run([], exported),
            /kubectl --context prod-euw1-admin -n kube-system rollout restart deployment\/external-dns/,
        );
    });
});
