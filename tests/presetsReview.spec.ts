import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { KNOWN_ADDONS, presetCatalog, PresetCatalogEntry } from "../index";
import { PRESET_NAMES, PresetName } from "../presets";
import { presetsTable } from "../tools/docs/presetsTable";
import { SNAPSHOT_DIR, UpstreamSnapshot } from "../tools/presets/refreshUpstream";
import { Statement } from "./iamCatalog";
import { globMatch } from "./iamEvaluator";
import { granting, grantsUnconditionally, statements } from "./policyEval";

// The presets' findings of issue 25's review, each with the source that shows the behaviour.

/** The application-access presets: generic services, no controller, so no minimum version. */
const SERVICE_PRESETS: PresetName[] = [
    "s3Read",
    "s3ReadWrite",
    "s3List",
    "dynamodbRead",
    "dynamodbReadWrite",
    "sqsConsume",
    "sqsSend",
    "snsPublish",
    "secretsManagerRead",
    "ssmParameterRead",
    "kmsDecrypt",
    "kmsEncrypt",
    "bedrockInvoke",
    "cloudwatchLogsWrite",
    "ecrPull",
    "assumeRole",
];

function entryOf(name: PresetName): PresetCatalogEntry {
    const entry = presetCatalog.find((e) => e.name === name);
    assert.ok(entry, `${name} is not in the catalogue`);
    return entry;
}

/**
 * Whether the statements allow `s3:ListBucket` on the bucket for a request with this prefix and
 * delimiter (absent prefix = ""; IAM User Guide, reference_policies_examples_s3_home-directory-
 * console), evaluating the StringLike and StringEquals conditions the presets emit.
 */
function listAllowed(
    of: Statement[],
    bucket: string,
    request: { prefix: string; delimiter?: string },
): boolean {
    const context: { [key: string]: string | undefined } = {
        "s3:prefix": request.prefix,
        "s3:delimiter": request.delimiter,
    };
    return granting(of, "s3:ListBucket", bucket).some((statement) =>
        Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
            Object.entries(keys).every(([key, values]) => {
                const actual = context[key];
                if (actual === undefined) {
                    return false;
                }
                if (operator === "StringEquals") {
                    return values.includes(actual);
                }
                assert.strictEqual(operator, "StringLike", `unexpected operator ${operator}`);
                return values.some((value) => globMatch(value, actual));
            }),
        ),
    );
}

describe("issue 25: presets' review findings", () => {
    describe("upstream records", () => {
        it("every preset records its upstream policy, its policies by part, or why none exists", () => {
            for (const entry of presetCatalog) {
                const kinds = [
                    entry.upstream !== undefined,
                    entry.upstreamParts !== undefined,
                    entry.noUpstreamPolicy !== undefined,
                ].filter(Boolean);
                assert.strictEqual(kinds.length, 1, `${entry.name}: exactly one upstream record`);
                if (entry.noUpstreamPolicy !== undefined) {
                    assert.ok(entry.noUpstreamPolicy.length > 40, `${entry.name}: say why`);
                }
            }
        });

        it("ADOT records one managed policy per collector, named as the add-on's service accounts", () => {
            // ADOT EKS add-on docs (aws-otel.github.io, adot-eks-add-on): each collector's
            // service account has its own managed policy.
            const parts = entryOf("adotCollector").upstreamParts ?? [];
            assert.deepStrictEqual(
                parts.map((part) => part.part),
                KNOWN_ADDONS.adot.serviceAccounts,
            );
            assert.deepStrictEqual(
                parts.map((part) => part.source),
                [
                    "AWS managed policy AmazonPrometheusRemoteWriteAccess",
                    "AWS managed policy AWSXrayWriteOnlyAccess",
                    "AWS managed policy CloudWatchAgentServerPolicy",
                ],
            );
        });

        it("ecrPull follows AmazonEC2ContainerRegistryPullOnly, including BatchImportUpstreamImage", () => {
            const upstream = entryOf("ecrPull").upstream;
            assert.strictEqual(
                upstream?.source,
                "AWS managed policy AmazonEC2ContainerRegistryPullOnly",
            );
            const snapshot = JSON.parse(
                fs.readFileSync(path.join(SNAPSHOT_DIR, "ecrPull.json"), "utf8"),
            ) as UpstreamSnapshot;
            assert.ok(snapshot.actions.includes("ecr:BatchImportUpstreamImage"));
        });
    });

    describe("ecrPull: pull-through caches (ECR User Guide, pull-through-cache-iam)", () => {
        const cache = "arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*";
        const image = "arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/library/nginx";
        const other = "arn:aws:ecr:us-east-1:123456789012:repository/shop/api";

        it("imports upstream images and creates cache repositories only with pullThroughCache", () => {
            const on = statements("ecrPull", { repositoryArns: [cache], pullThroughCache: true });
            assert.ok(grantsUnconditionally(on, "ecr:BatchImportUpstreamImage", image));
            assert.ok(grantsUnconditionally(on, "ecr:CreateRepository", image));
            assert.deepStrictEqual(granting(on, "ecr:BatchImportUpstreamImage", other), []);
            const off = statements("ecrPull", { repositoryArns: [cache] });
            assert.deepStrictEqual(granting(off, "ecr:BatchImportUpstreamImage", image), []);
            assert.deepStrictEqual(granting(off, "ecr:CreateRepository", image), []);
        });
    });

    describe("minimum versions for Pod Identity credentials", () => {
        const controllers = PRESET_NAMES.filter((name) => !SERVICE_PRESETS.includes(name));

        it("every controller preset records one, known, none yet or unverified; service presets none", () => {
            for (const name of controllers) {
                const minimum = entryOf(name).minimumVersion;
                assert.ok(minimum, `${name}: no minimumVersion`);
                assert.ok(minimum.evidence.length > 40, `${name}: say what was checked`);
                if (minimum.status === "known") {
                    assert.match(minimum.source, /^https:\/\//, `${name}: link the source`);
                    assert.match(minimum.version, /^v?\d+\.\d+\.\d+/, name);
                }
                if (minimum.status === "none-yet") {
                    assert.match(minimum.source, /^https:\/\//, `${name}: link the tracking issue`);
                }
            }
            for (const name of SERVICE_PRESETS) {
                assert.strictEqual(entryOf(name).minimumVersion, undefined, name);
            }
        });

        it("Tempo 2.6, Thanos 0.36, Loki 3.0, KEDA 2.13; Mimir none yet", () => {
            // Tempo v2.6.0 go.mod: minio-go v7.0.70 (>= v7.0.69, minio/minio-go#1944); Thanos
            // v0.36.0 CHANGELOG (#7335); Loki v3.0.0 go.mod: aws-sdk-go v1.50.32 (>= v1.47.11);
            // KEDA v2.13.0: the `aws` provider (#4134), aws-sdk-go-v2/config v1.26.4 (>= v1.25.0);
            // Mimir: grafana/mimir#9075 is open.
            const known = (name: PresetName) => {
                const minimum = entryOf(name).minimumVersion;
                return minimum?.status === "known" ? minimum.version : minimum?.status;
            };
            assert.strictEqual(known("tempoStorage"), "v2.6.0");
            assert.strictEqual(known("thanosStorage"), "v0.36.0");
            assert.strictEqual(known("lokiStorage"), "v3.0.0");
            assert.strictEqual(known("keda"), "v2.13.0");
            assert.strictEqual(known("mimirStorage"), "none-yet");
        });

        it("the docs' presets table shows each controller's minimum version", () => {
            const rows = presetsTable().split("\n");
            const row = (name: string) => rows.find((r) => r.startsWith(`| \`${name}\` |`)) ?? "";
            assert.match(rows[0], /Minimum version/);
            assert.match(
                row("tempoStorage"),
                /\[v2\.6\.0\]\(https:\/\/github\.com\/grafana\/tempo\//,
            );
            assert.match(row("mimirStorage"), /none yet/);
            assert.match(row("karpenter"), /unverified/);
            assert.doesNotMatch(row("s3Read"), /none yet|unverified|\[v/);
        });
    });

    describe("keda (keda-docs 2.21 scalers/aws-dynamodb.md, authentication-providers/aws.md)", () => {
        const table = "arn:aws:dynamodb:us-east-1:123456789012:table/jobs";

        it("queries the given tables' indexes (indexName), not other tables' indexes", () => {
            const s = statements("keda", { dynamodbTableArns: [table] });
            assert.ok(grantsUnconditionally(s, "dynamodb:Query", `${table}/index/by-status`));
            assert.deepStrictEqual(
                granting(
                    s,
                    "dynamodb:Query",
                    "arn:aws:dynamodb:us-east-1:123456789012:table/other/index/by-status",
                ),
                [],
            );
        });

        it("assumes only the workload roles TriggerAuthentications name in podIdentity.roleArn", () => {
            const role = "arn:aws:iam::210987654321:role/orders-worker";
            const s = statements("keda", { assumeRoleArns: [role] });
            // Pod Identity's session tags are transitive (EKS User Guide), so the chained
            // AssumeRole passes them on and needs sts:TagSession too.
            assert.ok(grantsUnconditionally(s, "sts:AssumeRole", role));
            assert.ok(grantsUnconditionally(s, "sts:TagSession", role));
            assert.deepStrictEqual(
                granting(s, "sts:AssumeRole", "arn:aws:iam::210987654321:role/admin"),
                [],
            );
        });

        it("describes the podIdentity.provider: aws form, not the deprecated identityOwner", () => {
            const { description } = entryOf("keda");
            assert.match(description, /podIdentity\.provider: aws/);
            assert.doesNotMatch(description, /identityOwner/);
            const source = fs.readFileSync(
                path.join(__dirname, "..", "presets", "keda.ts"),
                "utf8",
            );
            assert.doesNotMatch(source, /identityOwner: operator/);
        });
    });

    describe("fluentBit", () => {
        const group = "arn:aws:logs:*:123456789012:log-group:/eks/prod/app";
        const stream = "arn:aws:kinesis:us-east-1:123456789012:stream/logs";
        const kinesisKey = "arn:aws:kms:us-east-1:123456789012:key/kinesis";
        const s3Key = "arn:aws:kms:us-east-1:123456789012:key/s3";

        it("describes log streams of the given groups for the Go cloudwatch plugin", () => {
            // aws/amazon-cloudwatch-logs-for-fluent-bit README v1.9.4, "Permissions".
            const s = statements("fluentBit", { logGroups: ["/eks/prod/*"] });
            assert.ok(grantsUnconditionally(s, "logs:DescribeLogStreams", `${group}:*`));
            assert.deepStrictEqual(
                granting(
                    s,
                    "logs:DescribeLogStreams",
                    "arn:aws:logs:*:123456789012:log-group:/other:*",
                ),
                [],
            );
        });

        it("gets data keys for encrypted Kinesis streams, only for the given streams", () => {
            // Kinesis Data Streams Developer Guide, permissions-user-key-KMS: producers need
            // kms:GenerateDataKey; the stream ARN is the encryption context aws:kinesis:arn.
            const s = statements("fluentBit", {
                kinesisStreamArns: [stream],
                kinesisKmsKeyArns: [kinesisKey],
            });
            const [grant] = granting(s, "kms:GenerateDataKey", kinesisKey);
            assert.deepStrictEqual(grant.Action, ["kms:GenerateDataKey"]);
            assert.deepStrictEqual(grant.Condition, {
                StringLike: { "kms:EncryptionContext:aws:kinesis:arn": [stream] },
            });
        });

        it("encrypts multipart S3 uploads with the given keys, only through S3", () => {
            // Amazon S3 User Guide, mpuoverview: SSE-KMS multipart uploads need
            // kms:GenerateDataKey and kms:Decrypt.
            const s = statements("fluentBit", {
                s3BucketArns: ["log-archive"],
                s3KmsKeyArns: [s3Key],
            });
            const [grant] = granting(s, "kms:Decrypt", s3Key);
            assert.deepStrictEqual(grant.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
            assert.deepStrictEqual(grant.Condition, {
                StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] },
            });
            assert.deepStrictEqual(granting(s, "kms:GenerateDataKey", kinesisKey), []);
        });
    });

    describe("object storage: what each backend lists at start-up", () => {
        const bucket = "arn:aws:s3:::observability";

        it("Tempo lists its prefix as configured, and before v2.2 the bucket root one level deep", () => {
            // grafana/tempo tempodb/backend/s3/s3.go internalNew: v3.0.3
            // core.ListObjects(cfg.Bucket, cfg.Prefix, "", "/", 1); v2.1.0 ListObjects(bucket, "").
            const s = statements("tempoStorage", { bucketArns: [bucket], prefixes: ["tempo"] });
            assert.ok(listAllowed(s, bucket, { prefix: "tempo", delimiter: "/" }));
            assert.ok(listAllowed(s, bucket, { prefix: "tempo/" }));
            assert.ok(listAllowed(s, bucket, { prefix: "tempo/single-tenant/", delimiter: "/" }));
            assert.ok(listAllowed(s, bucket, { prefix: "", delimiter: "/" }));
            // The root only one level deep: no recursive listing of every key of the bucket.
            assert.ok(!listAllowed(s, bucket, { prefix: "" }));
            assert.ok(!listAllowed(s, bucket, { prefix: "loki/", delimiter: "/" }));
            assert.ok(!listAllowed(s, bucket, { prefix: "tempo-other/" }));
        });

        it("Loki, Thanos and Mimir list under `<prefix>/` only, so the root stays closed", () => {
            // Loki v3.7.6 pkg/storage/factory.go (object_prefix gets one trailing slash);
            // thanos-io/objstore prefixed_bucket.go withPrefix; Mimir through objstore.
            for (const name of ["lokiStorage", "thanosStorage", "mimirStorage"] as const) {
                const s = statements(name, { bucketArns: [bucket], prefixes: ["data"] });
                assert.ok(listAllowed(s, bucket, { prefix: "data/", delimiter: "/" }), name);
                assert.ok(listAllowed(s, bucket, { prefix: "data/index/" }), name);
                assert.ok(!listAllowed(s, bucket, { prefix: "", delimiter: "/" }), name);
                assert.ok(!listAllowed(s, bucket, { prefix: "data" }), name);
            }
        });

        it("needs no start-up grants when the whole bucket is the backend's", () => {
            const s = statements("tempoStorage", { bucketArns: [bucket] });
            assert.ok(listAllowed(s, bucket, { prefix: "" }));
            assert.deepStrictEqual(
                s.map((statement) => statement.Sid).filter((sid) => /Root/.test(sid ?? "")),
                [],
            );
        });
    });

    describe("grafanaCloudWatch: cross-account observability", () => {
        // CloudWatch Logs API reference, StartQuery: a monitoring account starts queries in
        // linked source accounts, naming their log groups by ARN (logGroupIdentifiers).
        const source = "arn:aws:logs:us-east-1:210987654321:log-group:/eks/prod/app";
        const own = "arn:aws:logs:us-east-1:123456789012:log-group:/eks/prod/app";

        it("queries the source accounts' log groups, not only the role's own", () => {
            const s = statements("grafanaCloudWatch", {
                logGroups: ["/eks/prod/*"],
                crossAccountObservability: true,
            });
            assert.ok(grantsUnconditionally(s, "logs:StartQuery", source));
            assert.ok(grantsUnconditionally(s, "logs:StartQuery", own));
            assert.deepStrictEqual(
                granting(s, "logs:StartQuery", source.replace("/eks/prod/", "/other/")),
                [],
            );
        });

        it("limits them to sourceAccountIds when given, and to its own account without OAM", () => {
            const limited = statements("grafanaCloudWatch", {
                crossAccountObservability: true,
                sourceAccountIds: ["210987654321"],
            });
            assert.ok(grantsUnconditionally(limited, "logs:StartQuery", source));
            assert.deepStrictEqual(
                granting(
                    limited,
                    "logs:StartQuery",
                    source.replace("210987654321", "999999999999"),
                ),
                [],
            );
            const single = statements("grafanaCloudWatch", { logGroups: ["/eks/prod/*"] });
            assert.deepStrictEqual(granting(single, "logs:StartQuery", source), []);
            assert.ok(grantsUnconditionally(single, "logs:StartQuery", own));
        });
    });
});
