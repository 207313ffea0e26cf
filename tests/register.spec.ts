/**
 * The program-wide register keys every claim by where it is: the cluster's identity (account,
 * region, cluster name), the account for a role name. Provider objects do not matter: two
 * providers for one account and region are the same place. A second claim is refused, naming
 * both, before the claimant creates anything.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import {
    PodIdentity,
    PodIdentityAddon,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityTargetRole,
} from "../index";
import { failure, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const SA = [{ namespace: "demo", name: "api" }];

/** The one error of a failed run, and what it registered. */
async function oneError(program: () => unknown, options?: Parameters<typeof failure>[1]) {
    const failed = await failure(program, options);
    assert.strictEqual(failed.errors.length, 1, failed.errors.map((e) => e.message).join("\n"));
    return { message: failed.errors[0].message, resources: failed.resources };
}

/**
 * The resources a component created, by the start of their names: custom resources but
 * providers, which create nothing in the cloud.
 */
function createdBy(resources: { name: string; type: string; custom: boolean }[], prefix: string) {
    return resources.filter(
        (r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.name.startsWith(prefix),
    );
}

const binding = (name: string, opts?: pulumi.ComponentResourceOptions) =>
    new PodIdentityBinding(
        name,
        { clusterName: "prod", namespace: "demo", serviceAccount: "api", roleArn: ROLE_ARN },
        opts,
    );

describe("the register: claims keyed by account, region and cluster name", () => {
    it("two providers for one account and region are one place", async () => {
        const { message, resources } = await oneError(() => {
            binding("first", { provider: new aws.Provider("east-a", { region: "us-east-1" }) });
            binding("second", { provider: new aws.Provider("east-b", { region: "us-east-1" }) });
        });
        assert.strictEqual(
            message,
            'PodIdentityBinding "second" binds service account demo/api on cluster prod (in ' +
                "account 123456789012, us-east-1, through another AWS provider), which " +
                'PodIdentityBinding "first" already binds: EKS allows one Pod Identity ' +
                "association per cluster, namespace and service account, and refuses a second " +
                "with 409 ResourceInUseException. Bind it in one component only, or use another " +
                "service account.",
        );
        assert.deepStrictEqual(createdBy(resources, "second"), []);
        assert.strictEqual(createdBy(resources, "first").length, 3);
    });

    it("the default provider and an explicit one in its region are one place", async () => {
        const { message } = await oneError(() => {
            binding("first");
            binding("second", { provider: new aws.Provider("east", { region: "us-east-1" }) });
        });
        assert.match(
            message,
            /^PodIdentityBinding "second" binds .* which PodIdentityBinding "first"/,
        );
    });

    it("one cluster under two keys of a fleet, through a provider and a region", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentity("app", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: SA,
                    clusters: {
                        a: { clusterName: "prod", region: "us-east-1" },
                        b: {
                            clusterName: "prod",
                            awsProvider: new aws.Provider("east", { region: "us-east-1" }),
                        },
                    },
                }),
        );
        assert.match(
            message,
            /^PodIdentity "app" \(clusters\.b\) binds service account demo\/api on cluster prod \(in account 123456789012, us-east-1, through another AWS provider\), which PodIdentity "app" \(clusters\.a\) already binds/,
        );
        assert.match(
            message,
            /\nPodIdentity "app" \(clusters\.b\) installs the Pod Identity agent/,
        );
        assert.deepStrictEqual(createdBy(resources, "app/b"), []);
    });

    it("one cluster under two keys with the same provider, even with other service accounts", () => {
        assert.throws(
            () =>
                new PodIdentity("app", {
                    roleArn: ROLE_ARN,
                    clusters: {
                        a: { clusterName: "prod", serviceAccounts: SA },
                        b: {
                            clusterName: "prod",
                            serviceAccounts: [{ namespace: "x", name: "y" }],
                        },
                    },
                }),
            (error: Error) =>
                pulumi.InputPropertiesError.isInstance(error) &&
                /clusters\.b: cluster "prod" is also clusters\.a \(same name and AWS provider\): one cluster under two keys/.test(
                    error.message,
                ),
        );
    });
});

describe("the register: one Pod Identity agent add-on per cluster", () => {
    const why = /EKS allows one add-on of a name per cluster, and refuses a second with 409/;

    it("refuses a second PodIdentityAgent, naming both, before it is created", async () => {
        const { message, resources } = await oneError(() => {
            new PodIdentityAgent("one", { clusterName: "prod" });
            new PodIdentityAgent("two", { clusterName: "prod" });
        });
        assert.match(
            message,
            /^PodIdentityAgent "two" installs the Pod Identity agent \(add-on eks-pod-identity-agent\) on cluster prod, which PodIdentityAgent "one" already installs/,
        );
        assert.match(message, why);
        assert.deepStrictEqual(
            resources.filter((r) => r.type === T.addon).map((r) => r.name),
            ["one"],
        );
    });

    it("refuses a fleet's agent where a PodIdentityAgent is, and lets a fleet share it", async () => {
        const { message } = await oneError(() => {
            new PodIdentityAgent("platform", { clusterName: "prod" });
            new PodIdentity("app", {
                roleArn: ROLE_ARN,
                serviceAccounts: SA,
                clusters: { prod: { clusterName: "prod" } },
            });
        });
        assert.match(
            message,
            /^PodIdentity "app" \(clusters\.prod\) installs the Pod Identity agent .* which PodIdentityAgent "platform" already installs/,
        );
        const run = await record(() => {
            const platform = new PodIdentityAgent("platform", { clusterName: "prod" });
            new PodIdentity("app", {
                roleArn: ROLE_ARN,
                serviceAccounts: SA,
                clusters: { prod: { clusterName: "prod", agent: platform } },
            });
        });
        assert.deepStrictEqual(run.names(T.addon), ["platform"]);
    });

    it("any two installs on one cluster, whatever components and providers (property)", async () => {
        type Install = "agent" | "fleet";
        const install = (kind: Install, name: string, provider?: aws.Provider) =>
            kind === "agent"
                ? new PodIdentityAgent(name, { clusterName: "prod" }, { provider })
                : new PodIdentity(
                      name,
                      {
                          roleArn: ROLE_ARN,
                          serviceAccounts: [{ namespace: name, name: "api" }],
                          clusters: { c: { clusterName: "prod", awsProvider: provider } },
                      },
                      {},
                  );
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom<Install>("agent", "fleet"),
                fc.constantFrom<Install>("agent", "fleet"),
                fc.constantFrom("default", "same", "two"),
                async (first, second, providers) => {
                    const { message, resources } = await oneError(() => {
                        const p1 =
                            providers === "default"
                                ? undefined
                                : new aws.Provider("p1", { region: "us-east-1" });
                        const p2 =
                            providers === "two"
                                ? new aws.Provider("p2", { region: "us-east-1" })
                                : p1;
                        install(first, "first", p1);
                        install(second, "second", p2);
                    });
                    assert.match(message, /installs the Pod Identity agent/);
                    assert.match(message, /which .*"first".* already installs/);
                    assert.deepStrictEqual(
                        resources.filter((r) => r.type === T.addon && r.name.startsWith("second")),
                        [],
                    );
                },
            ),
            { numRuns: 12 },
        );
    });
});

describe("the register: IAM role names unique per account, whatever their case", () => {
    it("refuses a second role of the same name in another case, naming both", async () => {
        const { message, resources } = await oneError(() => {
            new PodIdentityRole("app", { name: "App-Role" });
            new PodIdentityTargetRole("data", { name: "app-role", trustedRoleArns: [ROLE_ARN] });
        });
        assert.strictEqual(
            message,
            'PodIdentityTargetRole "data" names its IAM role "app-role", which PodIdentityRole ' +
                '"app" already uses in the same account: IAM role names are unique per account ' +
                "whatever their case or path, and CreateRole refuses a second with 409 " +
                "EntityAlreadyExists. Choose another name, or leave name unset for a generated one.",
        );
        assert.deepStrictEqual(
            resources.filter((r) => r.type === T.role).map((r) => r.name),
            ["app"],
        );
    });

    it("names a fleet's role by its property, and allows the name in another account", async () => {
        const { message } = await oneError(() => {
            new PodIdentity("fleet", {
                role: { name: "shared" },
                serviceAccounts: SA,
                clusters: { prod: { clusterName: "prod" } },
            });
            new PodIdentityRole("again", { name: "SHARED" });
        });
        assert.match(message, /which PodIdentity "fleet" \(role\.name\) already uses/);
        const other = await record(() => {
            new PodIdentityRole("here", { name: "shared" });
            new PodIdentityRole(
                "there",
                { name: "shared" },
                {
                    provider: new aws.Provider("other-account", {
                        region: "us-east-1",
                        assumeRoles: [{ roleArn: "arn:aws:iam::444455556666:role/deployer" }],
                    }),
                },
            );
        });
        assert.strictEqual(other.ofType(T.role).length, 2);
    });

    it("any name twice in any case: one clean refusal (property)", async () => {
        const name = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,40}$/);
        const flips = fc.array(fc.boolean(), { minLength: 40, maxLength: 40 });
        await fc.assert(
            fc.asyncProperty(name, flips, async (first, flip) => {
                const second = [...first]
                    .map((c, i) => (flip[i] ? c.toUpperCase() : c.toLowerCase()))
                    .join("");
                const { message, resources } = await oneError(() => {
                    new PodIdentityRole("one", { name: first });
                    new PodIdentityRole("two", { name: second });
                });
                assert.match(message, /^PodIdentityRole "two" names its IAM role/);
                assert.deepStrictEqual(createdBy(resources, "two"), []);
            }),
            { numRuns: 20 },
        );
    });
});

describe("the register: an add-on's association needs the Pod Identity agent on its cluster", () => {
    const ebs = (name = "ebs", agent?: boolean, opts?: pulumi.ComponentResourceOptions) =>
        new PodIdentityAddon(
            name,
            // The Kubernetes version given: no lookup for the add-on's version.
            {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                agent,
                kubernetesVersion: "1.31",
            },
            opts,
        );

    it("refuses an add-on on a cluster with no agent, before its role or add-on exist", async () => {
        const { message, resources } = await oneError(() => ebs());
        assert.strictEqual(
            message,
            'PodIdentityAddon "ebs": add-on aws-ebs-csi-driver takes its role through a Pod ' +
                "Identity association, which gives its pods credentials only through the Pod " +
                "Identity agent, and cluster prod has none that this program installs, nor EKS " +
                "Auto Mode (whose nodes run it). Install the agent (PodIdentityAgent, or a " +
                "PodIdentity on the cluster), or set agent: false if it is managed elsewhere.",
        );
        assert.deepStrictEqual(
            resources.filter((r) => r.custom),
            [],
        );
    });

    it("finds an agent declared after the add-on, one set elsewhere, and Auto Mode's", async () => {
        const after = await record(() => {
            ebs();
            new PodIdentityAgent("agent", { clusterName: "prod", kubernetesVersion: "1.31" });
        });
        assert.deepStrictEqual(after.names(T.addon), ["agent", "ebs"]);
        // No lookup needed when the program installs the agent.
        assert.strictEqual(after.invokes(T.getCluster).length, 0);

        const elsewhere = await record(() => ebs("ebs", false));
        assert.deepStrictEqual(elsewhere.names(T.addon), ["ebs"]);

        const auto = await record(() => ebs(), {
            fixture: { clusters: { prod: { autoMode: true } } },
        });
        assert.deepStrictEqual(auto.names(T.addon), ["ebs"]);
        assert.strictEqual(auto.invokes(T.getCluster).length, 1);
    });

    it("does not count an agent on a cluster of the same name in another region", async () => {
        const { message } = await oneError(() => {
            new PodIdentityAgent(
                "agent",
                { clusterName: "prod" },
                { provider: new aws.Provider("west", { region: "us-west-2" }) },
            );
            ebs();
        });
        assert.match(message, /cluster prod has none that this program installs/);
    });

    it("any known add-on without an agent: one clean refusal; with one, accepted (property)", async () => {
        const addonName = fc.constantFrom(
            "aws-ebs-csi-driver",
            "aws-efs-csi-driver",
            "vpc-cni",
            "aws-fsx-csi-driver",
        );
        const clusterName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
        await fc.assert(
            fc.asyncProperty(
                addonName,
                clusterName,
                fc.boolean(),
                async (addon, cluster, before) => {
                    const add = () =>
                        new PodIdentityAddon("addon", {
                            clusterName: cluster,
                            addonName: addon,
                            role: { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
                        });
                    const { message, resources } = await oneError(add);
                    assert.match(message, /takes its role through a Pod Identity association/);
                    assert.deepStrictEqual(
                        resources.filter((r) => r.custom),
                        [],
                    );
                    const run = await record(() => {
                        if (before) {
                            new PodIdentityAgent("agent", { clusterName: cluster });
                        }
                        add();
                        if (!before) {
                            new PodIdentityAgent("agent", { clusterName: cluster });
                        }
                    });
                    assert.strictEqual(run.ofType(T.addon).length, 2);
                },
            ),
            { numRuns: 15 },
        );
    });
});
