/**
 * Parse, don't re-validate: PodIdentity's args enter the model's parsing once, each part once
 * (the role, each cluster, the add-on, the association settings), and the role, agents and
 * add-ons it builds take their parsed parts instead of checking them again. Counted twice:
 * at the model's parse entry points (model/entries.ts), and at the rules' own entry points,
 * wrapped here so that any call from anywhere is seen (ts-node compiles to CommonJS, whose
 * callers read an export each time they call it).
 */
import * as assert from "assert";
import { PodIdentity } from "../index";
import { parseEntries, resetParseEntries } from "../model/entries";
import { parseRootFleet } from "../program/config";
import { readProject, PACKAGE_ROOT, programOf } from "../tools/mock-engine";
import { record } from "./harness";

/** The rules' entry points, by module: each call into them is counted. */
const RULES: { [module: string]: string[] } = {
    "../model/args": [
        "checkRoleArgs",
        "checkAgentArgs",
        "checkBindingArgs",
        "checkPodIdentityArgs",
    ],
    "../model/addon": ["checkAddonArgs", "checkAddonSettings", "checkFleetAddon"],
    "../model/placement": ["checkPlacement"],
    "../model/irsaTrust": ["checkIrsaTrust"],
    "../presets/validate": ["checkPresets"],
};

/** Counts calls into the rules' entry points while `run` runs. */
async function countRules(run: () => Promise<unknown>): Promise<{ [rule: string]: number }> {
    const counts: { [rule: string]: number } = {};
    const restore: (() => void)[] = [];
    for (const [path, names] of Object.entries(RULES)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(path) as Record<string, (...args: unknown[]) => unknown>;
        for (const name of names) {
            const original = module[name];
            assert.strictEqual(typeof original, "function", `${path} exports ${name}`);
            Object.defineProperty(module, name, {
                configurable: true,
                enumerable: true,
                value: (...args: unknown[]) => {
                    counts[name] = (counts[name] ?? 0) + 1;
                    return original(...args);
                },
            });
            restore.push(() =>
                Object.defineProperty(module, name, {
                    configurable: true,
                    enumerable: true,
                    value: original,
                }),
            );
        }
    }
    try {
        await run();
    } finally {
        restore.forEach((undo) => undo());
    }
    return counts;
}

const ROLE = { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] };

describe("parse, don't re-validate: PodIdentity's args enter validation once per part", () => {
    beforeEach(resetParseEntries);

    it("a fleet with a role, three clusters and two service accounts: the fleet once, its role once, each cluster once", async () => {
        const rules = await countRules(() =>
            record(
                () =>
                    new PodIdentity("app", {
                        role: ROLE,
                        serviceAccounts: [
                            { namespace: "demo", name: "api" },
                            { namespace: "demo", name: "worker" },
                        ],
                        clusters: {
                            a: { clusterName: "a" },
                            b: { clusterName: "b", region: "eu-west-1" },
                            c: { clusterName: "c", agent: { version: "latest" } },
                        },
                    }),
            ),
        );
        // PodIdentityRole and the three PodIdentityAgents it built parsed nothing.
        assert.deepStrictEqual(parseEntries(), { PodIdentity: 1, cluster: 3, role: 1 });
        // The rules ran once over everything, each part's once: the role's presets and IRSA
        // trust once, each cluster's placement once. No component checked its part again
        // (before: the role's rules twice, each cluster's agent rules twice).
        assert.deepStrictEqual(rules, {
            checkFleetAddon: 1,
            checkIrsaTrust: 1,
            checkPlacement: 3,
            checkPodIdentityArgs: 1,
            checkPresets: 1,
        });
    });

    it("an add-on fleet on two clusters: its PodIdentityAddons and the role take their parts", async () => {
        const rules = await countRules(() =>
            record(
                () =>
                    new PodIdentity("ebs", {
                        addon: { name: "aws-ebs-csi-driver" },
                        clusters: { a: { clusterName: "a" }, b: { clusterName: "b" } },
                    }),
            ),
        );
        assert.deepStrictEqual(parseEntries(), {
            PodIdentity: 1,
            addon: 1,
            cluster: 2,
        });
        // The add-on's settings once (its version's rule through checkAgentArgs), not once
        // more per cluster by each PodIdentityAddon (before: 5 and 9 times on two clusters).
        assert.deepStrictEqual(rules, {
            checkAgentArgs: 1,
            checkFleetAddon: 1,
            checkPlacement: 2,
            checkPodIdentityArgs: 1,
        });
    });

    it("each public component built on its own parses its args once", async () => {
        const rules = await countRules(() =>
            record(() => {
                const { PodIdentityAddon, PodIdentityAgent, PodIdentityBinding, PodIdentityRole } =
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    require("../index") as typeof import("../index");
                const role = new PodIdentityRole("role", ROLE);
                new PodIdentityAgent("agent", { clusterName: "prod" });
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: role.arn,
                });
                // On the agent above.
                new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    role: ROLE,
                });
            }),
        );
        assert.deepStrictEqual(parseEntries(), {
            PodIdentityAddon: 1,
            PodIdentityAgent: 1,
            PodIdentityBinding: 1,
            PodIdentityRole: 1,
            // PodIdentityRole's args, and the add-on's role (its PodIdentityRole parsed nothing).
            role: 2,
        });
        // The add-on's version and Kubernetes version are two properties: checkAgentArgs once
        // each (through checkAddonArgs for the first).
        assert.deepStrictEqual(rules, {
            checkAddonArgs: 1,
            checkAgentArgs: 3,
            checkBindingArgs: 1,
            checkIrsaTrust: 2,
            checkPresets: 2,
            checkRoleArgs: 2,
        });
    });

    it("the root project's configuration parses into the same model, which PodIdentity builds from", async () => {
        const project = readProject(PACKAGE_ROOT, "example");
        const values = Object.fromEntries(
            Object.entries(project.config)
                .filter(([key]) => key.startsWith("eks-pod-identity:"))
                .map(([key, value]) => [key.slice("eks-pod-identity:".length), value]),
        );
        const { fleet } = parseRootFleet(values, "eks-pod-identity");
        assert.deepStrictEqual(
            fleet.model.clusters.map((cluster) => [cluster.key, cluster.place.kind]),
            [
                ["demo-euw1", "placement"],
                ["demo-use1", "placement"],
            ],
        );
        resetParseEntries();
        const rules = await countRules(() =>
            record(programOf(project), {
                project: project.name,
                stack: "test",
                config: project.config,
            }),
        );
        // Once, from the configuration; the PodIdentity the program builds parsed nothing.
        assert.deepStrictEqual(parseEntries(), { cluster: 2, role: 1 });
        assert.deepStrictEqual(rules, {
            checkFleetAddon: 1,
            checkIrsaTrust: 1,
            checkPlacement: 2,
            checkPodIdentityArgs: 1,
            checkPresets: 1,
        });
    });
});
