import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { programOf, readProject } from "../tools/mock-engine";
import { podIdentityExternalId } from "../index";
import { record, T } from "./harness";
import { chainAllowed, evaluateTrust } from "./iamEvaluator";

const root = path.resolve(__dirname, "..");
const examples = path.join(root, "examples");
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    workspaces: string[];
};

/** Where Node resolves `eks-pod-identity` for a program in this directory, symlinks followed. */
function packageEntryFor(dir: string): string {
    return fs.realpathSync(require.resolve(rootPackage.name, { paths: [dir] }));
}

/**
 * Runs an example project's program under the mock engine, as `pulumi up` would: the
 * program imports the package through its own package.json dependency, i.e. the compiled
 * entry that npm installed, not this checkout's sources.
 */
async function runExample(dir: string, config: Record<string, string>, fixture = {}) {
    const project = readProject(path.join(examples, dir));
    assert.strictEqual(packageEntryFor(project.dir), path.join(root, "bin", "index.js"));
    const qualified = Object.fromEntries(
        Object.entries(config).map(([key, value]) => [`${project.name}:${key}`, value]),
    );
    return record(programOf(project), {
        project: project.name,
        config: { ...project.config, ...qualified },
        fixture,
    });
}

describe("examples", () => {
    it("each Node.js example is an npm workspace that depends on this checkout through file:", () => {
        // `npm install` in an example (or `npm ci` here) installs every workspace's
        // dependencies once, deduplicated against the package's own, so an example and the
        // package share one @pulumi/pulumi; the file: dependency links this checkout.
        const withManifest = (dir: string): string[] =>
            fs.existsSync(path.join(dir, "package.json"))
                ? [dir]
                : fs
                      .readdirSync(dir, { withFileTypes: true })
                      .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
                      .flatMap((entry) => withManifest(path.join(dir, entry.name)));
        const found = withManifest(examples).map((dir) => path.relative(root, dir));
        assert.deepStrictEqual([...rootPackage.workspaces].sort(), found.sort());
        for (const workspace of found) {
            const manifest = JSON.parse(
                fs.readFileSync(path.join(root, workspace, "package.json"), "utf8"),
            ) as { dependencies: Record<string, string> };
            const spec = manifest.dependencies[rootPackage.name];
            assert.match(spec, /^file:/, workspace);
            assert.strictEqual(
                path.resolve(root, workspace, spec.slice("file:".length)),
                root,
                `${workspace}: ${spec} should name the repository root`,
            );
        }
    });

    it("s3-demo: a bucket-listing role, Pod Identity for demo/s3-lister, and an API that waits on ready", async () => {
        const run = await runExample("s3-demo", { clusterName: "demo-cluster" });
        const statements = JSON.parse(
            String(run.get(T.rolePolicy, "s3-demo-inline").inputs.policy),
        ) as {
            Statement: { Action: string[]; Resource: string[] }[];
        };
        assert.deepStrictEqual(statements.Statement[0].Action, ["s3:ListBucket"]);
        assert.match(statements.Statement[0].Resource[0], /^arn:/);
        const association = run.get(T.association, "s3-demo/demo/demo/s3-lister");
        assert.strictEqual(association.inputs.namespace, "demo");
        assert.strictEqual(association.inputs.serviceAccount, "s3-lister");
        const deployment = run.get("kubernetes:apps/v1:Deployment", "s3-lister");
        const waits = run.waitsOn(deployment);
        assert.ok(waits.has(association.urn), "the API waits for the association");
        assert.ok(waits.has(run.get(T.addon, "s3-demo/demo").urn), "the API waits for the agent");
        assert.strictEqual(run.providerOf(deployment)?.name, "s3-demo/demo");
    });

    it("fleet: three clusters in two regions, two applications, one agent per cluster", async () => {
        const run = await runExample("fleet", {});
        assert.deepStrictEqual(
            run
                .ofType(T.addon)
                .map((a) => a.inputs.clusterName)
                .sort(),
            ["prod-euw1", "prod-use1", "staging-use1"],
        );
        assert.strictEqual(run.ofType(T.role).length, 2);
        assert.strictEqual(run.ofType(T.association).length, 9);
        assert.strictEqual(
            run.providerOf(run.get(T.addon, "reports/prod-euw1"))?.name,
            "eu-west-1",
        );
        assert.strictEqual(
            run.providerOf(run.get(T.association, "billing/prod-euw1/billing/consumer"))?.name,
            "eu-west-1",
        );
    });

    it("cross-account: the cluster in account A, the bucket and the target role in account B", async () => {
        const A = "111122223333";
        const B = "444455556666";
        const run = await runExample("cross-account", {
            clusterName: "prod-use1",
            clusterAccountRoleArn: `arn:aws:iam::${A}:role/pulumi-deployer`,
            dataAccountRoleArn: `arn:aws:iam::${B}:role/pulumi-deployer`,
        });
        const outputs = run.outputs as { associationRoleArn: string; targetRoleArn: string };
        const account = (name: string) => run.providerOf(run.get(T.role, name))?.name;

        // Each resource lands in its account, through that account's provider.
        const bucket = run.get("aws:s3/bucket:Bucket", "reports");
        assert.strictEqual(run.providerOf(bucket)?.name, "data-account");
        assert.strictEqual(account("reports-data-reader"), "data-account");
        assert.strictEqual(account("reports-reader"), "cluster-account");
        assert.match(outputs.associationRoleArn, new RegExp(`^arn:aws:iam::${A}:role/`));
        assert.match(outputs.targetRoleArn, new RegExp(`^arn:aws:iam::${B}:role/`));

        // The target role trusts the association role, for this cluster's reports/reader only.
        const trust = run.get(T.role, "reports-data-reader").inputs.assumeRolePolicy;
        const cluster = `arn:aws:eks:us-east-1:${A}:cluster/prod-use1`;
        const pod = {
            principalArn: outputs.associationRoleArn,
            requestTags: {
                "eks-cluster-arn": cluster,
                "kubernetes-namespace": "reports",
                "kubernetes-service-account": "reader",
            },
        };
        assert.ok(chainAllowed(trust, pod));
        assert.ok(
            !chainAllowed(trust, {
                ...pod,
                requestTags: { ...pod.requestTags, "kubernetes-namespace": "default" },
            }),
        );
        // ... and may read the bucket of account B.
        assert.strictEqual(
            run.get(T.rolePolicy, "reports-data-reader-inline").inputs.policy,
            JSON.stringify({
                Statement: [
                    { Action: ["s3:ListBucket"], Effect: "Allow", Resource: [bucket.outputs.arn] },
                    {
                        Action: ["s3:GetObject"],
                        Effect: "Allow",
                        Resource: [`${String(bucket.outputs.arn)}/*`],
                    },
                ],
                Version: "2012-10-17",
            }),
        );

        // In account A: the association names the target, and the association role may assume it.
        const association = run.get(T.association, "reports/prod-use1/reports/reader");
        assert.strictEqual(run.providerOf(association)?.name, "cluster-account");
        assert.strictEqual(association.inputs.roleArn, outputs.associationRoleArn);
        assert.strictEqual(association.inputs.targetRoleArn, outputs.targetRoleArn);
        const grant = run.get(T.rolePolicy, "reports-chain-targets");
        assert.strictEqual(run.providerOf(grant)?.name, "cluster-account");
        assert.strictEqual(grant.inputs.role, run.get(T.role, "reports-reader").outputs.name);
        assert.deepStrictEqual(JSON.parse(String(grant.inputs.policy)).Statement, [
            {
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Effect: "Allow",
                Resource: [outputs.targetRoleArn],
                Sid: "AssumePodIdentityTargetRoles",
            },
        ]);
    });

    it("cross-account with session tags off: the trust names the association's external id, no cycle", async () => {
        const A = "111122223333";
        const B = "444455556666";
        const run = await runExample("cross-account", {
            clusterName: "prod-use1",
            region: "eu-west-1",
            clusterAccountRoleArn: `arn:aws:iam::${A}:role/pulumi-deployer`,
            dataAccountRoleArn: `arn:aws:iam::${B}:role/pulumi-deployer`,
            sessionTags: "false",
        });
        const outputs = run.outputs as { associationRoleArn: string; targetRoleArn: string };
        const association = run.get(T.association, "reports/prod-use1/reports/reader");
        assert.strictEqual(association.inputs.disableSessionTags, true);
        assert.strictEqual(association.inputs.targetRoleArn, outputs.targetRoleArn);

        // What EKS returns as the association's externalId (and sends as sts:ExternalId) is what
        // podIdentityExternalId computes from the parts, before the association exists.
        const expected = podIdentityExternalId({
            region: "eu-west-1",
            accountId: A,
            clusterName: "prod-use1",
            namespace: "reports",
            serviceAccount: "reader",
        });
        assert.strictEqual(association.outputs.externalId, expected);
        assert.strictEqual(expected, `eu-west-1/${A}/prod-use1/reports/reader`);

        // The target role admits exactly that id, from the association role, and nothing else.
        const target = run.get(T.role, "reports-data-reader");
        const trust = target.inputs.assumeRolePolicy;
        assert.ok(run.waitsOn(target).has(run.get(T.role, "reports-reader").urn));
        assert.ok(
            !run.waitsOn(target).has(association.urn),
            "the trust does not wait for the association",
        );
        const pod = { principalArn: outputs.associationRoleArn, externalId: expected };
        assert.ok(chainAllowed(trust, pod));
        for (const externalId of [
            `eu-west-1/${A}/prod-use1/reports/writer`,
            `us-east-1/${A}/prod-use1/reports/reader`,
            undefined,
        ]) {
            assert.strictEqual(
                evaluateTrust(trust, { ...pod, externalId, action: "sts:AssumeRole" }),
                "ImplicitDeny",
                String(externalId),
            );
        }
        assert.ok(
            !chainAllowed(trust, { ...pod, principalArn: `arn:aws:iam::${A}:role/someone-else` }),
        );
        // No session-tag condition is left that would deny every pod.
        assert.doesNotMatch(String(trust), /aws:RequestTag/);
        assert.doesNotMatch(
            String(run.get(T.role, "reports-reader").inputs.assumeRolePolicy),
            /aws:RequestTag/,
        );
    });

    it("multi-stack: the role stack exports roleArn; a cluster stack consumes it and creates no role", async () => {
        const roles = await runExample("multi-stack/role-stack", {});
        const roleArn = (roles.outputs as { roleArn: string }).roleArn;
        assert.match(roleArn, /^arn:aws:iam::123456789012:role\/log-shipper-/);

        const cluster = await runExample(
            "multi-stack/cluster-stack",
            { clusterName: "prod-use1", roleStack: "acme/pod-identity-role-stack/prod" },
            { stackOutputs: { "acme/pod-identity-role-stack/prod": { roleArn } } },
        );
        assert.deepStrictEqual(cluster.ofType(T.role), []);
        assert.strictEqual(
            cluster.get(T.association, "log-shipper/prod-use1/logging/fluent-bit").inputs.roleArn,
            roleArn,
        );
        assert.strictEqual(cluster.ofType(T.addon).length, 1);
    });
});
