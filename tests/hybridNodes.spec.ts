/**
 * The agent on EKS Hybrid Nodes: add-on v1.3.3-eksbuild.1 or later with
 * `{"daemonsets":{"hybrid":{"create":true}}}` (EKS User Guide, "Configure add-ons for hybrid
 * nodes", hybrid-nodes-add-ons: "EKS Pod Identity Agent add-on").
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { PodIdentity, PodIdentityAgent } from "../index";
import { failure, json, record, refusal, T } from "./harness";
import { checkAgentArgs } from "../model/args";
import { Problems } from "../model/problems";

const fixture = {
    addonVersions: { "1.31": { default: "v1.3.2-eksbuild.2", latest: "v1.3.9-eksbuild.3" } },
    clusters: { old: { version: "1.31" } },
};

describe("PodIdentityAgent: hybridNodes", () => {
    it("merges the hybrid DaemonSet into the configuration, keeping the rest", async () => {
        const run = await record(() => {
            new PodIdentityAgent("agent", {
                clusterName: "prod",
                hybridNodes: true,
                configurationValues: {
                    daemonsets: { hybrid: { tolerations: [] } },
                    resources: { limits: { memory: "64Mi" } },
                },
            });
        });
        assert.deepStrictEqual(json(run.get(T.addon, "agent").inputs.configurationValues), {
            daemonsets: { hybrid: { create: true, tolerations: [] } },
            resources: { limits: { memory: "64Mi" } },
        });
        const plain = await record(() => {
            new PodIdentityAgent("agent", { clusterName: "prod", hybridNodes: true });
        });
        assert.strictEqual(
            plain.get(T.addon, "agent").inputs.configurationValues,
            '{"daemonsets":{"hybrid":{"create":true}}}',
        );
    });

    it("refuses an exact version older than v1.3.3-eksbuild.1, and a configuration that turns it off", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAgent("agent", {
                        clusterName: "prod",
                        hybridNodes: true,
                        version: "v1.3.2-eksbuild.2",
                        configurationValues: { daemonsets: { hybrid: { create: false } } },
                    }),
            ),
            [
                "version: hybridNodes needs the agent add-on v1.3.3-eksbuild.1 or later (EKS User " +
                    'Guide, "Configure add-ons for hybrid nodes"), and v1.3.2-eksbuild.2 is older: ' +
                    'use v1.3.3-eksbuild.1 or later, "default" or "latest".',
                "configurationValues: hybridNodes: true deploys the hybrid nodes DaemonSet, which " +
                    "this configuration sets to false: drop daemonsets.hybrid.create, or hybridNodes.",
            ],
        );
        // Without hybridNodes, an older version is the user's business.
        assert.doesNotThrow(
            () => new PodIdentityAgent("agent", { clusterName: "x", version: "v1.3.2-eksbuild.2" }),
        );
    });

    it("refuses every older exact version once, and accepts every newer one", () => {
        const version = fc
            .tuple(fc.nat(3), fc.nat(12), fc.nat(12), fc.integer({ min: 1, max: 9 }))
            .map(([major, minor, patch, build]) => ({
                text: `v${major}.${minor}.${patch}-eksbuild.${build}`,
                older: major < 1 || (major === 1 && (minor < 3 || (minor === 3 && patch < 3))),
            }));
        fc.assert(
            fc.property(version, ({ text, older }) => {
                // The component's check, as PodIdentityAgent and the fleet's agent settings run it.
                const problems = new Problems();
                checkAgentArgs(problems, { hybridNodes: true, version: text });
                assert.deepStrictEqual(
                    problems.list.map((p) => p.propertyPath),
                    older ? ["version"] : [],
                    text,
                );
                if (older) {
                    assert.deepStrictEqual(
                        refusal(
                            () =>
                                new PodIdentityAgent("agent", {
                                    clusterName: "prod",
                                    hybridNodes: true,
                                    version: text,
                                }),
                        ).map((line) => line.split(":")[0]),
                        ["version"],
                    );
                }
            }),
            { numRuns: 100 },
        );
    });

    it("fails a default version that resolves too old, before the add-on is registered", async () => {
        const failed = await failure(
            () => {
                new PodIdentityAgent("agent", { clusterName: "old", hybridNodes: true });
            },
            { fixture },
        );
        assert.match(
            failed.message,
            /version: hybridNodes needs the agent add-on v1\.3\.3-eksbuild\.1 or later .* v1\.3\.2-eksbuild\.2 is older/,
        );
        assert.ok(!failed.resources.some((r) => r.type === T.addon), "no add-on registered");
    });

    it("is an agent setting of the fleet too", async () => {
        const run = await record(() => {
            new PodIdentity("fleet", {
                roleArn: "arn:aws:iam::123456789012:role/app",
                serviceAccounts: [{ namespace: "jobs", name: "batch" }],
                clusters: { edge: { clusterName: "edge", agent: { hybridNodes: true } } },
            });
        });
        assert.strictEqual(
            run.get(T.addon, "fleet/edge").inputs.configurationValues,
            '{"daemonsets":{"hybrid":{"create":true}}}',
        );
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentity("fleet", {
                        roleArn: "arn:aws:iam::123456789012:role/app",
                        serviceAccounts: [{ namespace: "jobs", name: "batch" }],
                        clusters: {
                            edge: {
                                clusterName: "edge",
                                agent: { hybridNodes: true, version: "v1.2.0-eksbuild.1" },
                            },
                        },
                    }),
            ).map((line) => line.split(":")[0]),
            ["clusters.edge.agent.version"],
        );
    });
});
