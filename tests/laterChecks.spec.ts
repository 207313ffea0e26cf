/**
 * Values known only at deployment (Outputs) are checked once they resolve, through the same
 * one-message path as the account check (model/checkFailure.ts): one error, no "error
 * serializing property" wrapper, and nothing that takes the value is created.
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
import { failure, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const SA = [{ namespace: "demo", name: "api" }];

/** A value known only at deployment, as a resource's output or a stack reference would be. */
function later<V extends string | boolean>(value: V): pulumi.Output<V> {
    return pulumi.output(Promise.resolve(value)) as pulumi.Output<V>;
}

/** The one error of a failed run, with what it registered. */
async function oneError(program: () => unknown, options?: Parameters<typeof failure>[1]) {
    const failed = await failure(program, options);
    assert.strictEqual(failed.errors.length, 1, failed.errors.map((e) => e.message).join("\n"));
    const message = failed.errors[0].message;
    assert.doesNotMatch(message, /error serializing|Error serializing|\n\s+at /);
    return { message, resources: failed.resources };
}

describe("values known only at deployment, checked once known", () => {
    it("a role ARN that resolves to a user's: one message, and no association", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: later("arn:aws:iam::123456789012:user/bob"),
                }),
        );
        assert.match(
            message,
            /^PodIdentityBinding "api" has 1 problem in its arguments, found once their values were known:\n {2}- roleArn: "arn:aws:iam::123456789012:user\/bob" is not an IAM role ARN/,
        );
        assert.deepStrictEqual(
            resources.filter((r) => r.type === T.association),
            [],
        );
    });

    it("a role setting of the wrong type once resolved: the role is not created", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentityRole("app", {
                    maxSessionDuration: later("3600") as never,
                    statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::b"] }],
                }),
        );
        assert.match(message, /- maxSessionDuration: must be a number, got the string "3600"\./);
        assert.deepStrictEqual(
            resources.filter((r) => r.custom),
            [],
        );
    });

    it("a cluster's Kubernetes version given as an Output: nothing of the cluster is created", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentity("app", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: SA,
                    clusters: {
                        old: { clusterName: "old", kubernetesVersion: later("1.23") },
                        new: { clusterName: "new", kubernetesVersion: "1.31" },
                    },
                }),
        );
        assert.match(
            message,
            /PodIdentity "app" has 1 problem .*\n {2}- clusters\.old\.kubernetesVersion: Kubernetes 1\.23 cannot run EKS Pod Identity/,
        );
        const ofOld = resources.filter((r) => r.custom && r.name.startsWith("app/old"));
        assert.deepStrictEqual(
            ofOld.map((r) => r.type),
            // Its Kubernetes provider only: a provider creates nothing in the cloud.
            ["pulumi:providers:kubernetes"],
        );
        assert.ok(resources.some((r) => r.type === T.association && r.name.startsWith("app/new")));
    });

    it("a Kubernetes version found by the cluster lookup: one message, nothing of the cluster", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentity("app", {
                    role: {},
                    serviceAccounts: SA,
                    clusters: { prod: { clusterName: "prod" } },
                }),
            { fixture: { clusters: { prod: { version: "1.23" } } } },
        );
        assert.match(message, /^clusters\.prod: Kubernetes 1\.23 cannot run EKS Pod Identity/);
        for (const type of [T.addon, T.namespace, T.serviceAccount, T.association]) {
            assert.deepStrictEqual(
                resources.filter((r) => r.type === type),
                [],
                type,
            );
        }
    });

    it("a standalone agent on a cluster found too old: one message, no add-on", async () => {
        const { message, resources } = await oneError(
            () => new PodIdentityAgent("agent", { clusterName: "old" }),
            { fixture: { clusters: { old: { version: "1.22" } } } },
        );
        assert.match(message, /^clusterName: Kubernetes 1\.22 cannot run EKS Pod Identity/);
        assert.deepStrictEqual(
            resources.filter((r) => r.type === T.addon),
            [],
        );
    });

    it("an add-on version resolved too old: one message, neither the add-on nor its role", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                }),
            {
                fixture: {
                    otherAddonVersions: {
                        "aws-ebs-csi-driver": {
                            default: "v1.25.0-eksbuild.1",
                            latest: "v1.26.1-eksbuild.1",
                        },
                    },
                },
            },
        );
        assert.match(message, /^version: aws-ebs-csi-driver v1\.25\.0-eksbuild\.1 is older than/);
        assert.deepStrictEqual(
            resources.filter((r) => r.custom),
            [],
        );
    });

    it("a session policy whose session tags are an Output that resolves to false", async () => {
        const { message, resources } = await oneError(
            () =>
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    sessionPolicy: { Version: "2012-10-17", Statement: [] },
                    disableSessionTags: later(false),
                }),
        );
        assert.match(
            message,
            /- sessionPolicy: EKS accepts a session policy only with session tags off/,
        );
        assert.deepStrictEqual(
            resources.filter((r) => r.type === T.association),
            [],
        );
    });

    it("a value that resolves fine creates everything, as a plain one does", async () => {
        const run = await record(
            () =>
                new PodIdentityBinding("api", {
                    clusterName: later("prod"),
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: later(ROLE_ARN),
                    sessionPolicy: later('{"Version":"2012-10-17","Statement":[]}'),
                    disableSessionTags: later(true),
                }),
        );
        assert.strictEqual(run.ofType(T.association).length, 1);
    });

    it("any role ARN Output that does not resolve to a role's: one clean refusal (property)", async () => {
        const notARole = fc.oneof(
            fc.string(),
            fc.constantFrom(
                "arn:aws:iam::123456789012:user/bob",
                "arn:aws:iam::123456789012:policy/p",
                "arn:aws:iam::12345:role/short-account",
                "app",
            ),
        );
        await fc.assert(
            fc.asyncProperty(notARole, async (arn) => {
                const { message, resources } = await oneError(
                    () =>
                        new PodIdentity("app", {
                            roleArn: later(arn),
                            serviceAccounts: SA,
                            clusters: { prod: { clusterName: "prod", kubernetesVersion: "1.31" } },
                            association: { grantTargetRoleAssumption: false },
                        }),
                );
                assert.match(message, /roleArn: /);
                assert.deepStrictEqual(
                    resources.filter((r) => r.type === T.association),
                    [],
                );
            }),
            { numRuns: 25 },
        );
    });
});
