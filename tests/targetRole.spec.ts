import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityRole, PodIdentityTargetRole } from "../index";
import { targetRoleTrustPolicy } from "../iam/targetTrustPolicy";
import { record, T } from "./harness";

const CLUSTER_ACCOUNT = "111122223333";
const DATA_ACCOUNT = "444455556666";
const ROLE = `arn:aws:iam::${CLUSTER_ACCOUNT}:role/reports-reader`;
const CLUSTER = `arn:aws:eks:us-east-1:${CLUSTER_ACCOUNT}:cluster/prod-use1`;

/** An AWS provider deploying into `account`, found from its assumed role (as the CLI would). */
function accountProvider(name: string, account: string): aws.Provider {
    return new aws.Provider(name, {
        region: "us-east-1",
        assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/deployer` }],
    });
}

describe("PodIdentityTargetRole", () => {
    it("creates the role in the target account, trusting the association role of the cluster account", async () => {
        const run = await record(() => {
            const clusterAccount = accountProvider("cluster-account", CLUSTER_ACCOUNT);
            const dataAccount = accountProvider("data-account", DATA_ACCOUNT);
            const association = new PodIdentityRole("reader", {}, { provider: clusterAccount });
            const target = new PodIdentityTargetRole(
                "reader-data",
                {
                    trustedRoleArns: [association.arn],
                    clusterArns: [CLUSTER],
                    namespaces: ["reports"],
                    serviceAccounts: ["reader"],
                },
                { provider: dataAccount },
            );
            return {
                associationArn: association.arn,
                arn: target.arn,
                roleName: target.roleName,
                trustPolicy: target.trustPolicy,
            };
        });
        const role = run.get(T.role, "reader-data");
        assert.strictEqual(run.providerOf(role)?.name, "data-account");
        assert.match(
            run.outputs.arn,
            new RegExp(`^arn:aws:iam::${DATA_ACCOUNT}:role/reader-data-`),
        );
        assert.match(run.outputs.associationArn, new RegExp(`^arn:aws:iam::${CLUSTER_ACCOUNT}:`));
        const expected = targetRoleTrustPolicy({
            trustedRoleArns: [run.outputs.associationArn],
            clusterArns: [CLUSTER],
            namespaces: ["reports"],
            serviceAccounts: ["reader"],
        });
        assert.strictEqual(role.inputs.assumeRolePolicy, expected);
        assert.strictEqual(run.outputs.trustPolicy, expected);
        assert.strictEqual(role.inputs.description, "EKS Pod Identity target role reader-data");
        assert.strictEqual(
            run.byUrn(role.parent)?.type,
            "eks-pod-identity:index:PodIdentityTargetRole",
        );
    });

    it("writes the session-tags-off shape from the associations' external ids", async () => {
        const externalId = `us-east-1/${CLUSTER_ACCOUNT}/prod-use1/reports/reader`;
        const run = await record(() => {
            new PodIdentityTargetRole("reader-data", {
                trustedRoleArns: [ROLE],
                externalIds: [pulumi.output(externalId)],
                sessionTags: false,
            });
        });
        assert.strictEqual(
            run.get(T.role, "reader-data").inputs.assumeRolePolicy,
            targetRoleTrustPolicy({
                trustedRoleArns: [ROLE],
                externalIds: [externalId],
                sessionTags: false,
            }),
        );
    });

    it("takes the role settings and permissions of PodIdentityRole", async () => {
        const s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        const run = await record(() => {
            new PodIdentityTargetRole("reader-data", {
                trustedRoleArns: [ROLE],
                name: "reports-data-reader",
                path: "/pods/",
                maxSessionDuration: 7200,
                tags: { team: "reports" },
                managedPolicyArns: [s3],
                policyArns: { kms: "arn:aws:iam::444455556666:policy/kms-decrypt" },
                statements: [{ Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::reports/*"] }],
            });
        });
        const role = run.get(T.role, "reader-data");
        assert.deepStrictEqual(
            [role.inputs.name, role.inputs.path, role.inputs.maxSessionDuration, role.inputs.tags],
            ["reports-data-reader", "/pods/", 7200, { team: "reports" }],
        );
        assert.deepStrictEqual(
            run
                .ofType(T.attachment)
                .map((a) => a.inputs.policyArn)
                .sort(),
            ["arn:aws:iam::444455556666:policy/kms-decrypt", s3],
        );
        assert.strictEqual(
            run.get(T.rolePolicy, "reader-data-inline").inputs.policy,
            '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow",' +
                '"Resource":["arn:aws:s3:::reports/*"]}],"Version":"2012-10-17"}',
        );
        for (const child of [...run.ofType(T.attachment), ...run.ofType(T.rolePolicy)]) {
            assert.strictEqual(child.inputs.role, "reports-data-reader");
        }
    });

    it("fails on bad trust arguments, naming each property, before creating anything", async () => {
        const run = await record(() => {
            try {
                new PodIdentityTargetRole("reader-data", {
                    trustedRoleArns: ["reports-reader"],
                    clusterArns: ["prod-use1"],
                    sessionTags: false,
                });
                return { errors: [] as string[] };
            } catch (error) {
                assert.ok(pulumi.InputPropertiesError.isInstance(error));
                return { errors: error.errors.map((e) => e.propertyPath) };
            }
        });
        assert.deepStrictEqual(run.outputs.errors, [
            "trustedRoleArns[0]",
            "clusterArns[0]",
            "externalIds",
            "clusterArns",
        ]);
        assert.deepStrictEqual(
            run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type),
            [],
        );
    });
});
