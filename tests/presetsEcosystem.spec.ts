import * as assert from "assert";
import { checkPresets } from "../presets";
import { Problems } from "../model/problems";
import { actions, granting, grantsUnconditionally, statements } from "./policyEval";
import { preset } from "./presetSpec";

// Scoping specs of the presets for autoscalers, secret mounts, log shippers, dashboards and
// observability storage (the controllers' presets are in presets.spec.ts).

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

preset("keda", () => {
    const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/events";

    it("reads the given queues' lengths and nothing of other queues; consumes nothing", () => {
        const s = statements("keda", { sqsQueueArns: [queue] });
        assert.ok(grantsUnconditionally(s, "sqs:GetQueueAttributes", queue));
        assert.deepStrictEqual(
            granting(s, "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:123456789012:other"),
            [],
        );
        assert.deepStrictEqual(actions(s), ["sqs:GetQueueAttributes"]);
    });

    it("reads the streams of the given tables only, and CloudWatch only when asked", () => {
        const s = statements("keda", { dynamodbStreamTableArns: [table] });
        assert.ok(grantsUnconditionally(s, "dynamodb:DescribeTable", table));
        assert.ok(
            grantsUnconditionally(s, "dynamodb:DescribeStream", `${table}/stream/2026-01-01T00:00`),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "dynamodb:DescribeStream",
                "arn:aws:dynamodb:us-east-1:123456789012:table/other/stream/x",
            ),
            [],
        );
        assert.ok(!actions(s).includes("cloudwatch:GetMetricData"));
        const withMetrics = statements("keda", { cloudwatchMetrics: true });
        assert.ok(grantsUnconditionally(withMetrics, "cloudwatch:GetMetricData", "*"));
    });

    it("needs some scaler's resources: a switched-off CloudWatch scaler is not one", () => {
        const problems = new Problems();
        checkPresets(problems, { keda: { cloudwatchMetrics: false } });
        assert.deepStrictEqual(
            problems.list.map((p) => p.propertyPath),
            ["presets.keda"],
        );
        assert.match(problems.list[0].reason, /at least one of: sqsQueueArns, cloudwatchMetrics/);
    });

    it("grants nothing to write", () => {
        const entry = statements("keda", {
            sqsQueueArns: [queue],
            cloudwatchMetrics: true,
            kinesisStreamArns: ["arn:aws:kinesis:us-east-1:123456789012:stream/clicks"],
            dynamodbTableArns: [table],
            dynamodbStreamTableArns: [table],
        });
        assert.ok(!actions(entry).some((a) => /:(Put|Delete|Update|Send|Receive|Create)/.test(a)));
    });
});

preset("secretsStoreCsi", () => {
    it("reads only the mounted secrets and parameters", () => {
        const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????";
        const parameter = "arn:aws:ssm:us-east-1:123456789012:parameter/prod/*";
        const s = statements("secretsStoreCsi", {
            secretArns: [secret],
            parameterArns: [parameter],
        });
        assert.ok(
            grantsUnconditionally(
                s,
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
            ),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/db-AbCdEf",
            ),
            [],
        );
        assert.ok(
            grantsUnconditionally(
                s,
                "ssm:GetParameters",
                "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-url",
            ),
        );
        assert.ok(!actions(s).includes("secretsmanager:ListSecrets"));
    });

    it("needs no SSM grant for secrets only, and decrypts with the given keys", () => {
        const s = statements("secretsStoreCsi", {
            secretArns: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:a-*"],
            kmsKeyArns: [KEY],
        });
        assert.ok(!actions(s).some((a) => a.startsWith("ssm:")));
        assert.ok(grantsUnconditionally(s, "kms:Decrypt", KEY));
    });
});

preset("fluentBit", () => {
    it("writes only to the given log groups, and creates them only with createLogGroups", () => {
        const s = statements("fluentBit", { logGroups: ["/eks/prod/*"] });
        const stream =
            "arn:aws:logs:us-east-1:123456789012:log-group:/eks/prod/app:log-stream:pod-1";
        assert.ok(grantsUnconditionally(s, "logs:PutLogEvents", stream));
        assert.deepStrictEqual(
            granting(
                s,
                "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:123456789012:log-group:/other:log-stream:x",
            ),
            [],
        );
        assert.ok(!actions(s).includes("logs:CreateLogGroup"));
        const creating = statements("fluentBit", {
            logGroups: ["/eks/prod/*"],
            createLogGroups: true,
        });
        const group = "arn:aws:logs:us-east-1:123456789012:log-group:/eks/prod/app";
        assert.ok(grantsUnconditionally(creating, "logs:CreateLogGroup", group));
        assert.ok(grantsUnconditionally(creating, "logs:PutRetentionPolicy", group));
    });

    it("puts records and objects only to the given streams and bucket prefixes", () => {
        const firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs";
        const s = statements("fluentBit", {
            firehoseStreamArns: [firehose],
            s3BucketArns: ["log-archive"],
            s3Prefixes: ["fluent-bit/"],
        });
        assert.ok(grantsUnconditionally(s, "firehose:PutRecordBatch", firehose));
        assert.ok(
            grantsUnconditionally(s, "s3:PutObject", "arn:aws:s3:::log-archive/fluent-bit/x.gz"),
        );
        assert.deepStrictEqual(granting(s, "s3:PutObject", "arn:aws:s3:::log-archive/other/x"), []);
        assert.ok(!actions(s).some((a) => /s3:(Get|Delete|List)/.test(a)));
    });
});

preset("grafanaCloudWatch", () => {
    it("reads metrics everywhere and queries only the given log groups", () => {
        const s = statements("grafanaCloudWatch", { logGroups: ["/eks/prod/*"] });
        assert.ok(grantsUnconditionally(s, "cloudwatch:GetMetricData", "*"));
        const group = "arn:aws:logs:us-east-1:123456789012:log-group:/eks/prod/app";
        assert.ok(grantsUnconditionally(s, "logs:StartQuery", group));
        assert.deepStrictEqual(
            granting(s, "logs:StartQuery", "arn:aws:logs:us-east-1:123456789012:log-group:/secret"),
            [],
        );
        assert.ok(!actions(s).some((a) => a.startsWith("oam:")));
    });

    it("drops Logs Insights with logs: false and writes nothing", () => {
        const s = statements("grafanaCloudWatch", { logs: false, crossAccountObservability: true });
        assert.ok(!actions(s).some((a) => a.startsWith("logs:")));
        assert.ok(grantsUnconditionally(s, "oam:ListSinks", "*"));
        assert.ok(!actions(s).some((a) => /:(Put|Delete|Create|Update|Set)/.test(a)));
    });
});

/** The same scoping for every backend built by objectStoragePreset. */
function storageSpecs(storage: "lokiStorage" | "thanosStorage" | "tempoStorage" | "mimirStorage") {
    return () => {
        it("reads, writes and deletes only under the given bucket's prefixes", () => {
            const s = statements(storage, { bucketArns: ["data"], prefixes: ["/tenant-a/"] });
            const inside = "arn:aws:s3:::data/tenant-a/chunks/1";
            for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
                assert.ok(grantsUnconditionally(s, action, inside), action);
            }
            assert.deepStrictEqual(granting(s, "s3:GetObject", "arn:aws:s3:::data/tenant-b/x"), []);
            assert.deepStrictEqual(
                granting(s, "s3:GetObject", "arn:aws:s3:::other/tenant-a/x"),
                [],
            );
            // Tempo also lists its prefix as configured at start-up (presetsReview.spec.ts).
            const asWritten = storage === "tempoStorage" ? ["tenant-a"] : [];
            assert.deepStrictEqual(granting(s, "s3:ListBucket", "arn:aws:s3:::data")[0].Condition, {
                StringLike: { "s3:prefix": [...asWritten, "tenant-a/", "tenant-a/*"] },
            });
            assert.ok(!actions(s).some((a) => /Bucket(Policy|Acl)|DeleteBucket/.test(a)));
        });

        it("uses KMS keys only through S3", () => {
            const s = statements(storage, { bucketArns: ["data"], kmsKeyArns: [KEY] });
            assert.deepStrictEqual(granting(s, "kms:GenerateDataKey", KEY)[0].Condition, {
                StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] },
            });
        });
    };
}

preset("lokiStorage", storageSpecs("lokiStorage"));
preset("thanosStorage", storageSpecs("thanosStorage"));
preset("tempoStorage", storageSpecs("tempoStorage"));
preset("mimirStorage", storageSpecs("mimirStorage"));
