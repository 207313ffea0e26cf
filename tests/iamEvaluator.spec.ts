import * as assert from "assert";
import { arnMatch, evaluateTrust, globMatch } from "./iamEvaluator";

const ROLE = "arn:aws:iam::111122223333:role/app";

describe("the test IAM evaluator", () => {
    it("matches IAM wildcards: * any run, ? exactly one character, case-sensitive", () => {
        assert.ok(globMatch("team-*", "team-"));
        assert.ok(globMatch("team-*", "team-a.b"));
        assert.ok(globMatch("team-?", "team-a"));
        assert.ok(!globMatch("team-?", "team-ab"));
        assert.ok(!globMatch("team-a", "Team-a"));
        assert.ok(!globMatch("a.c", "abc"), "a dot is literal");
    });

    it("matches ARNs part by part", () => {
        assert.ok(arnMatch("arn:aws:eks:*:1:cluster/p-*", "arn:aws:eks:eu-west-1:1:cluster/p-1"));
        assert.ok(!arnMatch("arn:aws:eks:*:1:cluster/p-*", "arn:aws:eks:eu-west-1:2:cluster/p-1"));
        assert.ok(!arnMatch("arn:aws:*", "arn:aws:iam::1:role/x"), "six parts each");
        assert.ok(!arnMatch(ROLE, "not an arn"));
    });

    it("ANDs operators and keys, ORs values, and fails a condition on a missing key", () => {
        const policy = {
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:RequestTag/a": ["1", "2"], "aws:RequestTag/b": "x" },
                        ArnLike: { "aws:PrincipalARN": "arn:aws:iam::111122223333:role/*" },
                    },
                },
            ],
        };
        const ask = (requestTags: Record<string, string>) =>
            evaluateTrust(policy, { principalArn: ROLE, action: "sts:AssumeRole", requestTags });
        assert.strictEqual(ask({ a: "2", b: "x" }), "Allow");
        assert.strictEqual(ask({ a: "3", b: "x" }), "ImplicitDeny");
        assert.strictEqual(ask({ a: "1" }), "ImplicitDeny");
        assert.strictEqual(
            evaluateTrust(policy, { principalArn: ROLE, action: "sts:TagSession" }),
            "ImplicitDeny",
            "another action",
        );
    });

    it("lets an explicit Deny win", () => {
        const allow = { Effect: "Allow", Principal: { AWS: ROLE }, Action: ["sts:*"] };
        const deny = { ...allow, Effect: "Deny", Action: ["sts:TagSession"] };
        const policy = { Statement: [allow, deny] };
        assert.strictEqual(
            evaluateTrust(policy, { principalArn: ROLE, action: "sts:AssumeRole" }),
            "Allow",
        );
        assert.strictEqual(
            evaluateTrust(policy, { principalArn: ROLE, action: "sts:TagSession" }),
            "ExplicitDeny",
        );
    });

    it("refuses operators, keys and members it does not know, rather than guess", () => {
        const base = { Effect: "Allow", Principal: { AWS: ROLE }, Action: ["sts:AssumeRole"] };
        const ask = (statement: object) =>
            evaluateTrust(
                { Statement: [statement] },
                { principalArn: ROLE, action: "sts:AssumeRole" },
            );
        assert.throws(
            () => ask({ ...base, Condition: { StringNotEquals: { "sts:ExternalId": ["x"] } } }),
            /operator/,
        );
        assert.throws(
            () => ask({ ...base, Condition: { StringEquals: { "aws:SourceIp": ["x"] } } }),
            /key/,
        );
        assert.throws(() => ask({ ...base, NotAction: ["iam:*"] }), /member/);
    });
});
