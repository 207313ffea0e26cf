import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityAddon, PodIdentityArgs } from "../index";
import * as fc from "fast-check";
import { json, record, refusal, T } from "./harness";

const fixture = {
    clusters: { blue: { version: "1.31" }, green: { version: "1.32" }, red: { version: "1.33" } },
};

function fleet(keys: string[], extra: Partial<PodIdentityArgs> = {}): PodIdentityArgs {
    return {
        addon: { name: "aws-ebs-csi-driver" },
        clusters: Object.fromEntries(keys.map((key) => [key, { clusterName: key }])),
        ...extra,
    };
}

describe("PodIdentity with addon", () => {
    it("installs the add-on on every cluster with the one role, and the agent beside it", async () => {
        const run = await record(
            () => {
                const ebs = new PodIdentity("ebs", fleet(["blue", "green"]));
                return { role: ebs.roleArn, addons: Object.keys(ebs.addons) };
            },
            { fixture },
        );
        assert.deepStrictEqual(run.names(T.role), ["ebs"]);
        assert.deepStrictEqual(run.names(T.policy), ["ebs-preset-ebsCsi"]);
        assert.deepStrictEqual(run.names(T.addon), [
            "ebs/blue",
            "ebs/blue/aws-ebs-csi-driver",
            "ebs/green",
            "ebs/green/aws-ebs-csi-driver",
        ]);
        for (const [key, version] of [
            ["blue", "1.31"],
            ["green", "1.32"],
        ]) {
            const addon = run.get(T.addon, `ebs/${key}/aws-ebs-csi-driver`);
            assert.strictEqual(addon.inputs.clusterName, key);
            assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
                { roleArn: run.outputs.role, serviceAccount: "ebs-csi-controller-sa" },
            ]);
            // The add-on's pods get credentials from the agent: it waits for it.
            const agent = run.get(T.addon, `ebs/${key}`);
            assert.ok(run.heldBackBy(addon).has(agent.urn));
            assert.deepStrictEqual(
                run
                    .invokes(T.getAddonVersion)
                    .filter((i) => i.inputs.addonName === "aws-ebs-csi-driver")
                    .map((i) => i.inputs.kubernetesVersion)
                    .filter((v) => v === version),
                [version],
            );
        }
        // One cluster lookup per cluster, shared by the agent and the add-on.
        assert.strictEqual(run.invokes(T.getCluster).length, 2);
        assert.deepStrictEqual(run.ofType(T.association), []);
        assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        assert.deepStrictEqual(run.ofType(T.namespace), []);
        assert.deepStrictEqual(run.outputs.addons, ["blue", "green"]);
    });

    it("keeps the role's trust policy the same for one cluster and three", async () => {
        const trust = async (keys: string[]) => {
            const run = await record(() => new PodIdentity("ebs", fleet(keys)), { fixture });
            return json(run.get(T.role, "ebs").inputs.assumeRolePolicy);
        };
        const one = await trust(["blue"]);
        assert.deepStrictEqual(await trust(["blue", "green", "red"]), one);
        assert.strictEqual(JSON.stringify(one).includes("blue"), false);
    });

    it("uses a given role ARN, and passes the add-on settings to every cluster", async () => {
        const roleArn = "arn:aws:iam::123456789012:role/efs-csi";
        const run = await record(
            () =>
                new PodIdentity("efs", {
                    roleArn,
                    addon: {
                        name: "aws-efs-csi-driver",
                        version: "v2.1.9-eksbuild.1",
                        configurationValues: { controller: { replicaCount: 1 } },
                    },
                    clusters: { blue: { clusterName: "blue" } },
                }),
            { fixture },
        );
        const addon = run.get(T.addon, "efs/blue/aws-efs-csi-driver");
        assert.strictEqual(addon.inputs.addonVersion, "v2.1.9-eksbuild.1");
        assert.strictEqual(addon.inputs.configurationValues, '{"controller":{"replicaCount":1}}');
        assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
            { roleArn, serviceAccount: "efs-csi-controller-sa" },
        ]);
        assert.deepStrictEqual(run.ofType(T.role), []);
    });

    it("refuses addon with serviceAccounts, and a role-less add-on without a usable preset", () => {
        let error: unknown;
        try {
            new PodIdentity("mixed", {
                addon: { name: "aws-mountpoint-s3-csi-driver", version: "v1.0.0-eksbuild.1" },
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: { blue: { clusterName: "blue", serviceAccounts: [] } },
            });
        } catch (caught) {
            error = caught;
        }
        assert.ok(pulumi.InputPropertiesError.isInstance(error), String(error));
        assert.deepStrictEqual(
            error.errors.map((e) => e.propertyPath),
            [
                "clusters.blue.serviceAccounts",
                "serviceAccounts",
                "clusters.blue.serviceAccounts",
                "role",
            ],
        );
    });

    it("refuses a PodIdentityAddon and a fleet add-on associating one service account on one cluster", async () => {
        await assert.rejects(
            record(
                () => {
                    new PodIdentityAddon("ebs", {
                        clusterName: "blue",
                        addonName: "aws-ebs-csi-driver",
                        agent: false,
                    });
                    new PodIdentity("fleet", fleet(["blue"]));
                },
                { fixture },
            ),
            /PodIdentity "fleet" \(clusters\.blue\) associates .* service account kube-system\/ebs-csi-controller-sa on cluster blue, which PodIdentityAddon "ebs" already associates/,
        );
        // Through another region's provider it is another cluster.
        const run = await record(
            () => {
                new PodIdentityAddon("ebs", {
                    clusterName: "blue",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                });
                const west = new aws.Provider("west", { region: "us-west-2" });
                new PodIdentity("fleet", {
                    addon: { name: "aws-ebs-csi-driver" },
                    clusters: { blue: { clusterName: "blue", awsProvider: west } },
                });
            },
            { fixture },
        );
        assert.strictEqual(
            run.ofType(T.addon).filter((a) => a.inputs.addonName === "aws-ebs-csi-driver").length,
            2,
        );
    });
});

describe("PodIdentity with addon: review fixes", () => {
    it("gives each cluster's add-on the role's ARN once its permissions exist (readyArn)", async () => {
        const run = await record(() => new PodIdentity("cni", fleetOf("vpc-cni", ["blue"])), {
            fixture,
        });
        // vpc-cni keeps its software (preserve), so its association is a standalone one.
        const association = run.get(T.association, "cni/blue/vpc-cni/aws-node");
        const attachment = run.get(T.attachment, "cni-preset-vpcCni");
        assert.ok(
            run.waitsOn(association).has(attachment.urn),
            "the association waits for the preset policy's attachment",
        );
        const ebs = await record(() => new PodIdentity("ebs", fleet(["blue"])), { fixture });
        const addon = ebs.get(T.addon, "ebs/blue/aws-ebs-csi-driver");
        assert.ok(ebs.waitsOn(addon).has(ebs.get(T.attachment, "ebs-preset-ebsCsi").urn));
    });

    it("refuses association settings with addon, naming both (an add-on's association takes a role and a service account)", () => {
        const refused = refusal(
            () =>
                new PodIdentity("ebs", {
                    ...fleet(["blue"]),
                    association: {
                        targetRoleArn: "arn:aws:iam::999988887777:role/data",
                        tags: { team: "storage" },
                    },
                }),
        );
        assert.deepStrictEqual(refused, [
            "association: with addon, each cluster's association is the add-on's own, which " +
                "takes only a role and a service account: association.targetRoleArn, " +
                "association.tags would be dropped. Remove association, or bind the service " +
                "accounts with serviceAccounts instead of addon.",
        ]);
    });

    it("refuses any association setting with addon, alone or together, before anything is registered", () => {
        const settings = {
            targetRoleArn: fc.constant("arn:aws:iam::999988887777:role/data"),
            grantTargetRoleAssumption: fc.boolean(),
            disableSessionTags: fc.boolean(),
            sessionPolicy: fc.constant({ Version: "2012-10-17", Statement: [] }),
            tags: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string(), { minKeys: 1 }),
        };
        fc.assert(
            fc.property(
                fc.record(settings, { requiredKeys: [] }).filter((a) => Object.keys(a).length > 0),
                fc.constantFrom("aws-ebs-csi-driver", "vpc-cni", "aws-efs-csi-driver"),
                (association, addonName) => {
                    const lines = refusal(
                        () =>
                            new PodIdentity("fleet", {
                                ...fleetOf(addonName, ["blue"]),
                                association,
                            }),
                    );
                    // One refusal naming addon (other rules of the settings may add theirs,
                    // e.g. a session policy needs session tags off).
                    const naming = lines.filter((line) =>
                        line.startsWith("association: with addon, "),
                    );
                    assert.strictEqual(naming.length, 1, lines.join("\n"));
                    for (const key of Object.keys(association)) {
                        assert.ok(naming[0].includes(`association.${key}`), naming[0]);
                    }
                },
            ),
            { numRuns: 60 },
        );
    });

    it("grants a vpc-cni role what every cluster's IP family needs, from one lookup per cluster", async () => {
        const statements = async (families: { [key: string]: "ipv4" | "ipv6" }) => {
            const run = await record(
                () => new PodIdentity("cni", fleetOf("vpc-cni", Object.keys(families))),
                {
                    fixture: {
                        clusters: Object.fromEntries(
                            Object.entries(families).map(([key, ipFamily]) => [key, { ipFamily }]),
                        ),
                    },
                },
            );
            assert.strictEqual(run.invokes(T.getCluster).length, Object.keys(families).length);
            const policy = json(run.get(T.policy, "cni-preset-vpcCni").inputs.policy) as {
                Statement: { Action: string[] }[];
            };
            return policy.Statement.flatMap((s) => s.Action);
        };
        const v4 = await statements({ blue: "ipv4" });
        assert.ok(
            v4.includes("ec2:CreateNetworkInterface") && !v4.includes("ec2:AssignIpv6Addresses"),
        );
        const v6 = await statements({ blue: "ipv6" });
        assert.ok(
            v6.includes("ec2:AssignIpv6Addresses") && !v6.includes("ec2:CreateNetworkInterface"),
        );
        const both = await statements({ blue: "ipv4", green: "ipv6" });
        assert.ok(
            both.includes("ec2:AssignIpv6Addresses") && both.includes("ec2:CreateNetworkInterface"),
        );
    });

    it("passes namespaceConfig and preserve to every cluster's add-on", async () => {
        const run = await record(
            () =>
                new PodIdentity("ebs", {
                    addon: {
                        name: "aws-ebs-csi-driver",
                        namespaceConfig: { namespace: "storage" },
                        preserve: true,
                    },
                    clusters: { blue: { clusterName: "blue" } },
                }),
            { fixture },
        );
        const addon = run.get(T.addon, "ebs/blue/aws-ebs-csi-driver");
        assert.deepStrictEqual(addon.inputs.namespaceConfig, { namespace: "storage" });
        assert.strictEqual(addon.inputs.preserve, true);
        const association = run.get(
            T.association,
            "ebs/blue/aws-ebs-csi-driver/ebs-csi-controller-sa",
        );
        assert.strictEqual(association.inputs.namespace, "storage");
    });
});

function fleetOf(name: string, keys: string[]): PodIdentityArgs {
    return { ...fleet(keys), addon: { name } };
}
