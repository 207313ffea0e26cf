import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PodIdentity } from "../index";
import { record, T } from "./harness";
import { ProgramError } from "./harness";

const AWS_PROVIDER = "pulumi:providers:aws";
const S3_READ = { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] };
const SERVICE_ACCOUNTS = [{ namespace: "reports", name: "generator" }];

describe("PodIdentity: clusters that name their region, as every language writes them", () => {
    it("builds one AWS provider per region, a child of the component, and uses it for each cluster", async () => {
        const run = await record(
            () =>
                new PodIdentity("fleet", {
                    role: S3_READ,
                    serviceAccounts: SERVICE_ACCOUNTS,
                    clusters: {
                        "prod-use1": { clusterName: "prod-use1", region: "us-east-1" },
                        "staging-use1": { clusterName: "staging-use1", region: "us-east-1" },
                        "prod-euw1": { clusterName: "prod-euw1", region: "eu-west-1" },
                    },
                }),
            {
                config: {
                    "aws:profile": "deployer",
                    "aws:allowedAccountIds": JSON.stringify(["123456789012"]),
                },
            },
        );
        const providers = run.ofType(AWS_PROVIDER);
        assert.deepStrictEqual(providers.map((p) => p.name).sort(), [
            "fleet/eu-west-1",
            "fleet/us-east-1",
        ]);
        const fleet = run.get("eks-pod-identity:index:PodIdentity", "fleet");
        for (const provider of providers) {
            assert.strictEqual(provider.parent, fleet.urn);
            // The stack's own aws:* identity, as the default provider has it.
            assert.strictEqual(provider.inputs.profile, "deployer");
            assert.deepStrictEqual(JSON.parse(String(provider.inputs.allowedAccountIds)), [
                "123456789012",
            ]);
        }
        const regionOf = (type: string, name: string) =>
            run.providerOf(run.get(type, name))?.inputs.region;
        assert.strictEqual(regionOf(T.addon, "fleet/prod-euw1"), "eu-west-1");
        assert.strictEqual(regionOf(T.addon, "fleet/staging-use1"), "us-east-1");
        assert.strictEqual(
            regionOf(T.association, "fleet/prod-euw1/reports/generator"),
            "eu-west-1",
        );
        assert.strictEqual(
            regionOf(T.association, "fleet/prod-use1/reports/generator"),
            "us-east-1",
        );
        // One lookup per cluster, each in its region; the role through the default provider.
        const lookups = Object.fromEntries(
            run
                .invokes(T.getCluster)
                .map((i) => [
                    String(i.inputs.name),
                    providers.find((p) => i.provider.startsWith(`${p.urn}::`))?.inputs.region,
                ]),
        );
        assert.deepStrictEqual(lookups, {
            "prod-euw1": "eu-west-1",
            "prod-use1": "us-east-1",
            "staging-use1": "us-east-1",
        });
        assert.strictEqual(run.providerOf(run.get(T.role, "fleet")), undefined);
    });

    it("assumes a cluster's account role, limits the provider to that account, and gets tokens as it", async () => {
        const deployer = "arn:aws:iam::444455556666:role/deployer";
        const run = await record(
            () =>
                new PodIdentity("fleet", {
                    roleArn: "arn:aws:iam::444455556666:role/reports",
                    serviceAccounts: SERVICE_ACCOUNTS,
                    clusters: {
                        eu: {
                            clusterName: "prod-euw1",
                            region: "eu-west-1",
                            assumeRoleArn: deployer,
                        },
                    },
                }),
            {
                config: {
                    "aws:assumeRoles": JSON.stringify([
                        { roleArn: "arn:aws:iam::123456789012:role/ci" },
                    ]),
                },
            },
        );
        const provider = run.get(AWS_PROVIDER, "fleet/eu-west-1/444455556666-deployer");
        assert.strictEqual(provider.inputs.region, "eu-west-1");
        // Assumed after the stack's own chain, and only in the role's account.
        assert.deepStrictEqual(
            JSON.parse(String(provider.inputs.assumeRoles)).map(
                (r: { roleArn: string }) => r.roleArn,
            ),
            ["arn:aws:iam::123456789012:role/ci", deployer],
        );
        assert.deepStrictEqual(JSON.parse(String(provider.inputs.allowedAccountIds)), [
            "444455556666",
        ]);
        const kubernetes = run.get("pulumi:providers:kubernetes", "fleet/eu");
        const kubeconfig = JSON.parse(String(kubernetes.inputs.kubeconfig)) as {
            users: { user: { exec: { args: string[] } } }[];
        };
        const args = kubeconfig.users[0].user.exec.args;
        assert.strictEqual(args[args.indexOf("--role-arn") + 1], deployer);
    });

    it("refuses, before anything is created, a cluster whose assumed role is in another account than the role", async () => {
        await assert.rejects(
            record(
                () =>
                    new PodIdentity("fleet", {
                        role: S3_READ,
                        serviceAccounts: SERVICE_ACCOUNTS,
                        clusters: {
                            eu: {
                                clusterName: "prod-euw1",
                                region: "eu-west-1",
                                assumeRoleArn: "arn:aws:iam::444455556666:role/deployer",
                            },
                        },
                    }),
            ),
            /clusters\.eu: the cluster is in account 444455556666 \(the provider built for its region and account\)/,
        );
    });

    it("takes the agent as one object: install false, or an agent installed elsewhere", async () => {
        const run = await record(() => {
            const platform = new PodIdentity("platform", {
                role: S3_READ,
                serviceAccounts: SERVICE_ACCOUNTS,
                clusters: {
                    a: { clusterName: "a", region: "us-east-1", agent: { version: "latest" } },
                },
            });
            new PodIdentity("app", {
                role: S3_READ,
                serviceAccounts: [{ namespace: "app", name: "api" }],
                clusters: {
                    a: {
                        clusterName: "a",
                        region: "us-east-1",
                        agent: { addonVersion: platform.agentVersions.apply((v) => v.a) },
                    },
                    b: { clusterName: "b", region: "us-east-1", agent: { install: false } },
                },
            });
            return platform.agentVersions;
        });
        assert.deepStrictEqual(
            run
                .ofType(T.addon)
                .map((a) => a.name)
                .sort(),
            ["platform/a"],
        );
        assert.deepStrictEqual(Object.keys(run.outputs as object), ["a"]);
        assert.ok(run.invokes(T.getAddonVersion).some((i) => i.inputs.mostRecent === true));
    });

    it("refuses a provider and a region together, account settings without a region, and a bad region", async () => {
        await assert.rejects(
            record(
                () =>
                    new PodIdentity("fleet", {
                        role: S3_READ,
                        serviceAccounts: SERVICE_ACCOUNTS,
                        clusters: {
                            a: {
                                clusterName: "a",
                                region: "us-east-1",
                                awsProvider: new aws.Provider("use1", { region: "us-east-1" }),
                            },
                            b: { clusterName: "b", profile: "prod" },
                            c: { clusterName: "c", region: "Frankfurt" },
                            d: {
                                clusterName: "d",
                                region: "eu-west-1",
                                assumeRoleArn: "arn:aws:iam::444455556666:user/deployer",
                            },
                            e: {
                                clusterName: "e",
                                agent: { install: true, addonVersion: "v1.3.8-eksbuild.2" },
                            },
                        },
                    }),
            ),
            (error: unknown) => {
                const message = String((error as ProgramError).message ?? error);
                for (const path of [
                    "clusters.a.region: give either awsProvider or region",
                    "clusters.b.region: profile needs the cluster's region",
                    'clusters.c.region: "Frankfurt" is not an AWS region',
                    "clusters.d.assumeRoleArn:",
                    "clusters.e.agent.install: addonVersion names an agent installed elsewhere",
                ]) {
                    assert.ok(message.includes(path), `${path} in ${message}`);
                }
                return true;
            },
        );
    });

    it("tells apart two keys for one cluster by their place: the same name in two regions is two clusters", async () => {
        const args = (regionB: string) => ({
            role: S3_READ,
            serviceAccounts: SERVICE_ACCOUNTS,
            clusters: {
                a: { clusterName: "prod", region: "us-east-1" },
                b: { clusterName: "prod", region: regionB },
            },
        });
        const run = await record(() => new PodIdentity("fleet", args("eu-west-1")));
        assert.strictEqual(run.ofType(T.association).length, 2);
        await assert.rejects(
            record(() => new PodIdentity("fleet", args("us-east-1"))),
            /clusters\.b: cluster "prod" is also clusters\.a/,
        );
    });
});
