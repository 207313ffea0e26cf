/**
 * Trust conditions and statements: condition operators IAM knows (with IfExists and the
 * ForAllValues:/ForAnyValue: qualifiers), value lists that hold something, and an Action (or
 * Resource, or condition value) given as one string, which is valid IAM and works.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { PodIdentityRole, PodIdentityRoleArgs, PolicyStatement } from "../index";
import { checkRoleArgs } from "../model/args";
import { CONDITION_OPERATORS, isConditionOperator } from "../model/rules/statements";
import { parseRootConfig } from "../program/config";
import { allowsAction, parsePolicyDocument } from "../policy/iam";
import { isUnknown } from "../policy/values";
import { json, record, T } from "./harness";
import { assertEachAccepted, assertEachRefused, assertRefused, refusal } from "./rulesHarness";

const role = (args: PodIdentityRoleArgs) => new PodIdentityRole("r", args);
const RESOURCE = ["arn:aws:s3:::bucket/*"];
const qualified = fc
    .tuple(
        fc.constantFrom("", "ForAllValues:", "ForAnyValue:"),
        fc.constantFrom(...CONDITION_OPERATORS.filter((op) => op !== "Null")),
        fc.constantFrom("", "IfExists"),
    )
    .map(([q, op, e]) => `${q}${op}${e}`);

/** From JavaScript, YAML or another language a list may come as one string. */
const loose = (statement: Record<string, unknown>) => statement as unknown as PolicyStatement;

describe("rules: statements and conditions", () => {
    describe("iam-condition-operator", () => {
        it("refuses a trust condition operator IAM does not know, suggesting the right case", async () => {
            await assertRefused(
                () =>
                    role({
                        trust: { conditions: { stringEquals: { "aws:SourceOrgId": ["o-abc"] } } },
                    }),
                {
                    path: "trust.conditions.stringEquals",
                    rule: "iam-condition-operator",
                    value: "stringEquals",
                },
            );
            const error = refusal(() =>
                role({ trust: { conditions: { stringEquals: { "aws:SourceOrgId": ["o-abc"] } } } }),
            );
            assert.match(error.errors[0].reason, /Write "StringEquals"/);
        });

        it("suggests the operator a misspelling meant", () => {
            const error = refusal(() =>
                role({ trust: { conditions: { StringEqual: { "aws:SourceOrgId": ["o-abc"] } } } }),
            );
            assert.match(error.errors[0].reason, /Write "StringEquals"/);
        });

        it("refuses NullIfExists and misspelt qualifiers in statements", async () => {
            for (const operator of [
                "NullIfExists",
                "ForAnyValues:StringLike",
                "StringLikeIfExist",
            ]) {
                await assertRefused(
                    () =>
                        role({
                            statements: [
                                {
                                    Action: ["s3:GetObject"],
                                    Resource: RESOURCE,
                                    Condition: { [operator]: { "aws:SourceVpc": ["vpc-1"] } },
                                },
                            ],
                        }),
                    {
                        path: `statements[0].Condition.${operator}`,
                        rule: "iam-condition-operator",
                        value: operator,
                    },
                );
            }
        });

        it("accepts every operator with its qualifiers, and Null", () => {
            assert.ok(isConditionOperator("Null"));
            assertEachAccepted(
                qualified,
                (problems, operator) =>
                    checkRoleArgs(problems, {
                        statements: [
                            {
                                Action: ["s3:GetObject"],
                                Resource: RESOURCE,
                                Condition: { [operator]: { "aws:SourceVpc": ["vpc-1"] } },
                            },
                        ],
                    }),
                200,
            );
        });

        it("refuses generated misspellings of operators", async () => {
            const misspelt = fc
                .tuple(qualified, fc.nat(), fc.constantFrom("drop", "double", "lower", "suffix"))
                .map(([op, at, how]) => {
                    const i = at % op.length;
                    if (how === "drop") return op.slice(0, i) + op.slice(i + 1);
                    if (how === "double") return op.slice(0, i) + op[i] + op[i] + op.slice(i + 1);
                    if (how === "lower") return op.toLowerCase();
                    return `${op}s`;
                })
                .filter((op) => !isConditionOperator(op) && op.length > 0);
            await assertEachRefused(
                misspelt,
                (operator) =>
                    role({
                        trust: { conditions: { [operator]: { "aws:SourceOrgId": ["o-abc"] } } },
                    }),
                (operator) => ({
                    path: `trust.conditions.${operator}`,
                    rule: "iam-condition-operator",
                    value: operator,
                }),
            );
        });
    });

    describe("iam-condition-values and iam-statement-lists", () => {
        it("refuses a condition key without values", async () => {
            await assertRefused(
                () =>
                    role({
                        statements: [
                            {
                                Action: ["s3:GetObject"],
                                Resource: RESOURCE,
                                Condition: { StringEquals: { "aws:SourceVpc": [] } },
                            },
                        ],
                    }),
                {
                    path: 'statements[0].Condition.StringEquals["aws:SourceVpc"]',
                    rule: "iam-condition-values",
                },
            );
        });

        it("refuses an empty Action or Resource list, and an empty trust list", async () => {
            await assertRefused(() => role({ statements: [{ Action: [], Resource: RESOURCE }] }), {
                path: "statements[0].Action",
                rule: "iam-statement-lists",
            });
            await assertRefused(() => role({ trust: { namespaces: [] } }), {
                path: "trust.namespaces",
                rule: "trust-condition-list",
            });
        });

        it("refuses generated statements with an empty list, wherever it is", async () => {
            const field = fc.constantFrom("Action", "NotAction", "Resource", "NotResource");
            await assertEachRefused(
                field,
                (key) =>
                    role({
                        statements: [
                            key.endsWith("Action")
                                ? loose({ [key]: [], Resource: RESOURCE })
                                : loose({ Action: ["s3:GetObject"], [key]: [] }),
                        ],
                    }),
                (key) => ({ path: `statements[0].${key}`, rule: "iam-statement-lists" }),
            );
        });
    });

    describe("one string for a list", () => {
        it("sends an Action and Resource given as strings as lists, and warns about * on * without a TypeError", async () => {
            const run = await record(() =>
                role({
                    statements: [
                        loose({ Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }),
                        loose({ Action: "*", Resource: "*" }),
                    ],
                }),
            );
            const policy = json(run.get(T.rolePolicy, "r-inline").inputs.policy) as {
                Statement: { Action: string[]; Resource: string[] }[];
            };
            assert.deepStrictEqual(policy.Statement[0].Action, ["s3:GetObject"]);
            assert.deepStrictEqual(policy.Statement[0].Resource, ["arn:aws:s3:::bucket/*"]);
            assert.ok(
                run.logs("warning").some((m) => m.includes('statements[1] allows "*" actions')),
            );
        });

        it("reads a trust condition value given as a string as one value, not its characters", async () => {
            const run = await record(() =>
                role({
                    trust: {
                        conditions: {
                            StringEquals: { "aws:SourceOrgId": "o-abc123" as unknown as string[] },
                        },
                        namespaces: "payments" as unknown as string[],
                    },
                }),
            );
            const trust = json(run.get(T.role, "r").inputs.assumeRolePolicy) as {
                Statement: { Condition: { StringEquals: Record<string, string[]> } }[];
            };
            assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals, {
                "aws:RequestTag/kubernetes-namespace": ["payments"],
                "aws:SourceOrgId": ["o-abc123"],
            });
        });

        it("is read as one action by the policy pack too", () => {
            const document = parsePolicyDocument(
                '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:TagSession","Principal":{"Service":"pods.eks.amazonaws.com"}}}',
            );
            assert.ok(document && !isUnknown(document));
            assert.strictEqual(allowsAction(document.statements[0], "sts:TagSession"), true);
            assert.strictEqual(allowsAction(document.statements[0], "sts:AssumeRole"), false);
        });

        it("takes an Action as one string in stack configuration", () => {
            const config = parseRootConfig(
                {
                    role: JSON.stringify({
                        statements: [{ Action: "s3:ListBucket", Resource: "arn:aws:s3:::demo" }],
                    }),
                    serviceAccounts: JSON.stringify([{ namespace: "demo", name: "api" }]),
                    clusters: JSON.stringify({
                        prod: { clusterName: "prod", region: "us-east-1" },
                    }),
                },
                "eks-pod-identity",
            );
            assert.strictEqual(config.role?.statements?.[0].Action, "s3:ListBucket");
        });

        it("accepts generated statements whose lists are strings or lists", () => {
            const action = fc.constantFrom("s3:GetObject", "sqs:SendMessage", "kms:Decrypt", "*");
            const list = (value: fc.Arbitrary<string>) =>
                fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 }));
            assertEachAccepted(
                fc.record({
                    Action: list(action),
                    Resource: list(fc.constantFrom(...RESOURCE, "*")),
                }),
                (problems, statement) =>
                    checkRoleArgs(problems, { statements: [loose(statement)] }),
            );
        });
    });

    describe("iam-condition-values and trust-condition-list, generated", () => {
        it("refuses every condition key left without values, under any operator", async () => {
            const key = fc.constantFrom(
                "aws:SourceVpc",
                "aws:PrincipalOrgID",
                "s3:prefix",
                "kms:ViaService",
            );
            await assertEachRefused(
                fc.tuple(qualified, key),
                ([operator, conditionKey]) =>
                    role({
                        statements: [
                            {
                                Action: ["s3:GetObject"],
                                Resource: RESOURCE,
                                Condition: { [operator]: { [conditionKey]: [] } },
                            },
                        ],
                    }),
                ([operator, conditionKey]) => ({
                    path: `statements[0].Condition.${operator}["${conditionKey}"]`,
                    rule: "iam-condition-values",
                }),
            );
        });

        it("refuses every trust field set to an empty list", async () => {
            const field = fc.constantFrom(
                "sourceAccounts",
                "sourceOrgIds",
                "namespaces",
                "serviceAccounts",
                "clusterNames",
            );
            await assertEachRefused(
                field,
                (key) => role({ trust: { [key]: [] } }),
                (key) => ({
                    path: `trust.${key}`,
                    rule: "trust-condition-list",
                }),
            );
        });
    });
});
