/**
 * Bad `verify` and `adopt` settings are refused before anything is created: one
 * InputPropertiesError naming each property path, the value, the rule and the fix. Plain
 * cases per rule, then fast-check generating inputs that break each rule.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import {
    PodIdentity,
    PodIdentityArgs,
    PodIdentityBinding,
    PodIdentityBindingArgs,
    VerifyOptions,
} from "../index";
import { record } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const BINDING: PodIdentityBindingArgs = {
    clusterName: "prod",
    namespace: "demo",
    serviceAccount: "api",
    roleArn: ROLE_ARN,
};
const FLEET: PodIdentityArgs = {
    roleArn: ROLE_ARN,
    serviceAccounts: [{ namespace: "demo", name: "api" }],
    clusters: { a: { clusterName: "a" }, b: { clusterName: "b" } },
};

/** The one error creating the component throws. */
function refusal(create: () => unknown): pulumi.InputPropertiesError {
    try {
        create();
    } catch (error) {
        assert.ok(
            pulumi.InputPropertiesError.isInstance(error),
            `expected InputPropertiesError, got ${String(error)}`,
        );
        return error;
    }
    assert.fail("expected the component to refuse its arguments");
}

function problems(error: pulumi.InputPropertiesError): [string, string][] {
    return error.errors.map((e) => [e.propertyPath, e.reason]);
}

const binding = (args: Partial<PodIdentityBindingArgs>) => () =>
    new PodIdentityBinding("api", { ...BINDING, ...args });
const fleet = (args: Partial<PodIdentityArgs>) => () =>
    new PodIdentity("app", { ...FLEET, ...args });

/** The refusals of `creates`, made inside one program, and what it registered: nothing. */
async function refusedInProgram(
    creates: (() => unknown)[],
): Promise<pulumi.InputPropertiesError[]> {
    const errors: pulumi.InputPropertiesError[] = [];
    const run = await record(() => {
        for (const create of creates) {
            errors.push(refusal(create));
        }
    });
    assert.deepStrictEqual(
        run.resources
            .filter((r) => r.type !== "pulumi:pulumi:Stack")
            .map((r) => `${r.type} ${r.name}`),
        [],
        "nothing is registered but the stack",
    );
    return errors;
}

describe("verify and adopt: bad settings are refused before anything is created", () => {
    it("refuses callerIdentity with the default image, which has no AWS CLI", async () => {
        const [error] = await refusedInProgram([binding({ verify: { callerIdentity: true } })]);
        assert.deepStrictEqual(problems(error), [
            [
                "verify.callerIdentity",
                "the default image has curl but no AWS CLI, which `aws sts get-caller-identity` needs: set image to one with /bin/sh, curl and the AWS CLI v2, or drop callerIdentity.",
            ],
        ]);
        assert.match(
            error.message,
            /^PodIdentityBinding "api" has 1 problem in its arguments:\n {2}- verify\.callerIdentity: /,
        );
    });

    it("refuses numbers Kubernetes or the check cannot use, naming each path and value", async () => {
        const [error] = await refusedInProgram([
            binding({
                verify: {
                    backoffLimit: -1,
                    activeDeadlineSeconds: 2.5,
                    timeoutSeconds: 61,
                    ttlSecondsAfterFinished: -5,
                },
            }),
        ]);
        assert.deepStrictEqual(
            problems(error).map(([path, reason]) => `${path}: ${reason.split(":")[0]}`),
            [
                "verify.backoffLimit: -1 is not a number of retries",
                "verify.activeDeadlineSeconds: 2.5 is not a deadline in seconds",
                "verify.timeoutSeconds: 61 is not a request timeout in seconds",
                "verify.ttlSecondsAfterFinished: -5 is not a number of seconds",
            ],
        );
    });

    it("refuses a deadline no longer than the per-request timeout", async () => {
        const [error] = await refusedInProgram([
            binding({ verify: { activeDeadlineSeconds: 10, timeoutSeconds: 10 } }),
        ]);
        assert.deepStrictEqual(
            problems(error).map(([path]) => path),
            ["verify.activeDeadlineSeconds"],
        );
        assert.match(
            problems(error)[0][1],
            /10 s leaves no time for a check that may wait 10 s per request/,
        );
    });

    it("refuses tolerations, node selectors, pull secrets and images Kubernetes would reject", async () => {
        const [error] = await refusedInProgram([
            binding({
                verify: {
                    image: "curl latest",
                    imagePullSecrets: ["Registry_Login"],
                    nodeSelector: { "bad key!": "x", pool: "not a value" },
                    tolerations: [
                        { key: "gpu", operator: "In" },
                        { operator: "Exists", value: "x" },
                        { operator: "Equal", value: "x" },
                        { key: "gpu", effect: "NoRun" },
                        { key: "gpu", effect: "NoSchedule", tolerationSeconds: 30 },
                    ],
                },
            }),
        ]);
        assert.deepStrictEqual(
            problems(error).map(([path]) => path),
            [
                "verify.image",
                "verify.imagePullSecrets[0]",
                "verify.nodeSelector",
                'verify.nodeSelector["pool"]',
                "verify.tolerations[0].operator",
                "verify.tolerations[1].value",
                "verify.tolerations[2].key",
                "verify.tolerations[3].effect",
                "verify.tolerations[4].tolerationSeconds",
            ],
        );
    });

    it("judges a service account's verify as it combines with the fleet's", async () => {
        // The fleet's callerIdentity needs an image; each service account gives one: fine.
        await record(() => {
            new PodIdentity("app", {
                ...FLEET,
                verify: { callerIdentity: true },
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        verify: { image: "public.ecr.aws/aws-cli/aws-cli:2" },
                    },
                ],
            });
        });
        const [alone, combined] = await refusedInProgram([
            fleet({
                verify: { callerIdentity: true },
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        verify: { image: "public.ecr.aws/aws-cli/aws-cli:2" },
                    },
                    { namespace: "demo", name: "worker" },
                ],
            }),
            fleet({
                verify: { activeDeadlineSeconds: 60 },
                serviceAccounts: [
                    { namespace: "demo", name: "api", verify: { timeoutSeconds: 60 } },
                ],
            }),
        ]);
        assert.deepStrictEqual(
            problems(alone).map(([path]) => path),
            ["verify.callerIdentity"],
        );
        assert.deepStrictEqual(
            problems(combined).map(([path]) => path),
            ["serviceAccounts[0].verify.activeDeadlineSeconds"],
        );
    });

    it("refuses association ids that are not ids, saying what was given instead", async () => {
        const [comma, arn, other] = await refusedInProgram([
            binding({ adopt: { associationId: "prod,a-yrpsdroc4ei7k6xps" } }),
            binding({
                adopt: {
                    associationId:
                        "arn:aws:eks:us-east-1:123456789012:podidentityassociation/prod/a-yrpsdroc4ei7k6xps",
                },
            }),
            binding({ adopt: { associationId: "A-123" } }),
        ]);
        assert.match(
            problems(comma)[0][1],
            /Give the id alone: the cluster name is added from clusterName\.$/,
        );
        assert.match(problems(arn)[0][1], /Give the association's id, not its ARN/);
        assert.deepStrictEqual(problems(other), [
            [
                "adopt.associationId",
                '"A-123" is not an EKS Pod Identity association id such as "a-yrpsdroc4ei7k6xps" (list them with aws eks list-pod-identity-associations).',
            ],
        ]);
    });

    it("refuses an adoption whose import id cannot be known before deployment (clusterName an Output)", async () => {
        const [error] = await refusedInProgram([
            binding({
                clusterName: pulumi.output("prod"),
                adopt: { associationId: "a-yrpsdroc4ei7k6xps" },
            }),
        ]);
        assert.deepStrictEqual(
            problems(error).map(([path]) => path),
            ["adopt.associationId"],
        );
        assert.match(problems(error)[0][1], /give clusterName as a string/);
    });

    it("refuses adopting what the binding is told to leave alone, and Kubernetes' own namespaces", async () => {
        const [serviceAccount, system, notCreated] = await refusedInProgram([
            binding({ createServiceAccount: false, adopt: { serviceAccount: true } }),
            binding({ namespace: "kube-system", adopt: { namespace: true } }),
            binding({ createNamespace: false, adopt: { namespace: true } }),
        ]);
        assert.deepStrictEqual(
            problems(serviceAccount).map(([path]) => path),
            ["adopt.serviceAccount"],
        );
        assert.match(problems(system)[0][1], /"kube-system" is one of Kubernetes' own namespaces/);
        assert.match(
            problems(notCreated)[0][1],
            /createNamespace: false \(or namespaceResource\) leaves it to others: choose one/,
        );
    });

    it("on a PodIdentity: one id for a list on several clusters, unknown cluster keys, both forms, one id twice", async () => {
        const [shared, unknown, both, twice] = await refusedInProgram([
            fleet({
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        adopt: { associationId: "a-aaaaaaaaaaaaaaaaa" },
                    },
                ],
            }),
            fleet({
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        adopt: { associationIds: { c: "a-aaaaaaaaaaaaaaaaa" } },
                    },
                ],
            }),
            fleet({
                clusters: {
                    a: {
                        clusterName: "a",
                        serviceAccounts: [
                            {
                                namespace: "demo",
                                name: "api",
                                adopt: {
                                    associationId: "a-aaaaaaaaaaaaaaaaa",
                                    associationIds: { a: "a-aaaaaaaaaaaaaaaaa" },
                                },
                            },
                        ],
                    },
                },
            }),
            fleet({
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        adopt: { associationIds: { a: "a-aaaaaaaaaaaaaaaaa" } },
                    },
                    {
                        namespace: "demo",
                        name: "worker",
                        adopt: { associationIds: { a: "a-aaaaaaaaaaaaaaaaa" } },
                    },
                ],
            }),
        ]);
        assert.deepStrictEqual(problems(shared), [
            [
                "serviceAccounts[0].adopt.associationId",
                "this list binds 2 clusters (a, b), each with its own association: give associationIds, a map by cluster key.",
            ],
        ]);
        assert.deepStrictEqual(problems(unknown), [
            [
                "serviceAccounts[0].adopt.associationIds.c",
                'no cluster with key "c" binds this service account (a, b): use one of their keys.',
            ],
        ]);
        assert.deepStrictEqual(
            problems(both).map(([path]) => path),
            ["clusters.a.serviceAccounts[0].adopt.associationIds"],
        );
        assert.deepStrictEqual(problems(twice), [
            [
                "serviceAccounts[1].adopt.associationIds.a",
                "association a-aaaaaaaaaaaaaaaaa on cluster a is already adopted at serviceAccounts[0].adopt.associationIds.a: an association belongs to one namespace and service account.",
            ],
        ]);
    });

    describe("generated inputs that break a rule get one clean refusal naming it", () => {
        /** Breaks one `verify` rule; `path` is the property the refusal must name. */
        const brokenVerify: fc.Arbitrary<{ verify: VerifyOptions; path: string }> = fc.oneof(
            fc
                .oneof(fc.integer({ max: -1 }), fc.double({ min: 0.01, max: 50, noInteger: true }))
                .map((n) => ({ verify: { backoffLimit: n }, path: "verify.backoffLimit" })),
            fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 61 })).map((n) => ({
                verify: { timeoutSeconds: n, activeDeadlineSeconds: Math.max(n, 0) + 1_000 },
                path: "verify.timeoutSeconds",
            })),
            fc.integer({ min: 1, max: 60 }).chain((timeout) =>
                fc.integer({ min: 1, max: timeout }).map((deadline) => ({
                    verify: { timeoutSeconds: timeout, activeDeadlineSeconds: deadline },
                    path: "verify.activeDeadlineSeconds",
                })),
            ),
            fc
                .string({ minLength: 1 })
                .filter((op) => op !== "Equal" && op !== "Exists")
                .map((operator) => ({
                    verify: { tolerations: [{ key: "k", operator }] },
                    path: "verify.tolerations[0].operator",
                })),
            fc.string({ minLength: 64, maxLength: 80 }).map((value) => ({
                verify: { nodeSelector: { pool: value } },
                path: 'verify.nodeSelector["pool"]',
            })),
            fc.stringMatching(/[A-Z_]/).map((secret) => ({
                verify: { imagePullSecrets: [secret] },
                path: "verify.imagePullSecrets[0]",
            })),
            fc.constant({ verify: { callerIdentity: true }, path: "verify.callerIdentity" }),
        );

        it("verify", async () => {
            const samples = fc.sample(brokenVerify, { numRuns: 150, seed: 26 });
            const errors = await refusedInProgram(samples.map(({ verify }) => binding({ verify })));
            samples.forEach(({ verify, path }, i) => {
                const paths = errors[i].errors.map((e) => e.propertyPath);
                assert.ok(
                    paths.includes(path),
                    `${JSON.stringify(verify)}: expected ${path}, got ${paths.join(", ")}`,
                );
                // One message, listing each problem once, without a stack trace.
                assert.strictEqual(new Set(paths).size, paths.length);
                assert.ok(!/\n\s+at /.test(errors[i].message), errors[i].message);
            });
        });

        it("adopt.associationId", async () => {
            const notAnId = fc.string().filter((id) => !/^a-[a-z0-9]+$/.test(id));
            const samples = fc.sample(notAnId, { numRuns: 150, seed: 26 });
            const errors = await refusedInProgram(
                samples.map((associationId) => binding({ adopt: { associationId } })),
            );
            errors.forEach((error, i) =>
                assert.deepStrictEqual(
                    error.errors.map((e) => e.propertyPath),
                    ["adopt.associationId"],
                    JSON.stringify(samples[i]),
                ),
            );
        });

        it("adopt.associationIds keys that name no cluster of the list", async () => {
            const keys = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), {
                minLength: 2,
                maxLength: 4,
            });
            const cases = fc.sample(
                keys.chain((clusterKeys) =>
                    fc
                        .stringMatching(/^[a-z][a-z0-9-]{0,8}$/)
                        .filter((key) => !clusterKeys.includes(key))
                        .map((stranger) => ({ clusterKeys, stranger })),
                ),
                { numRuns: 40, seed: 26 },
            );
            const errors = await refusedInProgram(
                cases.map(({ clusterKeys, stranger }) =>
                    fleet({
                        clusters: Object.fromEntries(
                            clusterKeys.map((key) => [key, { clusterName: key }]),
                        ),
                        serviceAccounts: [
                            {
                                namespace: "demo",
                                name: "api",
                                adopt: { associationIds: { [stranger]: "a-aaaaaaaaaaaaaaaaa" } },
                            },
                        ],
                    }),
                ),
            );
            errors.forEach((error, i) =>
                assert.deepStrictEqual(
                    error.errors.map((e) => e.propertyPath),
                    [`serviceAccounts[0].adopt.associationIds.${cases[i].stranger}`],
                ),
            );
        });
    });
});
