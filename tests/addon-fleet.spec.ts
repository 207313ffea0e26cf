import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityAddon, PodIdentityArgs } from "../index";
import { json, record, T } from "./harness";

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
