import * as assert from "assert";
import {
    targetRoleTrustDocument,
    targetRoleTrustPolicy,
    targetTrustProblems,
} from "../iam/targetTrustPolicy";
import { shortHash } from "../core/names";
import { chainAllowed, evaluateTrust } from "./iamEvaluator";

const CLUSTER_ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "777788889999";
const ROLE = `arn:aws:iam::${CLUSTER_ACCOUNT}:role/reports-reader`;
const CLUSTER = `arn:aws:eks:us-east-1:${CLUSTER_ACCOUNT}:cluster/prod-use1`;
const EXTERNAL_ID = `us-east-1/${CLUSTER_ACCOUNT}/prod-use1/reports/reader`;

const withTags = {
    trustedRoleArns: [ROLE],
    clusterArns: [CLUSTER],
    namespaces: ["reports"],
    serviceAccounts: ["reader"],
};
const withoutTags = { trustedRoleArns: [ROLE], externalIds: [EXTERNAL_ID], sessionTags: false };

/** The session tags EKS sends for a pod of prod-use1/reports/reader. */
const tags = {
    "eks-cluster-arn": CLUSTER,
    "eks-cluster-name": "prod-use1",
    "kubernetes-namespace": "reports",
    "kubernetes-service-account": "reader",
    "kubernetes-pod-name": "reader-7d9c",
    "kubernetes-pod-uid": "0b1c",
};

describe("target role trust policy", () => {
    describe("with session tags (the default)", () => {
        it("is one statement: the cluster account's root, AssumeRole + TagSession, the role and the three tags", () => {
            const doc = targetRoleTrustDocument(withTags);
            assert.strictEqual(doc.Version, "2012-10-17");
            assert.deepStrictEqual(doc.Statement, [
                {
                    Sid: "AllowPodIdentityAssociationRoles",
                    Effect: "Allow",
                    Principal: { AWS: [`arn:aws:iam::${CLUSTER_ACCOUNT}:root`] },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Condition: {
                        ArnEquals: { "aws:PrincipalARN": [ROLE] },
                        StringEquals: {
                            "aws:RequestTag/eks-cluster-arn": [CLUSTER],
                            "aws:RequestTag/kubernetes-namespace": ["reports"],
                            "aws:RequestTag/kubernetes-service-account": ["reader"],
                        },
                    },
                },
            ]);
        });

        it("serialises with sorted keys, byte for byte, whatever the input order", () => {
            const expected =
                '{"Statement":[{"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{' +
                `"ArnEquals":{"aws:PrincipalARN":["${ROLE}"]},"StringEquals":{` +
                `"aws:RequestTag/eks-cluster-arn":["${CLUSTER}"],` +
                '"aws:RequestTag/kubernetes-namespace":["api","reports"],' +
                '"aws:RequestTag/kubernetes-service-account":["reader"]}},"Effect":"Allow",' +
                `"Principal":{"AWS":["arn:aws:iam::${CLUSTER_ACCOUNT}:root"]},` +
                '"Sid":"AllowPodIdentityAssociationRoles"}],"Version":"2012-10-17"}';
            assert.strictEqual(
                targetRoleTrustPolicy({ ...withTags, namespaces: ["reports", "api", "reports"] }),
                expected,
            );
            assert.strictEqual(
                targetRoleTrustPolicy({ ...withTags, namespaces: ["api", "reports"] }),
                expected,
            );
        });

        it("trusts each association role's own account root, in the role's partition", () => {
            const china = `arn:aws-cn:iam::${OTHER_ACCOUNT}:role/path/reader`;
            const doc = targetRoleTrustDocument({ trustedRoleArns: [ROLE, china] });
            assert.deepStrictEqual(doc.Statement[0].Principal, {
                AWS: [
                    `arn:aws-cn:iam::${OTHER_ACCOUNT}:root`,
                    `arn:aws:iam::${CLUSTER_ACCOUNT}:root`,
                ],
            });
            assert.deepStrictEqual(doc.Statement[0].Condition, {
                ArnEquals: { "aws:PrincipalARN": [china, ROLE] },
            });
        });

        it("uses StringLike for a key whose values include a pattern", () => {
            const doc = targetRoleTrustDocument({
                trustedRoleArns: [ROLE],
                clusterArns: [`arn:aws:eks:*:${CLUSTER_ACCOUNT}:cluster/prod-*`],
                namespaces: ["reports"],
            });
            assert.deepStrictEqual(doc.Statement[0].Condition, {
                ArnEquals: { "aws:PrincipalARN": [ROLE] },
                StringLike: {
                    "aws:RequestTag/eks-cluster-arn": [
                        `arn:aws:eks:*:${CLUSTER_ACCOUNT}:cluster/prod-*`,
                    ],
                },
                StringEquals: { "aws:RequestTag/kubernetes-namespace": ["reports"] },
            });
        });
    });

    describe("with session tags off", () => {
        it("is AssumeRole on the external ids, and a separate TagSession statement", () => {
            const doc = targetRoleTrustDocument(withoutTags);
            const principal = { AWS: [`arn:aws:iam::${CLUSTER_ACCOUNT}:root`] };
            assert.deepStrictEqual(doc.Statement, [
                {
                    Sid: `AllowPodIdentityAssociationRoleByExternalId${shortHash(ROLE)}`,
                    Effect: "Allow",
                    Principal: principal,
                    Action: ["sts:AssumeRole"],
                    Condition: {
                        ArnEquals: { "aws:PrincipalARN": [ROLE] },
                        StringEquals: { "sts:ExternalId": [EXTERNAL_ID] },
                    },
                },
                {
                    Sid: "AllowPodIdentityAssociationRolesTagSession",
                    Effect: "Allow",
                    Principal: principal,
                    Action: ["sts:TagSession"],
                    Condition: { ArnEquals: { "aws:PrincipalARN": [ROLE] } },
                },
            ]);
        });
    });

    describe("rejects what would deny every pod or admit too much", () => {
        const paths = (trust: Parameters<typeof targetTrustProblems>[0]) =>
            targetTrustProblems(trust).map((p) => p.propertyPath);

        it("needs an association role, as a role ARN", () => {
            assert.deepStrictEqual(paths({ trustedRoleArns: [] }), ["trustedRoleArns"]);
            assert.deepStrictEqual(paths({ trustedRoleArns: [ROLE, "reports-reader"] }), [
                "trustedRoleArns[1]",
            ]);
            assert.throws(
                () => targetRoleTrustDocument({ trustedRoleArns: ["arn:aws:iam::1:user/x"] }),
                /trustedRoleArns\[0\]: .* is not an IAM role ARN/,
            );
        });

        it("wants cluster ARNs, not names (the session tag holds the ARN)", () => {
            assert.deepStrictEqual(paths({ ...withTags, clusterArns: ["prod-use1"] }), [
                "clusterArns[0]",
            ]);
        });

        it("requires external ids with session tags off, and no request-tag conditions", () => {
            assert.deepStrictEqual(paths({ trustedRoleArns: [ROLE], sessionTags: false }), [
                "externalIds",
            ]);
            assert.deepStrictEqual(paths({ ...withTags, ...withoutTags }), [
                "clusterArns",
                "namespaces",
                "serviceAccounts",
            ]);
        });

        it("refuses external ids with session tags on", () => {
            assert.deepStrictEqual(paths({ ...withTags, externalIds: [EXTERNAL_ID] }), [
                "externalIds",
            ]);
        });

        it("skips values not yet known (Inputs), checking only plain strings", () => {
            const unknown = { toString: () => "later" };
            assert.deepStrictEqual(
                paths({ trustedRoleArns: [unknown], clusterArns: [unknown] }),
                [],
            );
        });
    });

    describe("one target role for several association roles, session tags off", () => {
        // EKS API reference, PodIdentityAssociation `externalId`: "If you want to use the same
        // target role with multiple associations or other roles, use independent statements in
        // the trust policy to allow sts:AssumeRole access from each role."
        const SECOND_ACCOUNT = "222233334444";
        const second = `arn:aws:iam::${SECOND_ACCOUNT}:role/ingest`;
        const secondId = `eu-west-1/${SECOND_ACCOUNT}/prod-euw1/ingest/writer`;
        const trust = {
            trustedRoleArns: [second, ROLE],
            externalIds: [secondId, EXTERNAL_ID],
            sessionTags: false,
        };

        it("gives each role its own AssumeRole statement with the ids of its account", () => {
            const assume = targetRoleTrustDocument(trust).Statement.filter(
                (s) => s.Action?.[0] === "sts:AssumeRole",
            );
            assert.deepStrictEqual(
                assume.map((s) => [s.Principal, s.Condition]),
                [ROLE, second].sort().map((role) => [
                    { AWS: [`arn:aws:iam::${role.split(":")[4]}:root`] },
                    {
                        ArnEquals: { "aws:PrincipalARN": [role] },
                        StringEquals: {
                            "sts:ExternalId": [role === ROLE ? EXTERNAL_ID : secondId],
                        },
                    },
                ]),
            );
        });

        it("admits each association only through its own role", () => {
            const policy = targetRoleTrustPolicy(trust);
            assert.ok(chainAllowed(policy, { principalArn: ROLE, externalId: EXTERNAL_ID }));
            assert.ok(chainAllowed(policy, { principalArn: second, externalId: secondId }));
            for (const [principalArn, externalId] of [
                [ROLE, secondId],
                [second, EXTERNAL_ID],
            ]) {
                assert.strictEqual(
                    evaluateTrust(policy, { principalArn, externalId, action: "sts:AssumeRole" }),
                    "ImplicitDeny",
                    `${principalArn} with ${externalId}`,
                );
            }
        });

        it("refuses an id of no trusted role's account, a role with no id, and a malformed id", () => {
            const paths = (t: typeof trust) => targetTrustProblems(t).map((p) => p.propertyPath);
            assert.deepStrictEqual(paths({ ...trust, externalIds: [EXTERNAL_ID] }), [
                "trustedRoleArns[0]",
            ]);
            assert.deepStrictEqual(paths({ ...trust, trustedRoleArns: [ROLE] }), [
                "externalIds[0]",
            ]);
            assert.deepStrictEqual(
                paths({
                    ...trust,
                    externalIds: [EXTERNAL_ID, secondId, "prod-use1/reports/reader"],
                }),
                ["externalIds[2]"],
            );
            assert.match(
                targetTrustProblems({ ...trust, externalIds: [secondId, "x"] })[0].reason,
                /podIdentityExternalId\(\{ region, accountId, clusterName, namespace, serviceAccount \}\)/,
            );
        });
    });

    describe("evaluated as IAM would", () => {
        const tagged = targetRoleTrustPolicy(withTags);
        const pod = { principalArn: ROLE, requestTags: tags };

        it("lets the association role chain in for the configured pod", () => {
            assert.ok(chainAllowed(tagged, pod));
        });

        it("denies another cluster, namespace or service account", () => {
            for (const [key, value] of [
                ["eks-cluster-arn", `arn:aws:eks:us-east-1:${CLUSTER_ACCOUNT}:cluster/staging`],
                ["eks-cluster-arn", `arn:aws:eks:eu-west-1:${CLUSTER_ACCOUNT}:cluster/prod-use1`],
                ["kubernetes-namespace", "kube-system"],
                ["kubernetes-namespace", "Reports"],
                ["kubernetes-service-account", "writer"],
            ]) {
                const request = { ...pod, requestTags: { ...tags, [key]: value } };
                assert.strictEqual(
                    evaluateTrust(tagged, { ...request, action: "sts:AssumeRole" }),
                    "ImplicitDeny",
                    `${key}=${value} must not be admitted`,
                );
            }
        });

        it("denies other roles, of the cluster account or of another", () => {
            for (const principalArn of [
                `arn:aws:iam::${CLUSTER_ACCOUNT}:role/someone-else`,
                `arn:aws:iam::${OTHER_ACCOUNT}:role/reports-reader`,
                `arn:aws:iam::${CLUSTER_ACCOUNT}:user/reports-reader`,
            ]) {
                assert.ok(!chainAllowed(tagged, { ...pod, principalArn }), principalArn);
            }
        });

        it("denies an association that sends no session tags", () => {
            assert.ok(!chainAllowed(tagged, { principalArn: ROLE }));
        });

        it("admits patterns only where they match", () => {
            const patterns = targetRoleTrustPolicy({
                trustedRoleArns: [ROLE],
                clusterArns: [`arn:aws:eks:*:${CLUSTER_ACCOUNT}:cluster/prod-*`],
                namespaces: ["team-?"],
            });
            const as = (cluster: string, namespace: string) =>
                chainAllowed(patterns, {
                    principalArn: ROLE,
                    requestTags: {
                        ...tags,
                        "eks-cluster-arn": `arn:aws:eks:${cluster}`,
                        "kubernetes-namespace": namespace,
                    },
                });
            assert.ok(as(`eu-west-1:${CLUSTER_ACCOUNT}:cluster/prod-euw1`, "team-a"));
            assert.ok(!as(`eu-west-1:${CLUSTER_ACCOUNT}:cluster/staging`, "team-a"));
            assert.ok(!as(`eu-west-1:${OTHER_ACCOUNT}:cluster/prod-euw1`, "team-a"));
            assert.ok(!as(`eu-west-1:${CLUSTER_ACCOUNT}:cluster/prod-euw1`, "team-ab"));
        });

        it("with session tags off, admits the association's external id and nothing else", () => {
            const byId = targetRoleTrustPolicy(withoutTags);
            assert.ok(chainAllowed(byId, { principalArn: ROLE, externalId: EXTERNAL_ID }));
            for (const externalId of [
                `us-east-1/${CLUSTER_ACCOUNT}/prod-use1/reports/writer`,
                `us-east-1/${CLUSTER_ACCOUNT}/prod-use1/kube-system/reader`,
                `us-east-1/${CLUSTER_ACCOUNT}/staging/reports/reader`,
                undefined,
            ]) {
                assert.strictEqual(
                    evaluateTrust(byId, {
                        principalArn: ROLE,
                        externalId,
                        action: "sts:AssumeRole",
                    }),
                    "ImplicitDeny",
                    String(externalId),
                );
            }
            const other = `arn:aws:iam::${CLUSTER_ACCOUNT}:role/other`;
            for (const action of ["sts:AssumeRole", "sts:TagSession"]) {
                assert.strictEqual(
                    evaluateTrust(byId, { principalArn: other, externalId: EXTERNAL_ID, action }),
                    "ImplicitDeny",
                );
            }
        });
    });
});
