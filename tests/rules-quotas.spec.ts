/**
 * IAM's sizes and quotas, counted on what the package sends: managed policies per role (presets
 * count), each preset's policy, the inline policies together (with the chaining grant), the trust
 * policy (with the IRSA statements) and an association's session policy.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityBinding, PodIdentityRole, PodIdentityRoleArgs } from "../index";
import { stableStringify } from "../core/json";
import { checkBindingArgs, checkRoleArgs } from "../model/args";
import { Problems } from "../model/problems";
import { policyDocument, normaliseStatement } from "../iam/policyDocument";
import { podIdentityTrustPolicy } from "../iam/trustPolicy";
import { policySize } from "../model/rules/quotas";
import { presetPolicy } from "../presets/policies";
import { record, T } from "./harness";
import {
    assertEachAccepted,
    assertEachRefused,
    assertRefused,
    refusal,
    RUNS,
} from "./rulesHarness";

const ACCOUNT = "123456789012";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const policy = (i: number) => `arn:aws:iam::${ACCOUNT}:policy/p${i}`;
const role = (args: PodIdentityRoleArgs) => new PodIdentityRole("r", args);
const irsa = (i: number) => ({
    oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/CLUSTER${i}ABCDEF0123456789`,
    serviceAccounts: ["payments/api", "payments/worker"],
});

/** Problems of role args, as the component's checks find them. */
function roleProblems(args: PodIdentityRoleArgs): string[] {
    const problems = new Problems();
    checkRoleArgs(problems, args);
    return problems.list.map((p) => `${p.propertyPath}: ${p.reason}`);
}

describe("rules: IAM sizes and quotas", () => {
    describe("iam-managed-policies-per-role", () => {
        it("counts presets with managed policies, names what fills the quota, and takes a raised quota", async () => {
            const args: PodIdentityRoleArgs = {
                managedPolicyArns: [1, 2, 3, 4, 5, 6, 7].map(policy),
                presets: {
                    s3Read: { bucketArns: ["data"] },
                    sqsSend: { queueArns: [`arn:aws:sqs:us-east-1:${ACCOUNT}:q`] },
                    xray: {},
                    ecrPull: { repositoryArns: [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/a`] },
                },
            };
            await assertRefused(() => role(args), {
                path: "managedPolicyArns",
                rule: "iam-managed-policies-per-role",
            });
            const error = refusal(() => role(args));
            assert.match(error.errors[0].reason, /11 managed policies/);
            assert.match(error.errors[0].reason, /preset s3Read, preset sqsSend, preset xray/);
            const run = await record(() =>
                role({ ...args, quotas: { managedPoliciesPerRole: 20 } }),
            );
            assert.strictEqual(run.ofType(T.attachment).length, 11);
        });

        it("refuses a quota IAM cannot grant", async () => {
            await assertRefused(() => role({ quotas: { managedPoliciesPerRole: 30 } }), {
                path: "quotas.managedPoliciesPerRole",
                rule: "iam-quota-setting",
            });
            await assertRefused(() => role({ quotas: { trustPolicySize: 2048.5 } }), {
                path: "quotas.trustPolicySize",
                rule: "iam-quota-setting",
            });
        });

        it("refuses generated roles over the quota; accepts those within it", async () => {
            const over = fc.record({
                quota: fc.integer({ min: 1, max: 24 }),
                extra: fc.integer({ min: 1, max: 5 }),
            });
            await assertEachRefused(
                over,
                ({ quota, extra }) =>
                    role({
                        managedPolicyArns: Array.from({ length: quota + extra }, (_, i) =>
                            policy(i),
                        ),
                        quotas: { managedPoliciesPerRole: quota },
                    }),
                () => ({ path: "managedPolicyArns", rule: "iam-managed-policies-per-role" }),
            );
            const within = fc.integer({ min: 0, max: 25 }).chain((count) =>
                fc.record({
                    count: fc.constant(count),
                    quota: fc.integer({ min: Math.max(count, 10), max: 25 }),
                }),
            );
            assertEachAccepted(within, (problems, { count, quota }) =>
                checkRoleArgs(problems, {
                    managedPolicyArns: Array.from({ length: count }, (_, i) => policy(i)),
                    quotas: { managedPoliciesPerRole: quota },
                }),
            );
        });
    });

    describe("iam-trust-policy-size", () => {
        it("refuses a trust policy the IRSA statements fill, naming each; takes a raised quota", async () => {
            const args: PodIdentityRoleArgs = { irsaTrust: [0, 1, 2, 3, 4, 5, 6].map(irsa) };
            await assertRefused(() => role(args), {
                path: "irsaTrust",
                rule: "iam-trust-policy-size",
            });
            const error = refusal(() => role(args));
            assert.match(error.errors[0].reason, /irsaTrust\[0\] \d+/);
            assert.match(error.errors[0].reason, /the Pod Identity statement \d+/);
            assert.deepStrictEqual(
                roleProblems({ ...args, quotas: { trustPolicySize: 4096 } }),
                [],
            );
        });

        it("refuses exactly the trust policies IAM would, over generated trust conditions", async () => {
            // As many names as it takes to cross 2,048 characters, and fewer: both sides tried.
            const names = fc
                .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 24 }))
                .map(([count, length]) =>
                    Array.from({ length: count }, (_, i) => `${i}-${"n".repeat(length)}`),
                );
            const sides = new Set<boolean>();
            const run = await record(() => {
                fc.assert(
                    fc.property(names, names, (namespaces, serviceAccounts) => {
                        const trust = { namespaces, serviceAccounts };
                        const size = policySize(podIdentityTrustPolicy(trust));
                        sides.add(size > 2048);
                        const problems = roleProblems({ trust }).filter((p) =>
                            p.includes("iam-trust-policy-size"),
                        );
                        assert.strictEqual(
                            problems.length,
                            size > 2048 ? 1 : 0,
                            `${size} characters`,
                        );
                    }),
                    { numRuns: RUNS },
                );
            });
            assert.deepStrictEqual([...sides].sort(), [false, true], "both sides were tried");
            assert.deepStrictEqual(
                run.resources.filter((r) => r.custom),
                [],
            );
        });
    });

    describe("iam-inline-policies-size", () => {
        const statement = (i: number, resources: number) => ({
            Sid: `S${i}`,
            Action: ["s3:GetObject"],
            Resource: Array.from(
                { length: resources },
                (_, j) => `arn:aws:s3:::bucket-${i}/prefix-${j}/*`,
            ),
        });

        it("counts the chaining grant with the statements, and says which fills the space", () => {
            const statements = [statement(0, 300)];
            const problems = new Problems();
            checkRoleArgs(problems, { statements }, "role.", {
                chainTargetRoleArns: [`arn:aws:iam::${ACCOUNT}:role/target`],
            });
            assert.strictEqual(problems.list.length, 1);
            assert.strictEqual(problems.list[0].propertyPath, "role.statements");
            assert.match(problems.list[0].reason, /statements \(inline policy <name>-inline\) \d+/);
            assert.match(problems.list[0].reason, /the target-role grant/);
        });

        it("refuses exactly the inline statements IAM would, over generated sizes", async () => {
            await assertRefused(
                () =>
                    new PodIdentity("app", {
                        role: { statements: [statement(0, 320)] },
                        serviceAccounts: [{ namespace: "demo", name: "api" }],
                        clusters: { prod: { clusterName: "prod" } },
                    }),
                { path: "role.statements", rule: "iam-inline-policies-size" },
            );
            const sizes = fc.array(fc.integer({ min: 1, max: 120 }), {
                minLength: 1,
                maxLength: 5,
            });
            fc.assert(
                fc.property(sizes, (counts) => {
                    const statements = counts.map((n, i) => statement(i, n));
                    const size = policySize(
                        stableStringify(
                            policyDocument(statements.map((s) => normaliseStatement(s))),
                        ),
                    );
                    const problems = roleProblems({ statements }).filter((p) =>
                        p.includes("iam-inline-policies-size"),
                    );
                    assert.strictEqual(problems.length, size > 10240 ? 1 : 0, `${size} characters`);
                }),
                { numRuns: RUNS },
            );
        });

        it("judges known values only, and says 'at least' when some are Outputs", () => {
            const statements = [
                {
                    ...statement(0, 330),
                    Condition: { StringEquals: { "aws:SourceVpc": [pulumi.output("vpc-1")] } },
                },
            ];
            const problems = roleProblems({ statements });
            assert.strictEqual(problems.length, 1);
            assert.match(problems[0], /"at least \d+ characters"/);
            assert.deepStrictEqual(
                roleProblems({
                    statements: [
                        { Action: ["s3:GetObject"], Resource: [pulumi.output("arn:aws:s3:::b")] },
                    ],
                }),
                [],
            );
        });
    });

    describe("iam-managed-policy-size", () => {
        it("refuses a preset whose policy would pass 6,144 characters", async () => {
            const buckets = Array.from({ length: 150 }, (_, i) => `reports-bucket-${i}`);
            await assertRefused(() => role({ presets: { s3Read: { bucketArns: buckets } } }), {
                path: "presets.s3Read",
                rule: "iam-managed-policy-size",
            });
        });

        it("refuses generated presets over the size, and only those", () => {
            const context = { partition: "aws", accountId: ACCOUNT, dnsSuffix: "amazonaws.com" };
            fc.assert(
                fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
                    const queueArns = Array.from(
                        { length: n },
                        (_, i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`,
                    );
                    // What the package sends for this preset in the aws partition.
                    const sent = policySize(presetPolicy("sqsConsume", { queueArns }, context));
                    const problems = roleProblems({ presets: { sqsConsume: { queueArns } } });
                    assert.strictEqual(problems.length, sent > 6144 ? 1 : 0, `${sent} characters`);
                    if (sent > 6144) {
                        assert.match(problems[0], /rule iam-managed-policy-size/);
                    }
                }),
                { numRuns: RUNS },
            );
        });
    });

    describe("eks-session-policy-size", () => {
        const binding = (sessionPolicy: unknown) =>
            new PodIdentityBinding("b", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                disableSessionTags: true,
                sessionPolicy,
            });
        const sessionPolicy = (resources: number) => ({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["s3:GetObject"],
                    Resource: Array.from({ length: resources }, (_, i) => `arn:aws:s3:::b/p${i}/*`),
                },
            ],
        });

        it("refuses a session policy over 2,048 characters, as an object or its JSON", async () => {
            await assertRefused(() => binding(sessionPolicy(120)), {
                path: "sessionPolicy",
                rule: "eks-session-policy-size",
            });
            await assertRefused(() => binding(JSON.stringify(sessionPolicy(120), null, 2)), {
                path: "sessionPolicy",
                rule: "eks-session-policy-size",
            });
        });

        it("refuses generated session policies over the size, as EKS receives them", async () => {
            await assertEachRefused(
                fc.integer({ min: 110, max: 300 }),
                (n) => binding(sessionPolicy(n)),
                () => ({ path: "sessionPolicy", rule: "eks-session-policy-size" }),
            );
            fc.assert(
                fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
                    const sent = stableStringify(sessionPolicy(n)).length;
                    const problems = new Problems();
                    checkBindingArgs(problems, {
                        clusterName: "prod",
                        namespace: "demo",
                        serviceAccount: "api",
                        roleArn: ROLE_ARN,
                        disableSessionTags: true,
                        sessionPolicy: sessionPolicy(n),
                    });
                    assert.strictEqual(problems.list.length, sent > 2048 ? 1 : 0);
                }),
                { numRuns: RUNS },
            );
        });
    });

    describe("iam-quota-setting", () => {
        it("refuses generated quotas IAM cannot grant; accepts those it can", async () => {
            const quota = fc.constantFrom("managedPoliciesPerRole", "trustPolicySize");
            const bad = fc.oneof(
                fc.integer({ min: -50, max: 0 }),
                fc.integer({ min: 8193, max: 100000 }),
                fc.double({ min: 1.5, max: 20.5, noNaN: true }).filter((n) => !Number.isInteger(n)),
            );
            await assertEachRefused(
                fc.tuple(quota, bad),
                ([key, value]) => role({ quotas: { [key]: value } }),
                ([key]) => ({ path: `quotas.${key}`, rule: "iam-quota-setting" }),
            );
            assertEachAccepted(
                fc.record({
                    managedPoliciesPerRole: fc.integer({ min: 1, max: 25 }),
                    trustPolicySize: fc.integer({ min: 1, max: 8192 }),
                }),
                (problems, quotas) => checkRoleArgs(problems, { quotas }),
            );
        });
    });
});
