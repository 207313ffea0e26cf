import * as assert from "assert";
import { podIdentityTrustDocument, podIdentityTrustPolicy } from "../iam/trustPolicy";

const BASE = {
    Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
};

describe("trust policy", () => {
    it("is AWS's one Pod Identity statement, with both actions", () => {
        assert.deepStrictEqual(podIdentityTrustDocument(), {
            Version: "2012-10-17",
            Statement: [BASE],
        });
    });

    it("serialises with sorted keys, byte for byte", () => {
        assert.strictEqual(
            podIdentityTrustPolicy(),
            '{"Statement":[{"Action":["sts:AssumeRole","sts:TagSession"],"Effect":"Allow",' +
                '"Principal":{"Service":"pods.eks.amazonaws.com"},' +
                '"Sid":"AllowEksAuthToAssumeRoleForPodIdentity"}],"Version":"2012-10-17"}',
        );
    });

    it("scopes to source accounts and organisations with StringEquals", () => {
        const doc = podIdentityTrustDocument({
            sourceAccounts: ["111122223333"],
            sourceOrgIds: ["${aws:ResourceOrgId}"],
        });
        assert.deepStrictEqual(doc.Statement[0].Condition, {
            StringEquals: {
                "aws:SourceAccount": ["111122223333"],
                "aws:SourceOrgId": ["${aws:ResourceOrgId}"],
            },
        });
    });

    it("matches namespaces, service accounts and cluster names on request tags", () => {
        const doc = podIdentityTrustDocument({
            namespaces: ["payments"],
            serviceAccounts: ["api", "worker"],
            clusterNames: ["prod-use1"],
        });
        assert.deepStrictEqual(doc.Statement[0].Condition, {
            StringEquals: {
                "aws:RequestTag/kubernetes-namespace": ["payments"],
                "aws:RequestTag/kubernetes-service-account": ["api", "worker"],
                "aws:RequestTag/eks-cluster-name": ["prod-use1"],
            },
        });
    });

    it("uses StringLike for every value of a key that has a pattern, never both operators", () => {
        const doc = podIdentityTrustDocument({ clusterNames: ["prod-*", "staging"] });
        // StringEquals and StringLike on one key would both have to match: no cluster could.
        assert.deepStrictEqual(doc.Statement[0].Condition, {
            StringLike: { "aws:RequestTag/eks-cluster-name": ["prod-*", "staging"] },
        });
        const single = podIdentityTrustDocument({ namespaces: ["team-?"] });
        assert.deepStrictEqual(single.Statement[0].Condition, {
            StringLike: { "aws:RequestTag/kubernetes-namespace": ["team-?"] },
        });
    });

    it("merges extra conditions and refuses one that repeats a generated key", () => {
        const doc = podIdentityTrustDocument({
            sourceAccounts: ["111122223333"],
            conditions: {
                StringLike: {
                    "aws:RequestTag/eks-cluster-arn": ["arn:aws:eks:*:111122223333:cluster/prod-*"],
                },
            },
        });
        assert.deepStrictEqual(doc.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": ["111122223333"] },
            StringLike: {
                "aws:RequestTag/eks-cluster-arn": ["arn:aws:eks:*:111122223333:cluster/prod-*"],
            },
        });
        assert.throws(
            () =>
                podIdentityTrustDocument({
                    sourceAccounts: ["111122223333"],
                    conditions: { StringEquals: { "aws:SourceAccount": ["444455556666"] } },
                }),
            /trust\.conditions\.StringEquals\["aws:SourceAccount"\]/,
        );
    });

    it("refuses a key under a second operator: both would have to match, and no pod could", () => {
        assert.throws(
            () =>
                podIdentityTrustDocument({
                    namespaces: ["a"],
                    conditions: { StringLike: { "aws:RequestTag/kubernetes-namespace": ["b*"] } },
                }),
            /StringLike\["aws:RequestTag\/kubernetes-namespace"\] repeats a condition key that is already set \(under StringEquals/,
        );
    });

    it("refuses request tags EKS never sends: custom session tags cannot be added", () => {
        assert.throws(
            () =>
                podIdentityTrustDocument({
                    conditions: { StringEquals: { "aws:RequestTag/team": ["blue"] } },
                }),
            /EKS sends only its own session tags .* would deny every pod/,
        );
    });

    it("omits empty condition lists rather than sending an empty Condition", () => {
        assert.strictEqual(
            podIdentityTrustPolicy({ namespaces: [], sourceAccounts: [] }),
            podIdentityTrustPolicy(),
        );
    });
});
