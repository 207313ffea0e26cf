/**
 * EKS add-ons: known names (a typo gets the right name), versions of EKS's form, the conflict
 * settings the API takes, configuration values as an object or its JSON text, and Kubernetes
 * versions of the form "1.31".
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { PodIdentity, PodIdentityAddon, PodIdentityAgent, PodIdentityAgentArgs } from "../index";
import { checkAgentArgs } from "../model/args";
import { knownAddonNames, OTHER_EKS_ADDONS } from "../model/rules/addons";
import { json, record, T } from "./harness";
import { assertEachAccepted, assertEachRefused, assertRefused, refusal } from "./rulesHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/addon";
const agent = (args: Partial<PodIdentityAgentArgs>) =>
    new PodIdentityAgent("a", { clusterName: "prod", ...args });
// The agent is not these specs' subject: managed elsewhere.
const addon = (addonName: string, serviceAccount?: string) =>
    new PodIdentityAddon("e", {
        clusterName: "prod",
        addonName,
        roleArn: ROLE_ARN,
        serviceAccount,
        agent: false,
    });

describe("rules: add-ons", () => {
    describe("eks-addon-name", () => {
        it("refuses a typo of a known add-on, once, with the right name", async () => {
            await assertRefused(() => addon("aws-ebs-csi-drivr"), {
                path: "addonName",
                rule: "eks-addon-name",
                value: "aws-ebs-csi-drivr",
            });
            const error = refusal(() => addon("aws-ebs-csi-drivr"));
            assert.match(error.errors[0].reason, /Did you mean "aws-ebs-csi-driver"\?/);
            await assertRefused(
                () =>
                    new PodIdentity("app", {
                        addon: { name: "vpc-cin" },
                        clusters: { prod: { clusterName: "prod" } },
                    }),
                { path: "addon.name", rule: "eks-addon-name", value: "vpc-cin" },
            );
        });

        it("refuses the agent as an add-on with a role of its own", () => {
            const error = refusal(() => addon("eks-pod-identity-agent", "eks-pod-identity-agent"));
            assert.deepStrictEqual(
                error.errors.map((e) => e.propertyPath),
                ["addonName"],
            );
            assert.match(error.errors[0].reason, /install it with PodIdentityAgent/);
        });

        it("accepts other add-ons with their service account, real ones close to known names too", async () => {
            const run = await record(() => {
                addon("my-company-addon", "controller");
                for (const name of OTHER_EKS_ADDONS) {
                    new PodIdentityAddon(`x-${name}`, {
                        clusterName: "prod",
                        addonName: name,
                        roleArn: ROLE_ARN,
                        serviceAccount: `${name}-sa`,
                        agent: false,
                    });
                }
            });
            assert.strictEqual(run.ofType(T.addon).length, OTHER_EKS_ADDONS.length + 1);
        });

        it("refuses generated one- and two-letter typos of known add-ons", async () => {
            const typo = fc
                .tuple(
                    fc.constantFrom(
                        ...knownAddonNames().filter((n) => n !== "eks-pod-identity-agent"),
                    ),
                    fc.array(fc.tuple(fc.nat(), fc.constantFrom(..."abcxyz-")), {
                        minLength: 1,
                        maxLength: 2,
                    }),
                )
                .map(([name, edits]) =>
                    edits.reduce((text, [at, letter]) => {
                        const i = at % text.length;
                        return text.slice(0, i) + letter + text.slice(i + 1);
                    }, name),
                )
                .filter(
                    (name) => !knownAddonNames().includes(name) && !OTHER_EKS_ADDONS.includes(name),
                );
            await assertEachRefused(
                typo,
                (name) => addon(name, "sa"),
                (name) => ({
                    path: "addonName",
                    rule: "eks-addon-name",
                    value: name,
                }),
            );
        });
    });

    describe("eks-addon-version", () => {
        it("refuses a version without EKS's v and build, saying how to write it", () => {
            const error = refusal(() => agent({ version: "1.3.4" }));
            assert.match(error.errors[0].reason, /rule eks-addon-version/);
            assert.match(error.errors[0].reason, /Write "v1\.3\.4-eksbuild\.1"/);
        });

        it("refuses generated versions of other forms; accepts EKS's", async () => {
            const n = fc.integer({ min: 0, max: 40 });
            const broken = fc.oneof(
                fc.tuple(n, n, n).map(([a, b, c]) => `${a}.${b}.${c}`),
                fc.tuple(n, n, n).map(([a, b, c]) => `v${a}.${b}.${c}`),
                fc.tuple(n, n, n, n).map(([a, b, c, d]) => `v${a}.${b}.${c}-eksbuild${d}`),
                fc.constantFrom("Default", "LATEST", "newest", ""),
            );
            await assertEachRefused(
                broken,
                (version) => agent({ version }),
                (version) => ({
                    path: "version",
                    rule: "eks-addon-version",
                    value: version,
                }),
            );
            assertEachAccepted(
                fc.tuple(n, n, n, n).map(([a, b, c, d]) => `v${a}.${b}.${c}-eksbuild.${d}`),
                (problems, version) => checkAgentArgs(problems, { version }),
            );
        });
    });

    describe("eks-addon-resolve-conflicts", () => {
        it("refuses PRESERVE on create, and lower case", async () => {
            await assertRefused(() => agent({ resolveConflictsOnCreate: "PRESERVE" }), {
                path: "resolveConflictsOnCreate",
                rule: "eks-addon-resolve-conflicts",
                value: "PRESERVE",
            });
            const error = refusal(() => agent({ resolveConflictsOnUpdate: "preserve" }));
            assert.match(error.errors[0].reason, /Write "PRESERVE"/);
        });

        it("refuses generated values the API does not take; accepts its own", async () => {
            const setting = fc.constantFrom("resolveConflictsOnCreate", "resolveConflictsOnUpdate");
            const value = fc
                .string({ unit: fc.constantFrom(..."NOVERWITPSabc_"), maxLength: 10 })
                .filter((v) => !["NONE", "OVERWRITE", "PRESERVE"].includes(v));
            await assertEachRefused(
                fc.tuple(setting, value),
                ([key, v]) => agent({ [key]: v }),
                ([key, v]) => ({ path: key, rule: "eks-addon-resolve-conflicts", value: v }),
            );
            assertEachAccepted(
                fc.record({
                    resolveConflictsOnCreate: fc.constantFrom("NONE", "OVERWRITE"),
                    resolveConflictsOnUpdate: fc.constantFrom("NONE", "OVERWRITE", "PRESERVE"),
                }),
                (problems, values) => checkAgentArgs(problems, values),
            );
        });
    });

    describe("eks-addon-configuration-values", () => {
        it("takes configuration values as JSON text and sends them with sorted keys", async () => {
            const run = await record(() =>
                agent({
                    configurationValues: '{"b": 1, "a": {"d": true, "c": null}}' as unknown as {
                        [key: string]: unknown;
                    },
                }),
            );
            assert.strictEqual(
                run.get(T.addon, "a").inputs.configurationValues,
                '{"a":{"c":null,"d":true},"b":1}',
            );
        });

        it("refuses text that is not JSON, and JSON that is not an object", async () => {
            await assertRefused(
                () =>
                    agent({
                        configurationValues: "{tolerations: []}" as unknown as {
                            [key: string]: unknown;
                        },
                    }),
                { path: "configurationValues", rule: "eks-addon-configuration-values" },
            );
            await assertRefused(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: [{ namespace: "demo", name: "api" }],
                        clusters: {
                            prod: {
                                clusterName: "prod",
                                agent: {
                                    configurationValues: "[1, 2]" as unknown as {
                                        [key: string]: unknown;
                                    },
                                },
                            },
                        },
                    }),
                {
                    path: "clusters.prod.agent.configurationValues",
                    rule: "eks-addon-configuration-values",
                },
            );
        });

        it("accepts generated objects as objects or text; refuses other JSON", async () => {
            const object = fc.dictionary(
                fc.string({ maxLength: 8 }),
                fc.jsonValue({ maxDepth: 2 }),
                { maxKeys: 5 },
            );
            assertEachAccepted(fc.tuple(object, fc.boolean()), (problems, [value, asText]) =>
                checkAgentArgs(problems, {
                    configurationValues: asText ? JSON.stringify(value) : value,
                }),
            );
            const notObject = fc.oneof(
                fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
                fc.integer(),
                fc.boolean(),
                fc.constant(null),
            );
            await assertEachRefused(
                notObject,
                (value) =>
                    agent({
                        configurationValues: JSON.stringify(value) as unknown as {
                            [key: string]: unknown;
                        },
                    }),
                () => ({ path: "configurationValues", rule: "eks-addon-configuration-values" }),
            );
        });
    });

    describe("kubernetes-version", () => {
        it('refuses "v1.31" and "1.31.2", saying to write "1.31"', () => {
            for (const version of ["v1.31", "1.31.2"]) {
                const error = refusal(() => agent({ kubernetesVersion: version }));
                assert.deepStrictEqual(
                    error.errors.map((e) => e.propertyPath),
                    ["kubernetesVersion"],
                );
                assert.match(error.errors[0].reason, /Write "1\.31"/);
            }
        });

        it("refuses generated versions of other forms; accepts <major>.<minor> from 1.24", async () => {
            const n = fc.integer({ min: 0, max: 99 });
            const broken = fc.oneof(
                fc.tuple(n, n).map(([a, b]) => `v${a}.${b}`),
                fc.tuple(n, n, n).map(([a, b, c]) => `${a}.${b}.${c}`),
                n.map(String),
                fc.tuple(n, n).map(([a, b]) => `${a}.${b}-eks`),
            );
            await assertEachRefused(
                broken,
                (kubernetesVersion) => agent({ kubernetesVersion }),
                (v) => ({
                    path: "kubernetesVersion",
                    rule: "kubernetes-version",
                    value: v,
                }),
            );
            assertEachAccepted(
                fc.integer({ min: 24, max: 60 }).map((minor) => `1.${minor}`),
                (problems, kubernetesVersion) => checkAgentArgs(problems, { kubernetesVersion }),
            );
        });
    });

    it("reads the known add-ons from eks/knownAddons.ts and the agent's name", () => {
        assert.ok(knownAddonNames().includes("aws-ebs-csi-driver"));
        assert.ok(knownAddonNames().includes("eks-pod-identity-agent"));
        assert.ok(json('{"a":1}'));
    });
});
