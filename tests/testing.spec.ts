/**
 * `eks-pod-identity/testing`: the mocks a user hands `pulumi.runtime.setMocks` to unit-test a
 * program that uses the package. Run in this process as a user's test runs: setMocks, build,
 * await Outputs; and, for what fails a test, in a mocha process of its own.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { spawnSync } from "child_process";
import * as path from "path";
import { addonVersionOlderThan } from "../eks/eksAddon";
import { KNOWN_ADDONS } from "../eks/knownAddons";
import { PodIdentity, PodIdentityAddon } from "../index";
import { mocks, UserMocks } from "../testing";
import { MockCloudOptions } from "../testing/mockCloud";
import { T } from "./harness";

const ROOT = path.join(__dirname, "..");

/** An Output's value, as a user's test awaits it. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The SDK drains outstanding registrations with this (internal, as in tools/mock-engine). */
const waitForRPCs = (): Promise<void> =>
    (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/**
 * Runs `program` under `mocks(userMocks, options)` until everything it registered has
 * settled; resolves with what it returned and every error `onError` received.
 */
async function underMocks<R>(
    program: () => R,
    userMocks: UserMocks = {},
    options: MockCloudOptions = {},
): Promise<{ result: R; errors: Error[] }> {
    const errors: Error[] = [];
    await pulumi.runtime.setMocks(
        mocks(userMocks, { ...options, onError: (error) => errors.push(error) }),
        "testing",
        "test",
    );
    const result = program();
    await waitForRPCs();
    // Rejections nobody handled are reported after the turn that settled them.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, errors };
}

const ROLE_ARN = "arn:aws:iam::444455556666:role/app";

describe("eks-pod-identity/testing: mocks()", function () {
    // The first setMocks loads @pulumi/aws's resource modules.
    this.timeout(60_000);

    it("answers the fleet's lookups in each provider's account and region, read from the provider's inputs", async () => {
        const created: pulumi.runtime.MockResourceArgs[] = [];
        const { result: fleet, errors } = await underMocks(
            () => {
                const east = new aws.Provider("east", {
                    region: "us-east-1",
                    assumeRoles: [{ roleArn: "arn:aws:iam::444455556666:role/deployer" }],
                });
                const west = new aws.Provider("west", {
                    region: "eu-west-1",
                    allowedAccountIds: ["444455556666"],
                });
                return new PodIdentity("fleet", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: [{ namespace: "reports", name: "generator" }],
                    clusters: {
                        use1: { clusterName: "prod-use1", awsProvider: east },
                        euw1: { clusterName: "prod-euw1", awsProvider: west },
                    },
                });
            },
            {
                newResource: (args) => {
                    created.push(args);
                    return undefined;
                },
            },
            { accountId: "111122223333" },
        );
        assert.deepStrictEqual(errors, []);
        const associations = await valueOf(fleet.associations);
        assert.match(
            associations["use1/reports/generator"].associationArn,
            /^arn:aws:eks:us-east-1:444455556666:podidentityassociation\/prod-use1\//,
        );
        assert.match(
            associations["euw1/reports/generator"].associationArn,
            /^arn:aws:eks:eu-west-1:444455556666:podidentityassociation\/prod-euw1\//,
        );
        // The agent's version for each cluster's Kubernetes version, and a kubeconfig each.
        assert.deepStrictEqual(await valueOf(fleet.agentVersions), {
            euw1: "v1.3.8-eksbuild.2",
            use1: "v1.3.8-eksbuild.2",
        });
        const kubeconfigs = await valueOf(fleet.kubeconfigs);
        assert.match(kubeconfigs.euw1, /eu-west-1\.eks\.amazonaws\.com/);
        // Every resource reached the user's mocks.
        const types = new Set(created.map((r) => r.type));
        for (const type of [T.association, T.addon, T.namespace, T.serviceAccount]) {
            assert.ok(types.has(type), `${type} did not reach the user's newResource`);
        }
    });

    it("places the default provider in options.accountId and the stack's region", async () => {
        const { result } = await underMocks(
            () => ({
                caller: aws.getCallerIdentityOutput({}),
                partition: aws.getPartitionOutput({}),
            }),
            {},
            { accountId: "111122223333", region: "cn-north-1" },
        );
        assert.strictEqual(await valueOf(result.caller.accountId), "111122223333");
        assert.strictEqual(await valueOf(result.partition.partition), "aws-cn");
    });

    it("answers Auto Mode, IP family and Kubernetes version per cluster", async () => {
        const { result } = await underMocks(
            () => ({
                auto: aws.eks.getClusterOutput({ name: "auto" }),
                plain: aws.eks.getClusterOutput({ name: "plain" }),
            }),
            {},
            { clusters: { auto: { autoMode: true, ipFamily: "ipv6", version: "1.31" } } },
        );
        const auto = await valueOf(result.auto);
        assert.strictEqual(auto.version, "1.31");
        assert.strictEqual(auto.computeConfigs[0]?.enabled, true);
        assert.strictEqual(auto.kubernetesNetworkConfigs[0]?.ipFamily, "ipv6");
        const plain = await valueOf(result.plain);
        assert.strictEqual(plain.version, "1.33");
        assert.deepStrictEqual(plain.computeConfigs, []);
        assert.strictEqual(plain.kubernetesNetworkConfigs[0]?.ipFamily, "ipv4");
    });

    for (const [addonName, known] of Object.entries(KNOWN_ADDONS).filter(
        ([, known]) => known.minimumVersion,
    )) {
        it(`answers ${addonName} at or above ${known.minimumVersion}, its minimum for Pod Identity`, async () => {
            const { result, errors } = await underMocks(() =>
                ["default", "latest"].map(
                    (version) =>
                        new PodIdentityAddon(`${addonName}-${version}`, {
                            clusterName: `cluster-${version}`,
                            addonName,
                            roleArn: "arn:aws:iam::123456789012:role/addon",
                            serviceAccount: known.serviceAccounts[0],
                            version,
                            agent: false,
                        }),
                ),
            );
            assert.deepStrictEqual(
                errors.map((e) => e.message),
                [],
            );
            for (const addon of result) {
                const version = await valueOf(addon.addonVersion);
                assert.ok(!addonVersionOlderThan(version, known.minimumVersion!), version);
            }
        });
    }

    it("answers options.addonVersions per add-on, the agent's too", async () => {
        const { result } = await underMocks(
            () => ({
                ebs: new PodIdentityAddon("ebs", {
                    clusterName: "demo",
                    addonName: "aws-ebs-csi-driver",
                    roleArn: "arn:aws:iam::123456789012:role/ebs",
                    version: "latest",
                }),
                fleet: new PodIdentity("agent-only", {
                    roleArn: "arn:aws:iam::123456789012:role/app",
                    serviceAccounts: [{ namespace: "demo", name: "app" }],
                    clusters: { demo: { clusterName: "demo" } },
                }),
            }),
            {},
            {
                addonVersions: {
                    "aws-ebs-csi-driver": {
                        default: "v1.40.0-eksbuild.1",
                        latest: "v1.41.0-eksbuild.1",
                    },
                    "eks-pod-identity-agent": {
                        default: "v1.3.9-eksbuild.1",
                        latest: "v1.3.11-eksbuild.1",
                    },
                },
            },
        );
        assert.strictEqual(await valueOf(result.ebs.addonVersion), "v1.41.0-eksbuild.1");
        assert.deepStrictEqual(await valueOf(result.fleet.agentVersions), {
            demo: "v1.3.9-eksbuild.1",
        });
    });

    it("passes other invokes to the user's call mock, and names an invoke nobody answers", async () => {
        const answered = await underMocks(() => aws.s3.getBucketOutput({ bucket: "reports" }), {
            call: (args) => ({ bucket: args.inputs.bucket as string, arn: "arn:aws:s3:::mine" }),
        });
        assert.strictEqual(await valueOf(answered.result.arn), "arn:aws:s3:::mine");
        const unanswered = await underMocks(() => aws.s3.getBucketOutput({ bucket: "reports" }));
        assert.strictEqual(unanswered.errors.length, 1);
        assert.match(
            unanswered.errors[0].message,
            /no answer for invoke aws:s3\/getBucket:getBucket: pass mocks\(\{ call \}\)/,
        );
    });

    it("reports a refusal once, not once per guarded resource, and creates nothing it guards", async () => {
        const created: string[] = [];
        const { errors } = await underMocks(
            () => {
                const other = new aws.Provider("other", {
                    region: "us-east-1",
                    assumeRoles: [{ roleArn: "arn:aws:iam::999988887777:role/deployer" }],
                });
                new PodIdentity("refused", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: Array.from({ length: 12 }, (_, i) => ({
                        namespace: "demo",
                        name: `sa${i}`,
                    })),
                    clusters: { other: { clusterName: "other", awsProvider: other } },
                });
            },
            {
                newResource: (args) => {
                    created.push(args.type);
                    return undefined;
                },
            },
        );
        assert.deepStrictEqual(
            errors.map((e) => e.message.split(":")[0]),
            ['PodIdentity "refused"'],
        );
        assert.match(errors[0].message, /is in account 444455556666, and this is not/);
        assert.deepStrictEqual(
            created.filter((type) => type === T.association || type === T.serviceAccount),
            [],
        );
    });

    it("starts each setMocks run with its own program: the same fleet twice is no conflict", async () => {
        const build = () =>
            new PodIdentity("again", {
                roleArn: "arn:aws:iam::123456789012:role/app",
                serviceAccounts: [{ namespace: "demo", name: "app" }],
                clusters: { demo: { clusterName: "demo" } },
            });
        for (const run of [1, 2]) {
            const { errors } = await underMocks(build);
            assert.deepStrictEqual(
                errors.map((e) => e.message),
                [],
                `run ${run}`,
            );
        }
    });

    it("fails the running test with the refusal, once, and leaves the next test alone (mocha)", function () {
        this.timeout(180_000);
        const result = spawnSync(
            process.execPath,
            [
                require.resolve("mocha/bin/mocha.js"),
                "--no-config",
                "--require",
                "ts-node/register/transpile-only",
                "--timeout",
                "60000",
                "--reporter",
                "json",
                path.join(__dirname, "fixtures", "plain-mocks", "helperRefusal.ts"),
            ],
            { cwd: ROOT, encoding: "utf8" },
        );
        const report = JSON.parse(result.stdout) as {
            failures: { title: string; err: { message: string } }[];
            passes: { title: string }[];
        };
        assert.deepStrictEqual(
            report.failures.map((f) => [f.title, f.err.message.split(" (")[0]]),
            [["a cluster in another account", 'PodIdentity "refused": the role']],
        );
        assert.deepStrictEqual(
            report.passes.map((p) => p.title),
            ["the next test"],
        );
    });
});

describe("eks-pod-identity/testing and other code's rejections", () => {
    it("leaves a rejection of no program of its mocks to Node.js, which ends the process with it", function () {
        this.timeout(120_000);
        const result = spawnSync(
            process.execPath,
            [
                "-r",
                "ts-node/register/transpile-only",
                "-e",
                'require("./testing").mocks(); void Promise.reject(new Error("not a Pulumi error"));',
            ],
            { cwd: ROOT, encoding: "utf8" },
        );
        assert.notStrictEqual(result.status, 0);
        assert.match(result.stderr, /Error: not a Pulumi error/);
    });
});

describe("eks-pod-identity/testing stays out of programs", () => {
    it("loading the package loads nothing of testing/ or tools/", function () {
        this.timeout(120_000);
        const loaded = spawnSync(
            process.execPath,
            [
                "-r",
                "ts-node/register/transpile-only",
                "-e",
                'require("./index.ts"); console.log(JSON.stringify(Object.keys(require.cache)));',
            ],
            { cwd: ROOT, encoding: "utf8" },
        );
        const files = (JSON.parse(loaded.stdout) as string[])
            .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`))
            .map((file) => path.relative(ROOT, file));
        assert.ok(files.includes("index.ts"), loaded.stderr);
        assert.deepStrictEqual(
            files.filter((file) => /^(testing|tools|tests)\//.test(file)),
            [],
        );
    });
});
