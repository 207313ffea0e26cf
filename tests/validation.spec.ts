import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import {
    PodIdentity,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityArgs,
} from "../index";
import { record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const BASE: PodIdentityArgs = {
    role: {},
    serviceAccounts: [{ namespace: "demo", name: "api" }],
    clusters: { prod: { clusterName: "prod" } },
};

/** The error a component throws for these args, with its property paths. */
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

function paths(error: pulumi.InputPropertiesError): string[] {
    return error.errors.map((e) => e.propertyPath).sort();
}

/** Runs `create` inside a program and returns its refusal plus what got registered. */
async function refusedInProgram(create: () => unknown) {
    let error: pulumi.InputPropertiesError | undefined;
    const run = await record(() => {
        error = refusal(create);
    });
    return { error: error!, run };
}

describe("bad input is refused before anything is created", () => {
    it("reports every problem of a PodIdentity at once, each with its property path and fix", async () => {
        const { error, run } = await refusedInProgram(
            () =>
                new PodIdentity("app", {
                    role: { name: "x".repeat(65), path: "pods", maxSessionDuration: 600 },
                    serviceAccounts: [
                        { namespace: "Demo_NS", name: "api" },
                        { namespace: "demo", name: "-bad-" },
                    ],
                    clusters: { prod: { clusterName: "prod", kubernetesVersion: "1.23" } },
                }),
        );
        assert.deepStrictEqual(paths(error), [
            "clusters.prod.kubernetesVersion",
            "role.maxSessionDuration",
            "role.name",
            "role.path",
            "serviceAccounts[0].namespace",
            "serviceAccounts[1].name",
        ]);
        assert.match(error.message, /PodIdentity "app" has 6 problems/);
        assert.match(
            error.message,
            /role\.path: "pods" is not an IAM path: it must start and end with "\/"/,
        );
        assert.match(
            error.message,
            /clusters\.prod\.kubernetesVersion: Kubernetes 1\.23 cannot run EKS Pod Identity, which needs 1\.24/,
        );
        assert.match(error.message, /3600 \(1 hour\) to 43200/);
        // Nothing of the component was registered: the refusal came first.
        assert.deepStrictEqual(
            run.resources.filter((r) => r.type.startsWith("eks-pod-identity")),
            [],
        );
        assert.deepStrictEqual(
            run.resources.filter((r) => r.custom),
            [],
        );
    });

    it("reports preset problems with the role's other problems, under role.presets", () => {
        const error = refusal(
            () =>
                new PodIdentity("app", {
                    ...BASE,
                    role: { name: "bad name", presets: { externalDns: { hostedZoneArns: [] } } },
                }),
        );
        assert.deepStrictEqual(paths(error), [
            "role.name",
            "role.presets.externalDns.hostedZoneArns",
        ]);
    });

    it("refuses conflicting trust conditions before the role is registered", async () => {
        const { error, run } = await refusedInProgram(
            () =>
                new PodIdentityRole("r", {
                    trust: {
                        namespaces: ["a"],
                        conditions: {
                            StringLike: { "aws:RequestTag/kubernetes-namespace": ["b*"] },
                        },
                    },
                }),
        );
        assert.deepStrictEqual(paths(error), ["trust.conditions"]);
        assert.deepStrictEqual(
            run.resources.filter((r) => r.type.startsWith("eks-pod-identity") || r.custom),
            [],
        );
    });

    it("refuses a session policy that is not JSON, and policyArns keys that collide with generated names", () => {
        const binding = refusal(
            () =>
                new PodIdentityBinding("b", {
                    clusterName: "c",
                    namespace: "n",
                    serviceAccount: "s",
                    roleArn: ROLE_ARN,
                    disableSessionTags: true,
                    sessionPolicy: "{not json",
                }),
        );
        assert.deepStrictEqual(paths(binding), ["sessionPolicy"]);
        assert.match(binding.message, /is not valid JSON/);
        const role = refusal(
            () =>
                new PodIdentityRole("r", {
                    policyArns: {
                        inline: "arn:aws:iam::123456789012:policy/a",
                        "preset-s3Read": "arn:aws:iam::123456789012:policy/b",
                        reports: "arn:aws:iam::123456789012:policy/c",
                    },
                }),
        );
        assert.deepStrictEqual(paths(role), ["policyArns.inline", "policyArns.preset-s3Read"]);
    });

    it("refuses invalid role names and characters", () => {
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentityRole("r", { name: "has space" }))),
            ["name"],
        );
        assert.match(
            refusal(() => new PodIdentityRole("r", { name: "a".repeat(65) })).message,
            /65 characters; IAM role names have 1 to 64/,
        );
        assert.doesNotThrow(
            () =>
                new PodIdentityRole("ok", {
                    name: "a".repeat(64),
                    path: "/team/pods/",
                    maxSessionDuration: 43200,
                }),
        );
    });

    it("refuses the same cluster, namespace and service account twice", () => {
        const twice = refusal(
            () =>
                new PodIdentity("app", {
                    ...BASE,
                    serviceAccounts: [
                        { namespace: "demo", name: "api" },
                        { namespace: "demo", name: "api" },
                    ],
                }),
        );
        assert.deepStrictEqual(paths(twice), ["serviceAccounts[1]"]);
        assert.match(
            twice.message,
            /one association per cluster, namespace and service account.*Association already exists/,
        );

        const sameCluster = refusal(
            () =>
                new PodIdentity("app", {
                    ...BASE,
                    clusters: { a: { clusterName: "prod" }, b: { clusterName: "prod" } },
                }),
        );
        assert.deepStrictEqual(paths(sameCluster), ["clusters.b"]);
        assert.match(
            sameCluster.message,
            /cluster "prod" is also clusters\.a .*demo\/api would get two associations/,
        );
    });

    it("accepts the same cluster name in two regions (different providers)", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                ...BASE,
                clusters: {
                    use1: {
                        clusterName: "prod",
                        awsProvider: new aws.Provider("use1", { region: "us-east-1" }),
                    },
                    euw1: {
                        clusterName: "prod",
                        awsProvider: new aws.Provider("euw1", { region: "eu-west-1" }),
                    },
                },
            });
        });
        assert.strictEqual(run.ofType(T.association).length, 2);
    });

    it("refuses a cluster whose looked-up Kubernetes version is below 1.24", async () => {
        await assert.rejects(
            record(
                () => {
                    new PodIdentity("app", BASE);
                },
                { fixture: { clusters: { prod: { version: "1.23" } } } },
            ),
            /clusters\.prod: Kubernetes 1\.23 cannot run EKS Pod Identity/,
        );
    });

    it("refuses to install the agent on a looked-up cluster older than 1.24", async () => {
        await assert.rejects(
            record(
                () => {
                    new PodIdentityAgent("agent", { clusterName: "old" });
                },
                { fixture: { clusters: { old: { version: "1.22" } } } },
            ),
            /clusterName: Kubernetes 1\.22 cannot run EKS Pod Identity/,
        );
    });

    it("refuses a session policy without disableSessionTags, and request-tag trust with session tags off", () => {
        const binding = refusal(
            () =>
                new PodIdentityBinding("b", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    sessionPolicy: { Version: "2012-10-17", Statement: [] },
                }),
        );
        assert.deepStrictEqual(paths(binding), ["sessionPolicy"]);
        assert.match(binding.message, /set disableSessionTags: true/);

        const fleet = refusal(
            () =>
                new PodIdentity("app", {
                    ...BASE,
                    role: { trust: { namespaces: ["demo"] } },
                    association: { disableSessionTags: true },
                }),
        );
        assert.deepStrictEqual(paths(fleet), ["association.disableSessionTags"]);
        assert.match(fleet.message, /no pod could assume the role/);
    });

    it("refuses role and roleArn together or both missing, and ARNs that are not role ARNs", () => {
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentity("a", { ...BASE, roleArn: ROLE_ARN }))),
            ["roleArn"],
        );
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentity("a", { ...BASE, role: undefined }))),
            ["role"],
        );
        const arns = refusal(
            () =>
                new PodIdentity("a", {
                    ...BASE,
                    role: undefined,
                    roleArn: "arn:aws:iam::123456789012:instance-profile/app",
                    association: { targetRoleArn: "arn:aws:iam::123456789012:policy/data" },
                }),
        );
        assert.deepStrictEqual(paths(arns), ["association.targetRoleArn", "roleArn"]);
        assert.match(arns.message, /is not an IAM role ARN/);
        assert.deepStrictEqual(
            paths(
                refusal(
                    () =>
                        new PodIdentityBinding("b", {
                            clusterName: "c",
                            namespace: "n",
                            serviceAccount: "s",
                            roleArn: "my-role",
                        }),
                ),
            ),
            ["roleArn"],
        );
    });

    it("refuses an empty cluster map or service-account list", () => {
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentity("a", { ...BASE, clusters: {} }))),
            ["clusters"],
        );
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentity("a", { ...BASE, serviceAccounts: [] }))),
            ["serviceAccounts"],
        );
        assert.deepStrictEqual(
            paths(
                refusal(
                    () =>
                        new PodIdentity("a", {
                            ...BASE,
                            clusters: { prod: { clusterName: "prod", serviceAccounts: [] } },
                        }),
                ),
            ),
            ["clusters.prod.serviceAccounts"],
        );
    });

    it("refuses the IRSA annotation on a created service account, unless opted in for a migration", async () => {
        const annotated = { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/irsa" };
        const error = refusal(
            () =>
                new PodIdentity("a", {
                    ...BASE,
                    serviceAccounts: [{ namespace: "demo", name: "api", annotations: annotated }],
                }),
        );
        assert.deepStrictEqual(paths(error), [
            'serviceAccounts[0].annotations["eks.amazonaws.com/role-arn"]',
        ]);
        assert.match(error.message, /IRSA instead of Pod Identity/);
        assert.deepStrictEqual(
            paths(
                refusal(
                    () =>
                        new PodIdentityBinding("b", {
                            clusterName: "c",
                            namespace: "n",
                            serviceAccount: "s",
                            roleArn: ROLE_ARN,
                            serviceAccountAnnotations: annotated,
                        }),
                ),
            ),
            ['serviceAccountAnnotations["eks.amazonaws.com/role-arn"]'],
        );
        const run = await record(() => {
            new PodIdentity("a", {
                ...BASE,
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        annotations: annotated,
                        allowIrsaAnnotation: true,
                    },
                ],
            });
        });
        assert.deepStrictEqual(
            (
                run.get(T.serviceAccount, "a/prod/demo/api").inputs.metadata as {
                    annotations: unknown;
                }
            ).annotations,
            annotated,
        );
    });

    it("refuses an agent version that is neither default, latest nor an exact version", () => {
        assert.deepStrictEqual(
            paths(refusal(() => new PodIdentityAgent("a", { clusterName: "c", version: "1.3" }))),
            ["version"],
        );
    });
});

describe("warnings", () => {
    it("warns once about a partition where Pod Identity was announced as unavailable", async () => {
        const run = await record(
            () => {
                new PodIdentity("app", {
                    ...BASE,
                    clusters: { a: { clusterName: "a" }, b: { clusterName: "b" } },
                });
            },
            { fixture: { region: "cn-north-1" } },
        );
        const warnings = run.logs("warning").filter((m) => /announced as unavailable/.test(m));
        assert.strictEqual(warnings.length, 1);
        assert.match(
            warnings[0],
            /the AWS China regions \(partition aws-cn\).*allowUnannouncedPartition: true/,
        );

        const quiet = await record(
            () => {
                new PodIdentity("app", { ...BASE, allowUnannouncedPartition: true });
            },
            { fixture: { region: "us-gov-west-1" } },
        );
        assert.deepStrictEqual(quiet.logs("warning"), []);
        const commercial = await record(() => {
            new PodIdentity("app", BASE);
        });
        assert.deepStrictEqual(commercial.logs("warning"), []);
    });

    it("warns about AdministratorAccess and allow-all statements on a pod role", async () => {
        const run = await record(() => {
            new PodIdentityRole("admin", {
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                statements: [
                    { Action: ["*"], Resource: ["*"] },
                    { Action: ["s3:GetObject"], Resource: ["*"] },
                ],
            });
        });
        const warnings = run.logs("warning");
        assert.strictEqual(warnings.length, 2);
        assert.match(
            warnings[0],
            /AdministratorAccess gives every pod that uses this role full control/,
        );
        assert.match(warnings[1], /statements\[0\] allows "\*" actions on "\*" resources/);
    });
});
