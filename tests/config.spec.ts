import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseRootConfig } from "../program/config";
import { PACKAGE_ROOT, programOf, readProject } from "../tools/mock-engine";
import { ProgramError, record, T } from "./harness";

const NS = "eks-pod-identity";
const S3_ROLE = {
    statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo-bucket"] }],
};
const DEMO_SA = [{ namespace: "demo", name: "s3-lister" }];

/** Raw configuration values as the runtime holds them: objects as JSON, strings as they are. */
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

/** Runs the root program with configuration, as `pulumi up` would. */
function runRoot(values: Record<string, unknown>, providerConfig: Record<string, string> = {}) {
    const project = readProject(PACKAGE_ROOT, "example");
    const config = Object.fromEntries(
        Object.entries(raw(values)).map(([key, value]) => [`${NS}:${key}`, value]),
    );
    return record(programOf(project), {
        project: project.name,
        stack: "test",
        config: { ...config, ...providerConfig },
    });
}

describe("root project configuration", () => {
    it("reads the sample stack: the S3 demo role for demo/s3-lister on two clusters in two regions", () => {
        const project = readProject(PACKAGE_ROOT, "example");
        const values = Object.fromEntries(
            Object.entries(project.config)
                .filter(([key]) => key.startsWith(`${NS}:`))
                .map(([key, value]) => [key.slice(NS.length + 1), value]),
        );
        const config = parseRootConfig(values, NS);
        assert.deepStrictEqual(config.clusters, {
            "demo-use1": { clusterName: "demo-use1", region: "us-east-1" },
            "demo-euw1": { clusterName: "demo-euw1", region: "eu-west-1" },
        });
        assert.deepStrictEqual(config.serviceAccounts, DEMO_SA);
        assert.deepStrictEqual(config.role?.statements, [
            {
                Sid: "ListDemoBucket",
                Action: ["s3:ListBucket"],
                Resource: ["arn:aws:s3:::pod-identity-demo-bucket"],
            },
        ]);
        assert.strictEqual(config.name, "s3-lister");
    });

    it("reports every problem of shape at once, each by its configuration key", () => {
        const problems = problemsOf({
            clusterName: "prod",
            // One string is a valid Action (IAM's grammar): not a problem of shape.
            role: { statements: [{ Action: "s3:ListBucket", Resource: ["arn:aws:s3:::b"] }] },
            serviceAccounts: DEMO_SA,
            clusters: {
                prod: { clusterName: 42, region: "us-east-1", kubernetesVersion: 1.3 },
                staging: { clusterName: "staging", agent: "yes", zone: "a" },
            },
            retainNamespacesOnDelete: "no",
        });
        assert.deepStrictEqual(problems, [
            `${NS}:clusterName is not a known key (known: name, role, roleArn, serviceAccounts, ` +
                `clusters, association, retainNamespacesOnDelete, allowUnannouncedPartition, verify)`,
            `${NS}:clusters.prod.clusterName must be a string, got a number (quote it in YAML)`,
            `${NS}:clusters.prod.kubernetesVersion must be a string, got a number (quote it in YAML)`,
            `${NS}:clusters.staging.zone is not a known key (known: clusterName, region, ` +
                `kubernetesVersion, agent, serviceAccounts)`,
            `${NS}:clusters.staging.region is missing: must be an AWS region such as us-east-1`,
            `${NS}:clusters.staging.agent must be true, false or an object of agent options`,
            `${NS}:retainNamespacesOnDelete must be true or false, got a string`,
        ]);
    });

    it("reports what PodIdentity would refuse by configuration key, before anything exists", () => {
        const problems = problemsOf({
            serviceAccounts: [{ namespace: "Demo", name: "s3-lister" }],
            association: { sessionPolicy: { Version: "2012-10-17", Statement: [] } },
            clusters: {
                a: { clusterName: "prod", region: "us-east-1" },
                b: { clusterName: "prod", region: "us-east-1" },
            },
        });
        assert.strictEqual(problems.length, 4);
        assert.match(problems[0], /^eks-pod-identity:role: give role .* or roleArn/);
        assert.match(
            problems[1],
            /^eks-pod-identity:association\.sessionPolicy: .*disableSessionTags: true/,
        );
        assert.match(
            problems[2],
            /^eks-pod-identity:serviceAccounts\[0\]\.namespace: "Demo" is not a valid/,
        );
        assert.match(
            problems[3],
            /^eks-pod-identity:clusters\.b: cluster "prod" is also clusters\.a/,
        );
    });

    it("reports problems of shape and what PodIdentity refuses together, in one run", () => {
        const problems = problemsOf({
            role: S3_ROLE,
            serviceAccounts: [{ namespace: "Demo", name: "s3-lister" }],
            clusters: {
                a: { clusterName: "prod", region: "us-east-1" },
                b: { clusterName: "prod", region: "us-east-1" },
                c: { clusterName: 42, region: "us-east-1" },
            },
            retainNamespacesOnDelete: "no",
        });
        assert.strictEqual(problems.length, 4, problems.join("\n"));
        // Shape first, then the components' checks on the keys whose shape is right.
        assert.strictEqual(
            problems[0],
            `${NS}:clusters.c.clusterName must be a string, got a number (quote it in YAML)`,
        );
        assert.strictEqual(
            problems[1],
            `${NS}:retainNamespacesOnDelete must be true or false, got a string`,
        );
        assert.match(problems[2], /^eks-pod-identity:serviceAccounts\[0\]\.namespace: "Demo"/);
        assert.match(
            problems[3],
            /^eks-pod-identity:clusters\.b: cluster "prod" is also clusters\.a/,
        );
    });

    it("does not judge a key of the wrong shape twice: a wrong role is not also a missing one", () => {
        const problems = problemsOf({
            role: { statements: "s3:ListBucket" },
            serviceAccounts: "demo/s3-lister",
            clusters: { a: { clusterName: "prod", region: "us-east-1" } },
        });
        assert.deepStrictEqual(problems, [
            `${NS}:role.statements must be a list of IAM statements`,
            `${NS}:serviceAccounts must be a list of { namespace, name } service accounts`,
        ]);
    });

    it("tells clusters apart by region: the same name in two regions is two clusters", () => {
        const config = parseRootConfig(
            raw({
                role: S3_ROLE,
                serviceAccounts: DEMO_SA,
                clusters: {
                    use1: { clusterName: "prod", region: "us-east-1" },
                    euw1: { clusterName: "prod", region: "eu-west-1" },
                },
            }),
            NS,
        );
        assert.deepStrictEqual(Object.keys(config.clusters), ["use1", "euw1"]);
    });

    it("passes presets to PodIdentityRole, whose own checks report problems by configuration key", () => {
        const presets = { s3List: { bucketArns: ["arn:aws:s3:::demo"] } };
        const config = parseRootConfig(
            raw({
                role: { presets },
                serviceAccounts: DEMO_SA,
                clusters: { a: { clusterName: "a", region: "us-east-1" } },
            }),
            NS,
        );
        assert.deepStrictEqual(config.role?.presets, presets);
        const problems = problemsOf({
            role: { presets: { s3List: {}, s3Lister: {} } },
            serviceAccounts: DEMO_SA,
            clusters: { a: { clusterName: "a", region: "us-east-1" } },
        });
        assert.strictEqual(problems.length, 2);
        assert.match(problems[0], /^eks-pod-identity:role\.presets\.s3List\.bucketArns: /);
        assert.match(
            problems[1],
            /^eks-pod-identity:role\.presets\.s3Lister: there is no preset "s3Lister"/,
        );
    });
});

describe("root project program", () => {
    it("creates one AWS provider per distinct region, named after it, and puts each cluster on its region's", async () => {
        const run = await runRoot({
            role: S3_ROLE,
            serviceAccounts: DEMO_SA,
            clusters: {
                "prod-use1": { clusterName: "prod-use1", region: "us-east-1" },
                "staging-use1": { clusterName: "staging-use1", region: "us-east-1" },
                "prod-euw1": { clusterName: "prod-euw1", region: "eu-west-1" },
            },
        });
        const providers = run.ofType("pulumi:providers:aws");
        assert.deepStrictEqual(providers.map((p) => [p.name, p.inputs.region]).sort(), [
            ["eu-west-1", "eu-west-1"],
            ["us-east-1", "us-east-1"],
        ]);
        const regionOf = (type: string, name: string) =>
            run.providerOf(run.get(type, name))?.inputs.region;
        assert.strictEqual(regionOf(T.addon, "pod-identity/prod-euw1"), "eu-west-1");
        assert.strictEqual(regionOf(T.addon, "pod-identity/staging-use1"), "us-east-1");
        assert.strictEqual(
            regionOf(T.association, "pod-identity/prod-use1/demo/s3-lister"),
            "us-east-1",
        );
        // IAM is global: the role goes through the stack's default provider.
        assert.strictEqual(run.get(T.role, "pod-identity").provider, "");
    });

    it("gives every region's provider the stack's AWS identity, so clusters land in the role's account", async () => {
        const assumeRoles = [{ roleArn: "arn:aws:iam::111122223333:role/deployer" }];
        const run = await runRoot(
            {
                role: S3_ROLE,
                serviceAccounts: DEMO_SA,
                clusters: { "prod-euw1": { clusterName: "prod-euw1", region: "eu-west-1" } },
            },
            { "aws:profile": "platform", "aws:assumeRoles": JSON.stringify(assumeRoles) },
        );
        const provider = run.get("pulumi:providers:aws", "eu-west-1");
        assert.strictEqual(provider.inputs.profile, "platform");
        assert.deepStrictEqual(JSON.parse(String(provider.inputs.assumeRoles)), assumeRoles);
        assert.match(
            String(
                run.get(T.association, "pod-identity/prod-euw1/demo/s3-lister").outputs
                    .associationArn,
            ),
            /^arn:aws:eks:eu-west-1:111122223333:/,
        );
    });

    it("exports the role ARN and every association", async () => {
        const run = await runRoot({
            name: "s3-lister",
            role: S3_ROLE,
            serviceAccounts: DEMO_SA,
            clusters: {
                use1: { clusterName: "demo-use1", region: "us-east-1" },
                euw1: { clusterName: "demo-euw1", region: "eu-west-1" },
            },
        });
        const outputs = run.outputs as {
            roleArn: string;
            associations: Record<string, { clusterName: string; associationArn: string }>;
        };
        assert.strictEqual(outputs.roleArn, run.get(T.role, "s3-lister").outputs.arn);
        assert.deepStrictEqual(Object.keys(outputs.associations).sort(), [
            "euw1/demo/s3-lister",
            "use1/demo/s3-lister",
        ]);
        assert.match(
            outputs.associations["euw1/demo/s3-lister"].associationArn,
            /^arn:aws:eks:eu-west-1:123456789012:podidentityassociation\/demo-euw1\//,
        );
    });

    it("creates the role's preset policies from configuration", async () => {
        const run = await runRoot({
            role: { presets: { s3List: { bucketArns: ["arn:aws:s3:::demo"] } } },
            serviceAccounts: DEMO_SA,
            clusters: { a: { clusterName: "a", region: "us-east-1" } },
        });
        const policy = run.get(T.policy, "pod-identity-preset-s3List");
        assert.match(String(policy.inputs.policy), /s3:ListBucket/);
        assert.match(String(policy.inputs.policy), /arn:aws:s3:::demo/);
    });

    it("uses an existing role by ARN, with per-cluster service accounts and agent settings", async () => {
        const roleArn = "arn:aws:iam::123456789012:role/shared";
        const run = await runRoot({
            roleArn,
            clusters: {
                auto: {
                    clusterName: "auto",
                    region: "us-west-2",
                    agent: false,
                    serviceAccounts: [{ namespace: "jobs", name: "batch" }],
                },
                classic: {
                    clusterName: "classic",
                    region: "us-west-2",
                    kubernetesVersion: "1.31",
                    agent: { version: "latest" },
                    serviceAccounts: DEMO_SA,
                },
            },
            association: { tags: { team: "platform" } },
        });
        assert.deepStrictEqual(run.ofType(T.role), []);
        assert.deepStrictEqual(run.names(T.addon), ["pod-identity/classic"]);
        assert.strictEqual(
            run.get(T.addon, "pod-identity/classic").inputs.addonVersion,
            "v1.3.10-eksbuild.2",
        );
        const batch = run.get(T.association, "pod-identity/auto/jobs/batch");
        assert.deepStrictEqual(
            [batch.inputs.roleArn, batch.inputs.tags],
            [roleArn, { team: "platform" }],
        );
        assert.strictEqual(run.ofType("pulumi:providers:aws").length, 1);
    });

    it("stops on a configuration error before any resource, with a message and no stack trace", async () => {
        await assert.rejects(
            runRoot({
                role: S3_ROLE,
                serviceAccounts: DEMO_SA,
                clusters: { prod: { region: "mars" } },
            }),
            (error: unknown) => {
                assert.ok(error instanceof ProgramError);
                const [first] = error.errors;
                // RunError: `pulumi up` prints its message only.
                assert.ok(pulumi.RunError.isInstance(first));
                assert.strictEqual(
                    first.message,
                    "2 configuration problems:\n" +
                        `  - ${NS}:clusters.prod.clusterName is missing: must be a string\n` +
                        `  - ${NS}:clusters.prod.region must be an AWS region such as us-east-1, got "mars"`,
                );
                return true;
            },
        );
    });
});
