import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { TrustPolicyDocument, TrustPolicyStatement, withPodIdentityTrust } from "../index";
import { json, record, T } from "./harness";

const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/5C8A0E1F7B3D4A6E9F20B1C3D5E7F901";

/** AWS's statement (EKS User Guide, pod-id-role). */
const POD_IDENTITY = {
    Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
};

/** An IRSA statement as eksctl and the EKS User Guide write it: single strings. */
const IRSA: TrustPolicyStatement = {
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:payments:api" } },
};

const trust = (...Statement: TrustPolicyStatement[]): TrustPolicyDocument => ({
    Version: "2012-10-17",
    Statement,
});

/** Statements a trust policy may hold: any principal kind, actions as a string or a list. */
const statementArb: fc.Arbitrary<TrustPolicyStatement> = fc.record(
    {
        Sid: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        Effect: fc.constantFrom("Allow", "Deny"),
        Principal: fc.oneof(
            fc.record({ Service: fc.oneof(fc.domain(), fc.array(fc.domain(), { maxLength: 3 })) }),
            fc.record({ AWS: fc.constant("arn:aws:iam::111122223333:root") }),
            fc.record({ Federated: fc.constant(`arn:aws:iam::1:oidc-provider/${ISSUER}`) }),
        ),
        Action: fc.oneof(
            fc.constantFrom("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:TagSession"),
            fc.uniqueArray(fc.constantFrom("sts:AssumeRole", "sts:TagSession", "sts:SetContext")),
        ),
        Condition: fc.dictionary(
            fc.constantFrom("StringEquals", "StringLike"),
            fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
        ),
    },
    { requiredKeys: ["Effect", "Principal", "Action"] },
);

const documentArb = fc.array(statementArb, { maxLength: 5 }).map((s) => trust(...s));

describe("withPodIdentityTrust: the Pod Identity statement, added to a kept role's trust", () => {
    it("appends AWS's statement after the existing ones, which stay as they were", () => {
        const before = trust(IRSA);
        const after = withPodIdentityTrust(before);
        assert.deepStrictEqual(after, { Version: "2012-10-17", Statement: [IRSA, POD_IDENTITY] });
        // The argument is not modified.
        assert.deepStrictEqual(before, trust(IRSA));
    });

    it("takes a JSON string and gives one, existing statements byte for byte", () => {
        const text = JSON.stringify(trust(IRSA));
        const added = withPodIdentityTrust(text);
        assert.strictEqual(
            added,
            `{"Version":"2012-10-17","Statement":[${JSON.stringify(IRSA)},${JSON.stringify(POD_IDENTITY)}]}`,
        );
        // Applied again: the very same string.
        assert.strictEqual(withPodIdentityTrust(added), added);
    });

    it("takes one statement that is not in a list", () => {
        const single = { Version: "2012-10-17", Statement: IRSA };
        assert.deepStrictEqual(withPodIdentityTrust(single).Statement, [IRSA, POD_IDENTITY]);
    });

    it("recognises the statement with Action a string list or Principal.Service a list", () => {
        const spelled: TrustPolicyStatement[] = [
            { ...POD_IDENTITY, Action: ["sts:TagSession", "sts:AssumeRole"] },
            {
                ...POD_IDENTITY,
                Principal: { Service: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"] },
            },
            { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: "sts:*" },
            // Conditions narrow it; adding an unconditioned statement would widen the trust.
            {
                ...POD_IDENTITY,
                Condition: { StringEquals: { "aws:SourceOrgId": ["o-example"] } },
            },
        ];
        for (const statement of spelled) {
            const document = trust(IRSA, statement);
            assert.strictEqual(withPodIdentityTrust(document), document);
        }
    });

    it("adds the statement when the existing one lacks sts:TagSession, or is a Deny", () => {
        const partial: TrustPolicyStatement[] = [
            // A single-string Action: sts:AssumeRole alone, which EKS rejects.
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
            { ...POD_IDENTITY, Sid: "Deny", Effect: "Deny" },
        ];
        for (const statement of partial) {
            const added = withPodIdentityTrust(trust(statement))
                .Statement as TrustPolicyStatement[];
            assert.deepStrictEqual(added, [statement, added[1]]);
            assert.deepStrictEqual(
                { ...added[1], Sid: POD_IDENTITY.Sid },
                POD_IDENTITY,
                JSON.stringify(added[1]),
            );
        }
        // The Sid is taken by the incomplete statement: IAM wants Sids unique, so none is set.
        const taken = withPodIdentityTrust(trust({ ...POD_IDENTITY, Action: "sts:AssumeRole" }));
        assert.deepStrictEqual((taken.Statement as object[])[1], {
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
        });
    });

    it("refuses what is not a trust policy, saying so", () => {
        assert.throws(() => withPodIdentityTrust("not json"), /the trust policy is not JSON/);
        assert.throws(() => withPodIdentityTrust("[]"), /is not a JSON object/);
    });

    describe("properties, over generated trust policies", () => {
        it("is idempotent: applying it twice equals applying it once", () => {
            fc.assert(
                fc.property(documentArb, (document) => {
                    const once = withPodIdentityTrust(document);
                    assert.deepStrictEqual(withPodIdentityTrust(once), once);
                    const text = withPodIdentityTrust(JSON.stringify(document));
                    assert.strictEqual(withPodIdentityTrust(text), text);
                }),
            );
        });

        it("keeps every existing statement, unchanged and in order, and adds at most one", () => {
            fc.assert(
                fc.property(documentArb, (document) => {
                    const before = document.Statement as TrustPolicyStatement[];
                    const after = withPodIdentityTrust(document)
                        .Statement as TrustPolicyStatement[];
                    assert.ok(after.length === before.length || after.length === before.length + 1);
                    assert.deepStrictEqual(
                        after.slice(0, before.length).map((s) => JSON.stringify(s)),
                        before.map((s) => JSON.stringify(s)),
                    );
                }),
            );
        });

        it("always leaves an Allow for pods.eks.amazonaws.com with both actions", () => {
            fc.assert(
                fc.property(documentArb, (document) => {
                    const statements = withPodIdentityTrust(document)
                        .Statement as TrustPolicyStatement[];
                    const grants = statements.filter((s) => {
                        const principal = s.Principal as { Service?: string | string[] };
                        const services = [principal.Service ?? []].flat();
                        const actions = [s.Action].flat();
                        return (
                            s.Effect === "Allow" &&
                            services.includes("pods.eks.amazonaws.com") &&
                            (actions.includes("sts:*") ||
                                (actions.includes("sts:AssumeRole") &&
                                    actions.includes("sts:TagSession")))
                        );
                    });
                    assert.ok(grants.length >= 1);
                }),
            );
        });
    });

    it("gives an Output for an Output, as aws.iam.Role's assumeRolePolicy takes it", async () => {
        const run = await record(() => {
            const policy = pulumi.output(JSON.stringify(trust(IRSA)));
            new aws.iam.Role("api", { assumeRolePolicy: withPodIdentityTrust(policy) });
            // An aws.iam.PolicyDocument holding an Output: the statement is added once it resolves.
            const provider = pulumi.output(`arn:aws:iam::111122223333:oidc-provider/${ISSUER}`);
            const document: aws.iam.PolicyDocument = {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: provider },
                        Action: "sts:AssumeRoleWithWebIdentity",
                    },
                ],
            };
            new aws.iam.Role("controller", { assumeRolePolicy: withPodIdentityTrust(document) });
        });
        assert.deepStrictEqual(json(run.get(T.role, "api").inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [IRSA, POD_IDENTITY],
        });
        // An object stays an object: the provider serialises it.
        const controller = run.get(T.role, "controller").inputs.assumeRolePolicy as {
            Statement: object[];
        };
        assert.deepStrictEqual(controller.Statement[1], POD_IDENTITY);
    });
});
