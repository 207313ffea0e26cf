import * as assert from "assert";
import { PodIdentityRole } from "../index";
import { podIdentityTrustPolicy } from "../iam/trustPolicy";
import { json, record, T } from "./harness";

describe("PodIdentityRole", () => {
    it("creates a role with the Pod Identity trust policy and exposes it", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {});
            return { arn: role.arn, roleName: role.roleName, trustPolicy: role.trustPolicy };
        });
        const role = run.get(T.role, "app");
        assert.strictEqual(role.inputs.assumeRolePolicy, podIdentityTrustPolicy());
        assert.strictEqual(run.outputs.trustPolicy, podIdentityTrustPolicy());
        assert.match(run.outputs.arn, /^arn:aws:iam::123456789012:role\/app-[0-9a-f]{7}$/);
        assert.strictEqual(run.outputs.roleName, role.outputs.name);
        assert.strictEqual(role.inputs.path, "/");
        assert.strictEqual(role.inputs.maxSessionDuration, 3600);
        assert.strictEqual(run.byUrn(role.parent)?.type, "eks-pod-identity:index:PodIdentityRole");
    });

    it("passes name, path, description, session duration, boundary and tags to IAM", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                name: "payments-api",
                path: "/pods/",
                description: "payments API",
                maxSessionDuration: 7200,
                permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
                tags: { team: "payments" },
            });
        });
        const role = run.get(T.role, "app");
        assert.deepStrictEqual(
            {
                name: role.inputs.name,
                path: role.inputs.path,
                description: role.inputs.description,
                maxSessionDuration: role.inputs.maxSessionDuration,
                permissionsBoundary: role.inputs.permissionsBoundary,
                tags: role.inputs.tags,
            },
            {
                name: "payments-api",
                path: "/pods/",
                description: "payments API",
                maxSessionDuration: 7200,
                permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
                tags: { team: "payments" },
            },
        );
        assert.strictEqual(role.outputs.arn, "arn:aws:iam::123456789012:role/pods/payments-api");
    });

    it("puts trust conditions in the role's trust policy", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                trust: { sourceAccounts: ["123456789012"], namespaces: ["team-*"] },
            });
        });
        const trust = json(run.get(T.role, "app").inputs.assumeRolePolicy) as {
            Statement: { Condition: unknown }[];
        };
        assert.deepStrictEqual(trust.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": ["123456789012"] },
            StringLike: { "aws:RequestTag/kubernetes-namespace": ["team-*"] },
        });
    });

    it("attaches each managed policy once, named from its ARN rather than its position", async () => {
        const s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        const sqs = "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess";
        const first = await record(() => {
            new PodIdentityRole("app", { managedPolicyArns: [s3, sqs, s3] });
        });
        const reordered = await record(() => {
            new PodIdentityRole("app", { managedPolicyArns: [sqs, s3] });
        });
        const attachments = first.ofType(T.attachment);
        assert.strictEqual(attachments.length, 2);
        assert.deepStrictEqual(attachments.map((a) => a.inputs.policyArn).sort(), [s3, sqs].sort());
        for (const attachment of attachments) {
            assert.match(attachment.name, /^app-[0-9a-f]{8}$/);
            assert.strictEqual(attachment.inputs.role, first.get(T.role, "app").outputs.name);
            const same = reordered.get(T.attachment, attachment.name);
            assert.strictEqual(same.inputs.policyArn, attachment.inputs.policyArn);
        }
    });

    it("attaches policies whose ARNs are outputs under the key given", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                policyArns: { reports: "arn:aws:iam::123456789012:policy/reports" },
            });
        });
        assert.strictEqual(
            run.get(T.attachment, "app-reports").inputs.policyArn,
            "arn:aws:iam::123456789012:policy/reports",
        );
    });

    it("puts all inline statements in one sorted-key policy, Effect defaulting to Allow", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                statements: [
                    { Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo-bucket"] },
                    {
                        Sid: "NoDelete",
                        Effect: "Deny",
                        Action: ["s3:DeleteObject"],
                        Resource: ["arn:aws:s3:::demo-bucket/*"],
                        Condition: { Bool: { "aws:SecureTransport": ["false"] } },
                    },
                ],
            });
        });
        const policies = run.ofType(T.rolePolicy);
        assert.strictEqual(policies.length, 1);
        assert.strictEqual(policies[0].name, "app-inline");
        assert.strictEqual(
            policies[0].inputs.policy,
            '{"Statement":[{"Action":["s3:ListBucket"],"Effect":"Allow",' +
                '"Resource":["arn:aws:s3:::demo-bucket"]},{"Action":["s3:DeleteObject"],' +
                '"Condition":{"Bool":{"aws:SecureTransport":["false"]}},"Effect":"Deny",' +
                '"Resource":["arn:aws:s3:::demo-bucket/*"],"Sid":"NoDelete"}],"Version":"2012-10-17"}',
        );
    });

    it("creates no permission resources when none are asked for", async () => {
        const run = await record(() => {
            new PodIdentityRole("app");
        });
        assert.deepStrictEqual(run.ofType(T.attachment), []);
        assert.deepStrictEqual(run.ofType(T.rolePolicy), []);
    });
});
