import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentity, PodIdentityAgent } from "../index";
import { failure, record, T } from "./harness";

const ROLE = { statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo"] }] };
const SERVICE_ACCOUNTS = Array.from({ length: 12 }, (_, i) => ({
    namespace: "demo",
    name: `sa${i}`,
}));
const CALLER = "aws:index/getCallerIdentity:getCallerIdentity";

/** A provider whose credentials are in `account` (the mock cloud reads the assumed role). */
function providerIn(name: string, account: string): aws.Provider {
    return new aws.Provider(name, {
        region: "us-east-1",
        assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }],
    });
}

/** Resource types the package creates in the cloud. */
const CLOUD = [
    T.role,
    T.rolePolicy,
    T.policy,
    T.attachment,
    T.addon,
    T.association,
    T.namespace,
    T.serviceAccount,
];

describe("PodIdentity: the role and the clusters in one account (EKS requires it)", () => {
    // Shared agent and Kubernetes provider: no cluster lookup at all, as in a fleet that
    // shares them. The old check read the cluster's ARN from the lookup, so it never ran here.
    const sharedEverything = () => {
        const other = providerIn("other-account", "444455556666");
        const agent = new PodIdentityAgent(
            "agent",
            {
                clusterName: "other",
                version: "v1.3.8-eksbuild.2",
            },
            { provider: other },
        );
        new PodIdentity("app", {
            role: ROLE,
            serviceAccounts: SERVICE_ACCOUNTS,
            clusters: {
                other: {
                    clusterName: "other",
                    awsProvider: other,
                    kubernetesProvider: new k8s.Provider("k8s", { kubeconfig: "{}" }),
                    agent,
                },
            },
        });
    };

    for (const preview of [false, true]) {
        it(`refuses a cluster in another account once, naming it, both accounts and the fix, with no lookup, ${preview ? "in a preview (the role's ARN unknown)" : "on up"}`, async () => {
            const failed = await failure(sharedEverything, { preview });
            assert.deepStrictEqual(
                failed.errors.map((error) => error.message),
                [
                    'PodIdentity "app": the role (created by this component through its AWS provider) ' +
                        "is in account 123456789012, and this is not:\n" +
                        "  - clusters.other: the cluster is in account 444455556666 (its awsProvider), " +
                        "but EKS requires the association role in the cluster's account. Give the " +
                        "cluster an awsProvider in account 123456789012, or bind it with another " +
                        "PodIdentity whose role is in 444455556666 (one per account); reach resources " +
                        "in other accounts through association.targetRoleArn.",
                ],
            );
            // Nothing of the component reaches the cloud: not the role, not a namespace,
            // service account or association of the cluster.
            const created = failed.resources.filter(
                (r) =>
                    r.custom && r.urn.includes("PodIdentity$") && CLOUD.includes(r.type as never),
            );
            assert.deepStrictEqual(
                created.map((r) => r.name),
                [],
            );
            assert.strictEqual(failed.resources.filter((r) => r.type === T.association).length, 0);
        });
    }

    it("refuses a role given by ARN in another account than a cluster's provider", async () => {
        const failed = await failure(
            () => {
                new PodIdentity("app", {
                    roleArn: "arn:aws:iam::111122223333:role/shared",
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: { prod: { clusterName: "prod", kubernetesVersion: "1.33" } },
                });
            },
            { fixture: { accountId: "999988887777" } },
        );
        assert.strictEqual(failed.errors.length, 1);
        assert.match(
            failed.errors[0].message,
            /^PodIdentity "app": the role \(arn:aws:iam::111122223333:role\/shared\) is in account 111122223333, and this is not:\n {2}- clusters\.prod: the cluster is in account 999988887777 \(this component's AWS provider\)/,
        );
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.type === T.association),
            [],
        );
    });

    it("refuses the grant on the target role through a provider outside the role's account, and accepts it turned off", async () => {
        const program = (grant: boolean) => () => {
            new PodIdentity("app", {
                roleArn: "arn:aws:iam::111122223333:role/shared",
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    prod: {
                        clusterName: "prod",
                        kubernetesVersion: "1.33",
                        awsProvider: providerIn("apps", "111122223333"),
                    },
                },
                association: {
                    targetRoleArn: "arn:aws:iam::999988887777:role/data",
                    grantTargetRoleAssumption: grant,
                },
            });
        };
        const failed = await failure(program(true), { fixture: { accountId: "444455556666" } });
        assert.strictEqual(failed.errors.length, 1);
        assert.match(
            failed.errors[0].message,
            /\n {2}- association\.grantTargetRoleAssumption: the role's permission to assume the target role would be written through this component's AWS provider, in account 444455556666, where the role is not\. Give this PodIdentity an AWS provider in account 111122223333, or set association\.grantTargetRoleAssumption: false/,
        );
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.type === T.rolePolicy),
            [],
        );

        const run = await record(program(false), { fixture: { accountId: "444455556666" } });
        assert.strictEqual(run.ofType(T.association).length, 1);
    });

    it("asks each distinct provider for its account once, and nothing when the role's provider reaches every cluster", async () => {
        const fleet = await record(() => {
            const apps = providerIn("apps", "123456789012");
            new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: SERVICE_ACCOUNTS,
                clusters: {
                    a: { clusterName: "a", awsProvider: apps },
                    b: { clusterName: "b", awsProvider: apps },
                    c: { clusterName: "c", awsProvider: providerIn("eu", "123456789012") },
                },
            });
        });
        // The role's provider, `apps` and `eu`.
        assert.strictEqual(fleet.invokes(CALLER).length, 3);
        assert.strictEqual(fleet.ofType(T.association).length, 36);

        const single = await record(() => {
            new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: SERVICE_ACCOUNTS,
                clusters: { a: { clusterName: "a" } },
            });
        });
        assert.strictEqual(single.invokes(CALLER).length, 0);
    });
});
