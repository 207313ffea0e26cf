/**
 * Inputs written by someone who had not read these specs (an outside review of 146 inputs),
 * each one a defect of the code it found: values known only at deployment that skipped their
 * rule or registered resources first, names IAM refuses, statements IAM refuses, a namespace
 * that exists in every cluster. Each case fails on the code before the review.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import {
    PodIdentity,
    PodIdentityAddon,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
} from "../index";
import { ROLE_FIELDS } from "../model/parse/role";
import { failure, record, refusal, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const S = [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::b"] }];
/** IAM's name pattern for roles, managed policies and inline policies (CreateRole, CreatePolicy, PutRolePolicy). */
const IAM_NAME = /^[\w+=,.@-]{1,128}$/;

function later<V>(value: V): pulumi.Output<V> {
    return pulumi.output(Promise.resolve(value)) as pulumi.Output<V>;
}

/** The one error of a failed run, with what it registered. */
async function oneError(program: () => unknown) {
    const failed = await failure(program);
    assert.strictEqual(failed.errors.length, 1, failed.errors.map((e) => e.message).join("\n"));
    const message = failed.errors[0].message;
    assert.doesNotMatch(message, /error serializing|Error serializing|SyntaxError|\n\s+at /);
    return { message, custom: failed.resources.filter((r) => r.custom) };
}

describe("inputs from outside: names IAM accepts", () => {
    it("an add-on's role per service account gets an IAM name without the '/' of its resource name", async () => {
        const run = await record(() => {
            new PodIdentityAddon("otel", {
                clusterName: "prod",
                addonName: "adot",
                agent: false,
                serviceAccounts: [
                    { serviceAccount: "adot-col-otlp-ingest" },
                    { serviceAccount: "adot-col-container-logs", role: { statements: S } },
                ],
            });
        });
        const named = run.resources.filter((r) =>
            [T.role, "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy"].includes(r.type),
        );
        assert.ok(named.length >= 3);
        for (const resource of named) {
            assert.match(String(resource.outputs.name), IAM_NAME, resource.name);
        }
        assert.strictEqual(
            run.get(T.role, "otel/adot-col-otlp-ingest").inputs.namePrefix,
            "otel-adot-col-otlp-ingest-",
        );
    });

    it("a name IAM accepts keeps Pulumi's auto-name: no namePrefix, so no existing role is renamed", async () => {
        const run = await record(() => new PodIdentityRole("app", { statements: S }));
        assert.strictEqual(run.get(T.role, "app").inputs.namePrefix, undefined);
    });

    it("any component name: every IAM name it makes is one IAM accepts (property)", async () => {
        await fc.assert(
            fc.asyncProperty(fc.stringMatching(/^[a-z][a-z0-9/ :_.-]{0,40}$/), async (name) => {
                const run = await record(
                    () => new PodIdentityRole(name, { statements: S, presets: { ebsCsi: {} } }),
                );
                for (const resource of run.resources) {
                    if (resource.type === T.role || resource.type.startsWith("aws:iam/policy")) {
                        assert.match(String(resource.outputs.name), IAM_NAME);
                        assert.ok(
                            String(resource.outputs.name).length <= 64 || resource.type !== T.role,
                        );
                    }
                }
            }),
            { numRuns: 15 },
        );
    });
});

describe("inputs from outside: values known only at deployment", () => {
    it("add-on configuration values that resolve to text that is not JSON: one message, nothing created", async () => {
        const { message, custom } = await oneError(
            () =>
                new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    agent: false,
                    addonName: "aws-ebs-csi-driver",
                    configurationValues: later("{bad"),
                }),
        );
        assert.match(message, /- configurationValues: "\{bad" is not valid JSON/);
        assert.deepStrictEqual(custom, []);
    });

    it("a cluster name that resolves to one EKS refuses: the agent add-on is not created", async () => {
        const { message, custom } = await oneError(
            () => new PodIdentityAgent("agent", { clusterName: later("bad cluster!") }),
        );
        assert.match(message, /- clusterName: "bad cluster!"/);
        assert.deepStrictEqual(custom, []);
    });

    it("tags that resolve with an aws: key are refused like plain ones", async () => {
        const { message, custom } = await oneError(
            () => new PodIdentityRole("app", { statements: S, tags: later({ "aws:team": "x" }) }),
        );
        assert.match(message, /- tags: \["aws:team"\]/);
        assert.deepStrictEqual(
            custom.filter((r) => r.type === T.role),
            [],
        );
    });

    it("a binding whose role ARN resolves to a policy's creates no namespace or service account", async () => {
        const { message, custom } = await oneError(
            () =>
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: later("arn:aws:iam::123456789012:policy/x"),
                }),
        );
        assert.match(message, /- roleArn: /);
        assert.deepStrictEqual(
            custom.map((r) => r.type),
            [],
        );
    });

    it("a managed policy ARN that resolves to a role's is refused by its rule", async () => {
        const { message } = await oneError(
            () =>
                new PodIdentityRole("app", {
                    policyArns: { x: later("arn:aws:iam::123456789012:role/x") },
                }),
        );
        assert.match(message, /- policyArns\.x: /);
    });
});

describe("inputs from outside: statements and namespaces AWS or Kubernetes refuse", () => {
    it("a Resource that is not an ARN, and an Action without its service prefix", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityRole("app", {
                        statements: [{ Action: ["s3GetObject"], Resource: ["bucket-without-arn"] }],
                    }),
            ).map((problem) => problem.split(":")[0]),
            ["statements[0].Action[0]", "statements[0].Resource[0]"],
        );
    });

    it("accepts every form IAM takes: *, service:Action with wildcards, any case of prefix, ARNs", async () => {
        await record(
            () =>
                new PodIdentityRole("app", {
                    statements: [
                        {
                            Action: [
                                "*",
                                "s3:Get*",
                                "S3:ListBucket",
                                "execute-api:Invoke",
                                "ec2:Describe?nstances",
                            ],
                            Resource: ["*", "arn:aws:s3:::b/*"],
                        },
                    ],
                }),
        );
    });

    it("any action of no service prefix, and any resource neither '*' nor an ARN, is refused (property)", () => {
        fc.assert(
            fc.property(
                fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,20}$/),
                fc.stringMatching(/^[a-z][a-z0-9./-]{0,30}$/),
                (action, resource) => {
                    const problems = refusal(
                        () =>
                            new PodIdentityRole("app", {
                                statements: [{ Action: [action], Resource: [resource] }],
                            }),
                    );
                    assert.deepStrictEqual(
                        problems.map((problem) => problem.split(":")[0]),
                        ["statements[0].Action[0]", "statements[0].Resource[0]"],
                    );
                },
            ),
            { numRuns: 50 },
        );
    });

    it("createNamespace: true on a namespace every cluster has is refused before the 409", () => {
        for (const namespace of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
            const problems = refusal(
                () =>
                    new PodIdentityBinding("api", {
                        clusterName: "prod",
                        namespace,
                        serviceAccount: "api",
                        roleArn: ROLE_ARN,
                        createNamespace: true,
                    }),
            );
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /^createNamespace: .*rule kubernetes-system-namespace/);
        }
    });

    it("an empty add-on name is refused under addonName", () => {
        const problems = refusal(
            () => new PodIdentityAddon("x", { clusterName: "prod", agent: false, addonName: "" }),
        );
        assert.deepStrictEqual(
            problems.map((problem) => problem.split(":")[0]),
            ["addonName"],
        );
    });

    it("trust values no request can carry are refused; patterns and policy variables are not", async () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityRole("app", {
                        statements: S,
                        trust: {
                            sourceAccounts: ["12345"],
                            sourceOrgIds: ["o-bad"],
                            namespaces: ["Bad_NS", "team-*"],
                            serviceAccounts: ["api", "UPPER"],
                            clusterNames: ["-bad cluster", "prod-*"],
                        },
                    }),
            ).map((problem) => problem.split(":")[0]),
            [
                "trust.sourceAccounts[0]",
                "trust.sourceOrgIds[0]",
                "trust.namespaces[0]",
                "trust.serviceAccounts[1]",
                "trust.clusterNames[0]",
            ],
        );
        await record(
            () =>
                new PodIdentityRole("app", {
                    statements: S,
                    trust: {
                        sourceAccounts: ["012345678901"],
                        sourceOrgIds: ["${aws:ResourceOrgId}", "o-a1b2c3d4e5"],
                        namespaces: ["team-?", "*"],
                        serviceAccounts: ["*-reader"],
                    },
                }),
        );
    });

    it("a misspelt property is refused by its path, with the name it meant", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityRole("app", {
                        statements: S,
                        trust: { namespace: ["a"] },
                    } as never),
            ),
            [
                'trust.namespace: is not a property here: did you mean "namespaces"? Remove it, or fix its name.',
            ],
        );
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: [{ namespace: "a", name: "b" }],
                        retainNamespaceOnDelete: false,
                        clusters: { c: { clusterName: "c", regoin: "eu-west-1" } },
                    } as never),
            ).map((problem) => problem.split(": ")[0]),
            ["clusters.c.regoin", "retainNamespaceOnDelete"],
        );
    });

    it("any property a component does not declare is refused, never dropped (property)", () => {
        const declared = Object.keys(ROLE_FIELDS);
        fc.assert(
            fc.property(
                fc
                    .stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,15}$/)
                    .filter((key) => !declared.includes(key)),
                (key) => {
                    const problems = refusal(
                        () => new PodIdentityRole("app", { statements: S, [key]: "x" }),
                    );
                    assert.deepStrictEqual(
                        problems.map((problem) => problem.split(": ")[0]),
                        [key],
                    );
                },
            ),
            { numRuns: 50 },
        );
    });

    it("args of undefined are described as such", () => {
        const problems = refusal(() => new PodIdentityBinding("api", undefined as never));
        assert.match(problems[0], /nothing \(undefined\)/);
    });
});
