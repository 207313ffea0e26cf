import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { AGENT_ADDON_NAME } from "../components/agent";
import { podIdentityTrustPolicy } from "../iam/trustPolicy";
import { readOptions, wildcardMatch } from "../policy/config";
import { clusterOfKubeconfig } from "../policy/checks/irsa";
import {
    grantsClusterAction,
    missingPodActions,
    parsePolicyDocument,
    policyArnMatches,
    requiresRequestTags,
    Statement,
} from "../policy/iam";
import { AGENT_ADDON } from "../policy/resources";
import { ClusterRef, maybeSameCluster, parseRoleArn, sameCluster } from "../policy/stack";
import { toPlain, UNKNOWN } from "../policy/values";

const proxy = unknownCheckingProxy as unknown as <T>(value: T) => T;

describe("policy helpers", () => {
    it("reads the runtime's unknown-checking proxy into plain data without throwing", () => {
        const props = proxy({
            roleArn: unknownValue,
            namespace: "demo",
            tags: { team: unknownValue },
            list: ["a", unknownValue],
        });
        assert.throws(() => props.roleArn, /can't be known during preview/);
        assert.deepStrictEqual(toPlain(props), {
            roleArn: UNKNOWN,
            namespace: "demo",
            tags: { team: UNKNOWN },
            list: ["a", UNKNOWN],
        });
    });

    it("matches IAM wildcards, actions without case", () => {
        assert.ok(wildcardMatch("sts:*", "sts:TagSession"));
        assert.ok(wildcardMatch("sts:Tag?ession", "sts:TagSession"));
        assert.ok(!wildcardMatch("sts:Tag", "sts:TagSession"));
        assert.ok(!wildcardMatch("STS:*", "sts:TagSession"));
        assert.ok(wildcardMatch("STS:*", "sts:TagSession", true));
        assert.ok(wildcardMatch("a.b(c)", "a.b(c)"));
        assert.ok(!wildcardMatch("a.b", "aXb"));
    });

    it("names AWS managed policies in every partition, and customer ones by ARN", () => {
        const entries = ["AdministratorAccess", "arn:aws:iam::*:policy/team/*"];
        assert.ok(policyArnMatches(entries, "arn:aws:iam::aws:policy/AdministratorAccess"));
        assert.ok(policyArnMatches(entries, "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"));
        assert.ok(policyArnMatches(entries, "arn:aws:iam::111122223333:policy/team/admin"));
        assert.ok(
            !policyArnMatches(entries, "arn:aws:iam::111122223333:policy/AdministratorAccess"),
        );
        assert.ok(
            !policyArnMatches(entries, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
        );
    });

    it("parses role ARNs into path and name", () => {
        assert.deepStrictEqual(parseRoleArn("arn:aws:iam::123456789012:role/app"), {
            path: "/",
            name: "app",
        });
        assert.deepStrictEqual(parseRoleArn("arn:aws-cn:iam::123456789012:role/a/b/app"), {
            path: "/a/b/",
            name: "app",
        });
        assert.strictEqual(parseRoleArn("arn:aws:iam::123456789012:user/app"), undefined);
    });

    it("finds nothing missing in the trust policy PodIdentityRole writes", () => {
        const trust = parsePolicyDocument(podIdentityTrustPolicy({ namespaces: ["a"] }));
        assert.ok(trust !== undefined && trust !== UNKNOWN);
        assert.deepStrictEqual(missingPodActions(trust, ["sts:AssumeRole", "sts:TagSession"]), []);
    });

    it("counts only conditions that fail without session tags", () => {
        const statement = (condition: Statement["condition"]): Statement => ({
            effect: "Allow",
            condition,
        });
        const tag = { "aws:RequestTag/kubernetes-namespace": ["a"] };
        assert.strictEqual(requiresRequestTags(statement({ StringEquals: tag })), true);
        assert.strictEqual(requiresRequestTags(statement({ StringLike: tag })), true);
        assert.strictEqual(requiresRequestTags(statement({ StringEqualsIfExists: tag })), false);
        assert.strictEqual(
            requiresRequestTags(statement({ "ForAllValues:StringEquals": tag })),
            false,
        );
        assert.strictEqual(
            requiresRequestTags(statement({ StringEquals: { "aws:SourceAccount": ["1"] } })),
            false,
        );
        assert.strictEqual(requiresRequestTags(statement(UNKNOWN)), UNKNOWN);
    });

    it("grants the agent action only on a resource scope that covers clusters", () => {
        const grant = (resource: string) =>
            grantsClusterAction(
                parsePolicyDocument({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: "eks-auth:AssumeRoleForPodIdentity",
                            Resource: resource,
                        },
                    ],
                }),
                "eks-auth:AssumeRoleForPodIdentity",
            );
        assert.strictEqual(grant("*"), true);
        assert.strictEqual(grant("arn:aws:eks:us-east-1:123456789012:cluster/prod"), true);
        assert.strictEqual(grant("arn:aws:s3:::bucket"), false);
        assert.strictEqual(
            grantsClusterAction(
                parsePolicyDocument({ Version: "2012-10-17", Statement: [UNKNOWN] }),
                "eks-auth:AssumeRoleForPodIdentity",
            ),
            UNKNOWN,
        );
    });

    it("tells clusters apart only on what the stack states", () => {
        const ref = (over: Partial<ClusterRef>): ClusterRef => ({
            name: "prod",
            provider: "default",
            ...over,
        });
        assert.ok(sameCluster(ref({ region: "us-east-1" }), ref({})));
        assert.ok(!sameCluster(ref({ region: "us-east-1" }), ref({ region: "us-west-2" })));
        assert.ok(!sameCluster(ref({ provider: "a" }), ref({ provider: "b" })));
        assert.ok(
            sameCluster(
                ref({ provider: "a", account: "1", region: "r" }),
                ref({ provider: "b", account: "1", region: "r" }),
            ),
        );
        assert.ok(maybeSameCluster(ref({ provider: "a" }), ref({ provider: "b" })));
        assert.ok(!maybeSameCluster(ref({ account: "1" }), ref({ account: "2" })));
        assert.ok(!maybeSameCluster(ref({}), ref({ name: "stage" })));
    });

    it("reads the cluster a kubeconfig's exec credential or context names", () => {
        const yaml = [
            "users:",
            "- name: aws",
            "  user:",
            "    exec:",
            "      command: aws",
            "      args:",
            "      - eks",
            "      - get-token",
            "      - --cluster-name",
            "      - prod-1",
        ].join("\n");
        assert.strictEqual(clusterOfKubeconfig(yaml), "prod-1");
        assert.strictEqual(
            clusterOfKubeconfig(
                '{"contexts":[{"name":"arn:aws:eks:us-east-1:123456789012:cluster/stage"}]}',
            ),
            "stage",
        );
        assert.strictEqual(clusterOfKubeconfig("--cluster-name a --cluster-name b"), undefined);
        assert.strictEqual(clusterOfKubeconfig(UNKNOWN), undefined);
    });

    it("falls back to option defaults for missing or malformed configuration", () => {
        const specs = { names: { description: "names", default: ["a"] } };
        const source = (config: object) => ({ getConfig: <T extends object>() => config as T });
        assert.deepStrictEqual(readOptions(source({}), specs), { names: ["a"] });
        assert.deepStrictEqual(readOptions(source({ names: ["b"] }), specs), { names: ["b"] });
        assert.deepStrictEqual(readOptions(source({ names: "b" }), specs), { names: ["a"] });
    });

    it("uses the agent add-on name the components install", () => {
        assert.strictEqual(AGENT_ADDON, AGENT_ADDON_NAME);
    });
});
