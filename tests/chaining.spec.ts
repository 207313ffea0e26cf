import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityBinding, PodIdentityRole } from "../index";
import { record, T } from "./harness";

const ROLE = "arn:aws:iam::111122223333:role/pods/reports-reader";
const TARGET = "arn:aws:iam::444455556666:role/reports-data";
/** The mock cloud's default provider in ROLE's account, where its clusters must be. */
const IN_ROLE_ACCOUNT = { fixture: { accountId: "111122223333" } };
const OTHER_TARGET = "arn:aws:iam::444455556666:role/archive-data";

/** The association role's chaining permission: both actions on the targets, nothing more. */
function chainPolicy(...targets: string[]): string {
    return (
        '{"Statement":[{"Action":["sts:AssumeRole","sts:TagSession"],"Effect":"Allow",' +
        `"Resource":[${targets.map((t) => `"${t}"`).join(",")}],` +
        '"Sid":"AssumePodIdentityTargetRoles"}],"Version":"2012-10-17"}'
    );
}

const binding = {
    clusterName: "prod-use1",
    namespace: "reports",
    serviceAccount: "reader",
    roleArn: ROLE,
};

describe("target role chaining permission", () => {
    describe("PodIdentityBinding", () => {
        it("gives the association role AssumeRole and TagSession on its target, and nothing more", async () => {
            const run = await record(() => {
                const cluster = new aws.Provider("cluster-account", { region: "us-east-1" });
                const b = new PodIdentityBinding(
                    "reader",
                    { ...binding, targetRoleArn: TARGET },
                    { providers: [cluster] },
                );
                return { ready: b.ready };
            });
            const grant = run.get(T.rolePolicy, "reader-chain-targets");
            // The role is named from the last segment of its ARN, whatever its path.
            assert.strictEqual(grant.inputs.role, "reports-reader");
            assert.strictEqual(grant.inputs.policy, chainPolicy(TARGET));
            // In the cluster's account: where EKS requires the association role to be.
            assert.strictEqual(run.providerOf(grant)?.name, "cluster-account");
            assert.deepStrictEqual(
                run.resources
                    .filter((r) => r.type.startsWith("aws:iam/"))
                    .map((r) => `${r.type} ${r.name}`),
                [`${T.rolePolicy} reader-chain-targets`],
            );
            assert.strictEqual(run.get(T.association, "reader").inputs.targetRoleArn, TARGET);
            assert.strictEqual(run.outputs.ready, "reader");
        });

        it("names the role of a roleArn only known at deploy time", async () => {
            const run = await record(() => {
                const role = new PodIdentityRole("reader", { name: "reports-reader" });
                new PodIdentityBinding("reader", {
                    ...binding,
                    roleArn: role.arn,
                    targetRoleArn: pulumi.output(TARGET),
                });
            });
            const grant = run.get(T.rolePolicy, "reader-chain-targets");
            assert.strictEqual(grant.inputs.role, "reports-reader");
            assert.strictEqual(grant.inputs.policy, chainPolicy(TARGET));
        });

        it("grants nothing without a target, or when told the role is managed elsewhere", async () => {
            const run = await record(() => {
                new PodIdentityBinding("plain", binding);
                new PodIdentityBinding("elsewhere", {
                    ...binding,
                    serviceAccount: "other",
                    targetRoleArn: TARGET,
                    grantTargetRoleAssumption: false,
                });
            });
            assert.deepStrictEqual(run.ofType(T.rolePolicy), []);
            assert.strictEqual(run.get(T.association, "elsewhere").inputs.targetRoleArn, TARGET);
        });

        it("rejects a roleArn that names no role, before creating anything", async () => {
            const run = await record(() => {
                try {
                    new PodIdentityBinding("reader", {
                        ...binding,
                        roleArn: "reports-reader",
                        targetRoleArn: TARGET,
                    });
                    return { errors: [] as string[] };
                } catch (error) {
                    assert.ok(pulumi.InputPropertiesError.isInstance(error));
                    return { errors: error.errors.map((e) => e.propertyPath) };
                }
            });
            assert.deepStrictEqual(run.outputs.errors, ["roleArn"]);
            assert.deepStrictEqual(
                run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
                [],
            );
        });
    });

    describe("PodIdentity", () => {
        const clusters = {
            "prod-use1": { clusterName: "prod-use1", agent: false },
            "prod-euw1": { clusterName: "prod-euw1", agent: false },
            "staging-use1": { clusterName: "staging-use1", agent: false },
        };
        const serviceAccounts = [
            {
                namespace: "reports",
                name: "reader",
                createNamespace: false,
                createServiceAccount: false,
            },
            {
                namespace: "reports",
                name: "writer",
                createNamespace: false,
                createServiceAccount: false,
            },
        ];

        it("grants the role it creates once, for every cluster and service account", async () => {
            const run = await record(() => {
                const cluster = new aws.Provider("cluster-account", { region: "us-east-1" });
                new PodIdentity(
                    "reports",
                    {
                        role: { name: "reports-reader" },
                        serviceAccounts,
                        clusters,
                        association: { targetRoleArn: TARGET },
                    },
                    { providers: [cluster] },
                );
            });
            const grants = run.ofType(T.rolePolicy);
            assert.deepStrictEqual(
                grants.map((g) => g.name),
                ["reports-chain-targets"],
            );
            assert.strictEqual(grants[0].inputs.role, "reports-reader");
            assert.strictEqual(grants[0].inputs.policy, chainPolicy(TARGET));
            // With the component's provider, like the role it goes on.
            assert.strictEqual(run.providerOf(grants[0])?.name, "cluster-account");
            assert.strictEqual(run.providerOf(run.get(T.role, "reports"))?.name, "cluster-account");
            const associations = run.ofType(T.association);
            assert.strictEqual(associations.length, 6);
            for (const association of associations) {
                assert.strictEqual(association.inputs.targetRoleArn, TARGET);
            }
        });

        it("grants a role given by ARN, unless told the role is managed elsewhere", async () => {
            const given = await record(() => {
                new PodIdentity("reports", {
                    roleArn: ROLE,
                    serviceAccounts,
                    clusters,
                    association: { targetRoleArn: OTHER_TARGET },
                });
            }, IN_ROLE_ACCOUNT);
            assert.deepStrictEqual(
                given.ofType(T.rolePolicy).map((g) => [g.name, g.inputs.role, g.inputs.policy]),
                [["reports-chain-targets", "reports-reader", chainPolicy(OTHER_TARGET)]],
            );

            const elsewhere = await record(() => {
                new PodIdentity("reports", {
                    roleArn: ROLE,
                    serviceAccounts,
                    clusters,
                    association: { targetRoleArn: TARGET, grantTargetRoleAssumption: false },
                });
            }, IN_ROLE_ACCOUNT);
            assert.deepStrictEqual(elsewhere.ofType(T.rolePolicy), []);
        });

        it("grants nothing without a target role", async () => {
            const run = await record(() => {
                new PodIdentity("reports", { role: {}, serviceAccounts, clusters });
            });
            assert.deepStrictEqual(run.ofType(T.rolePolicy), []);
        });
    });
});
