import * as assert from "assert";
import * as aws from "@pulumi/aws";
import {
    PodIdentity,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityTargetRole,
} from "../index";
import { json, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const fixture = {
    clusters: { prod: { version: "1.31" } },
    addonVersions: { "1.31": { default: "v1.3.4-eksbuild.1", latest: "v1.3.9-eksbuild.3" } },
};

describe("PodIdentityAgent", () => {
    it("records no args as component inputs, like every component of the package (README)", async () => {
        const run = await record(() => {
            const agent = new PodIdentityAgent("agent", {
                clusterName: "prod",
                kubernetesVersion: "1.31",
                configurationValues: { tolerations: [] },
            });
            const role = new PodIdentityRole("role", { managedPolicyArns: [] });
            new PodIdentityBinding("binding", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: role.arn,
                agent,
            });
            new PodIdentityTargetRole("target", { trustedRoleArns: [ROLE_ARN] });
            new PodIdentity("fleet", {
                roleArn: ROLE_ARN,
                serviceAccounts: [{ namespace: "jobs", name: "batch" }],
                // The agent above: one agent add-on per cluster.
                clusters: { prod: { clusterName: "prod", agent } },
            });
        });
        const components = run.resources.filter((r) => r.type.startsWith("eks-pod-identity:"));
        assert.strictEqual(new Set(components.map((c) => c.type)).size, 5);
        for (const component of components) {
            assert.deepStrictEqual(component.inputs, {}, `${component.type} ${component.name}`);
        }
    });

    it("installs AWS's default version for the cluster's Kubernetes version", async () => {
        const run = await record(
            () => {
                const agent = new PodIdentityAgent("agent", { clusterName: "prod" });
                return { version: agent.addonVersion };
            },
            { fixture },
        );
        const addon = run.get(T.addon, "agent");
        assert.strictEqual(addon.inputs.addonName, "eks-pod-identity-agent");
        assert.strictEqual(addon.inputs.clusterName, "prod");
        assert.strictEqual(addon.inputs.addonVersion, "v1.3.4-eksbuild.1");
        assert.strictEqual(run.outputs.version, "v1.3.4-eksbuild.1");
        assert.deepStrictEqual(
            run.invokes(T.getCluster).map((i) => i.inputs),
            [{ name: "prod" }],
        );
        assert.deepStrictEqual(
            run.invokes(T.getAddonVersion).map((i) => i.inputs),
            [{ addonName: "eks-pod-identity-agent", kubernetesVersion: "1.31", mostRecent: false }],
        );
    });

    it('installs the newest compatible version with "latest"', async () => {
        const run = await record(
            () => new PodIdentityAgent("agent", { clusterName: "prod", version: "latest" }),
            { fixture },
        );
        assert.strictEqual(run.get(T.addon, "agent").inputs.addonVersion, "v1.3.9-eksbuild.3");
        assert.strictEqual(run.invokes(T.getAddonVersion)[0].inputs.mostRecent, true);
        assert.strictEqual(run.invokes(T.getCluster).length, 1);
    });

    it("installs an exact version without asking AWS anything", async () => {
        const run = await record(
            () =>
                new PodIdentityAgent("agent", {
                    clusterName: "prod",
                    version: "v1.3.2-eksbuild.2",
                }),
            { fixture },
        );
        assert.strictEqual(run.get(T.addon, "agent").inputs.addonVersion, "v1.3.2-eksbuild.2");
        assert.strictEqual(run.run.invokes.length, 0);
    });

    it("skips the cluster lookup when the Kubernetes version is given", async () => {
        const run = await record(
            () => new PodIdentityAgent("agent", { clusterName: "prod", kubernetesVersion: "1.31" }),
            { fixture },
        );
        assert.strictEqual(run.invokes(T.getCluster).length, 0);
        assert.strictEqual(run.invokes(T.getAddonVersion).length, 1);
        assert.strictEqual(run.get(T.addon, "agent").inputs.addonVersion, "v1.3.4-eksbuild.1");
    });

    it("preserves the agent on delete by default, and lets the caller opt out", async () => {
        const run = await record(() => {
            new PodIdentityAgent("kept", { clusterName: "prod", version: "v1.3.4-eksbuild.1" });
            // Another cluster: one agent add-on per cluster.
            new PodIdentityAgent("dropped", {
                clusterName: "stage",
                version: "v1.3.4-eksbuild.1",
                preserve: false,
            });
        });
        assert.strictEqual(run.get(T.addon, "kept").inputs.preserve, true);
        assert.strictEqual(run.get(T.addon, "dropped").inputs.preserve, false);
    });

    it("serialises configuration values with sorted keys and passes conflict handling", async () => {
        const run = await record(() => {
            new PodIdentityAgent("agent", {
                clusterName: "prod",
                version: "v1.3.4-eksbuild.1",
                configurationValues: {
                    tolerations: [{ operator: "Exists" }],
                    agent: { additionalArgs: { "-b": "169.254.170.23" } },
                },
                resolveConflictsOnCreate: "NONE",
                resolveConflictsOnUpdate: "PRESERVE",
                tags: { team: "platform" },
            });
        });
        const addon = run.get(T.addon, "agent");
        assert.strictEqual(
            addon.inputs.configurationValues,
            '{"agent":{"additionalArgs":{"-b":"169.254.170.23"}},"tolerations":[{"operator":"Exists"}]}',
        );
        assert.deepStrictEqual(json(addon.inputs.configurationValues), {
            agent: { additionalArgs: { "-b": "169.254.170.23" } },
            tolerations: [{ operator: "Exists" }],
        });
        assert.strictEqual(addon.inputs.resolveConflictsOnCreate, "NONE");
        assert.strictEqual(addon.inputs.resolveConflictsOnUpdate, "PRESERVE");
        assert.deepStrictEqual(addon.inputs.tags, { team: "platform" });
    });

    it("adopts an existing self-managed agent on create by default", async () => {
        const run = await record(() => {
            new PodIdentityAgent("agent", { clusterName: "prod", version: "v1.3.4-eksbuild.1" });
        });
        assert.strictEqual(run.get(T.addon, "agent").inputs.resolveConflictsOnCreate, "OVERWRITE");
        // Updates apply the add-on's own configuration (configurationValues is the way to change it).
        assert.strictEqual(run.get(T.addon, "agent").inputs.resolveConflictsOnUpdate, "OVERWRITE");
    });

    it("sends the add-on and its lookups through the cluster's AWS provider", async () => {
        const run = await record(
            () => {
                const eu = new aws.Provider("eu", { region: "eu-west-1" });
                new PodIdentityAgent("agent", { clusterName: "prod" }, { providers: [eu] });
            },
            { fixture },
        );
        const addon = run.get(T.addon, "agent");
        assert.strictEqual(run.providerOf(addon)?.name, "eu");
        assert.match(String(addon.outputs.arn), /^arn:aws:eks:eu-west-1:/);
        for (const invoke of run.run.invokes) {
            assert.match(invoke.provider, /pulumi:providers:aws::eu::/);
        }
    });
});
