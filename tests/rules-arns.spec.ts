/**
 * ARNs by what each argument expects (policies, roles, S3 buckets, KMS keys, Route 53 hosted
 * zones, other services' resources), real regions, and partitions that agree with them.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as aws from "@pulumi/aws";
import {
    PermissionPresets,
    PodIdentity,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityRoleArgs,
} from "../index";
import { checkPodIdentityArgs, checkRoleArgs } from "../model/args";
import { KNOWN_REGIONS, PARTITIONS, partitionOfRegion } from "../model/rules/regions";
import { PRESET_OPTION_EXPECTATIONS } from "../model/rules/presetOptions";
import { PRESETS, PRESET_NAMES } from "../presets/registry";
import { parseRootConfig } from "../program/config";
import { record, T } from "./harness";
import { assertEachAccepted, assertEachRefused, assertRefused, refusal } from "./rulesHarness";

const ACCOUNT = "123456789012";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
const role = (args: PodIdentityRoleArgs) => new PodIdentityRole("r", args);
const withPresets = (presets: PermissionPresets) => role({ presets });

const name = fc.string({ unit: fc.constantFrom(..."abcxyz019-"), minLength: 1, maxLength: 12 });
const bucketName = fc
    .tuple(
        fc.constantFrom(..."abz09"),
        fc.string({ unit: fc.constantFrom(..."abz09-."), minLength: 1, maxLength: 20 }),
        fc.constantFrom(..."az09"),
    )
    .map(([a, b, c]) => `${a}${b}${c}`)
    .filter((bucket) => !bucket.includes(".."));
const region = fc.constantFrom(...KNOWN_REGIONS);
const partitionOf = (r: string) => partitionOfRegion(r)!;

describe("rules: ARNs and regions", () => {
    describe("iam-policy-arn", () => {
        it("refuses a policy name where an ARN belongs", async () => {
            await assertRefused(() => role({ managedPolicyArns: ["AmazonS3ReadOnlyAccess"] }), {
                path: "managedPolicyArns[0]",
                rule: "iam-policy-arn",
                value: "AmazonS3ReadOnlyAccess",
            });
        });

        it("refuses a role ARN as permissions boundary", async () => {
            await assertRefused(() => role({ permissionsBoundary: ROLE_ARN }), {
                path: "permissionsBoundary",
                rule: "iam-policy-arn",
                value: ROLE_ARN,
            });
        });

        it("refuses generated non-policy ARNs in managedPolicyArns, policyArns and permissionsBoundary", async () => {
            const notPolicy = fc.oneof(
                name.map((n) => `arn:aws:iam::${ACCOUNT}:role/${n}`),
                name.map((n) => `arn:aws:iam::${ACCOUNT}:user/${n}`),
                name.map((n) => `arn:aws:s3:::${n}`),
                name,
            );
            const where = fc.constantFrom("managedPolicyArns", "policyArns", "permissionsBoundary");
            await assertEachRefused(
                fc.tuple(where, notPolicy),
                ([property, arn]) =>
                    role(
                        property === "managedPolicyArns"
                            ? { managedPolicyArns: [arn] }
                            : property === "policyArns"
                              ? { policyArns: { extra: arn } }
                              : { permissionsBoundary: arn },
                    ),
                ([property, arn]) => ({
                    path:
                        property === "managedPolicyArns"
                            ? "managedPolicyArns[0]"
                            : property === "policyArns"
                              ? "policyArns.extra"
                              : "permissionsBoundary",
                    rule: "iam-policy-arn",
                    value: arn,
                }),
            );
        });

        it("accepts AWS managed and customer policies, with paths, in every partition", () => {
            const policy = fc
                .tuple(
                    fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
                    fc.constantFrom("aws", ACCOUNT),
                    fc.constantFrom("", "service-role/", "team/app/"),
                    name,
                )
                .map(([p, account, path, n]) => `arn:${p}:iam::${account}:policy/${path}${n}`);
            assertEachAccepted(policy, (problems, arn) =>
                checkRoleArgs(problems, { managedPolicyArns: [arn], permissionsBoundary: arn }),
            );
        });
    });

    describe("iam-role-arn", () => {
        it("refuses an instance profile where a role ARN belongs, in presets too", async () => {
            await assertRefused(
                () =>
                    withPresets({
                        karpenter: {
                            clusterName: "prod",
                            nodeRoleArns: [`arn:aws:iam::${ACCOUNT}:instance-profile/nodes`],
                        },
                    }),
                { path: "presets.karpenter.nodeRoleArns[0]", rule: "iam-role-arn" },
            );
        });

        it("refuses generated ARNs that are not roles as a binding's roleArn", async () => {
            const notRole = fc.oneof(
                name.map((n) => `arn:aws:iam::${ACCOUNT}:instance-profile/${n}`),
                name.map((n) => `arn:aws:sts::${ACCOUNT}:assumed-role/${n}/session`),
                name.map((n) => `arn:aws:iam::${ACCOUNT}:policy/${n}`),
                name,
            );
            await assertEachRefused(
                notRole,
                (arn) =>
                    new PodIdentityBinding("b", {
                        clusterName: "prod",
                        namespace: "demo",
                        serviceAccount: "api",
                        roleArn: arn,
                    }),
                (arn) => ({ path: "roleArn", rule: "iam-role-arn", value: arn }),
            );
        });
    });

    describe("s3-bucket-arn", () => {
        it("refuses an object ARN as a bucket, pointing the key to prefixes", () => {
            const error = refusal(() =>
                withPresets({ s3Read: { bucketArns: ["arn:aws:s3:::reports/exports/*"] } }),
            );
            assert.deepStrictEqual(
                error.errors.map((e) => e.propertyPath),
                ["presets.s3Read.bucketArns[0]"],
            );
            assert.match(
                error.errors[0].reason,
                /Give the bucket, arn:aws:s3:::reports, and the key prefix "exports\/" in prefixes/,
            );
        });

        it("takes bare names where the preset turns them into ARNs, and refuses them where it does not", async () => {
            const run = await record(() =>
                withPresets({
                    s3Read: { bucketArns: ["reports"] },
                    velero: { bucketArns: ["backups"] },
                }),
            );
            assert.strictEqual(run.ofType(T.policy).length, 2);
            await assertRefused(
                () => withPresets({ fsxLustreCsi: { s3BucketArns: ["training"] } }),
                {
                    path: "presets.fsxLustreCsi.s3BucketArns[0]",
                    rule: "s3-bucket-arn",
                    value: "training",
                },
            );
        });

        it("refuses generated object ARNs and s3:// URLs; accepts bucket ARNs and names", async () => {
            const broken = fc.oneof(
                fc.tuple(bucketName, name).map(([b, key]) => `arn:aws:s3:::${b}/${key}`),
                fc.tuple(bucketName, name).map(([b, key]) => `s3://${b}/${key}`),
                fc
                    .tuple(bucketName, name)
                    .map(([b, n]) => `arn:aws:s3:us-east-1:${ACCOUNT}:${b}${n}`),
                fc
                    .tuple(bucketName, fc.constantFrom(" ", "#", "!", ":", "%"))
                    .map(([b, bad]) => `${b}${bad}x`),
            );
            await assertEachRefused(
                broken,
                (bucket) => withPresets({ s3ReadWrite: { bucketArns: [bucket] } }),
                (bucket) => ({
                    path: "presets.s3ReadWrite.bucketArns[0]",
                    rule: "s3-bucket-arn",
                    value: bucket,
                }),
            );
            const fine = fc.oneof(
                bucketName,
                fc
                    .tuple(fc.constantFrom("aws", "aws-cn", "aws-us-gov"), bucketName)
                    .map(([p, b]) => `arn:${p}:s3:::${b}`),
                bucketName.map((b) => `arn:aws:s3:::${b.slice(0, 4)}*`),
            );
            assertEachAccepted(fine, (problems, bucket) =>
                checkRoleArgs(problems, { presets: { s3ReadWrite: { bucketArns: [bucket] } } }),
            );
        });
    });

    describe("kms-key-arn", () => {
        it("refuses an alias ARN, saying which ARN to give", async () => {
            const alias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`;
            await assertRefused(() => withPresets({ kmsDecrypt: { keyArns: [alias] } }), {
                path: "presets.kmsDecrypt.keyArns[0]",
                rule: "kms-key-arn",
                value: alias,
            });
            const error = refusal(() => withPresets({ kmsDecrypt: { keyArns: [KEY] } }));
            assert.match(error.errors[0].reason, /That is a key id/);
        });

        it("refuses generated aliases and key ids; accepts key ARNs of every region", async () => {
            const broken = fc.oneof(
                fc
                    .tuple(region, name)
                    .map(([r, n]) => `arn:${partitionOf(r)}:kms:${r}:${ACCOUNT}:alias/${n}`),
                fc.uuid(),
                fc.tuple(region, name).map(([r, n]) => `arn:${partitionOf(r)}:s3:::${n}`),
            );
            await assertEachRefused(
                broken,
                (key) => withPresets({ s3Read: { bucketArns: ["data"], kmsKeyArns: [key] } }),
                (key) => ({
                    path: "presets.s3Read.kmsKeyArns[0]",
                    rule: "kms-key-arn",
                    value: key,
                }),
            );
            const keys = fc
                .tuple(region, fc.uuid())
                .map(([r, id]) => `arn:${partitionOf(r)}:kms:${r}:${ACCOUNT}:key/${id}`);
            assertEachAccepted(keys, (problems, key) =>
                checkRoleArgs(problems, { presets: { kmsEncrypt: { keyArns: [key] } } }),
            );
        });
    });

    describe("route53-hosted-zone-arn", () => {
        it("refuses a bare zone id, with the ARN to give", () => {
            const error = refusal(() =>
                withPresets({ externalDns: { hostedZoneArns: ["/hostedzone/Z0123456789ABC"] } }),
            );
            assert.match(error.errors[0].reason, /rule route53-hosted-zone-arn/);
            assert.match(error.errors[0].reason, /arn:aws:route53:::hostedzone\/Z0123456789ABC/);
        });

        it("refuses generated zone ids and other ARNs; accepts zone ARNs", async () => {
            const id = fc.string({
                unit: fc.constantFrom(..."ABCZ0189"),
                minLength: 5,
                maxLength: 21,
            });
            const broken = fc.oneof(
                id.map((z) => `Z${z}`),
                id.map((z) => `/hostedzone/Z${z}`),
                id.map((z) => `arn:aws:route53:us-east-1:${ACCOUNT}:hostedzone/Z${z}`),
            );
            await assertEachRefused(
                broken,
                (zone) => withPresets({ certManager: { hostedZoneArns: [zone] } }),
                (zone) => ({
                    path: "presets.certManager.hostedZoneArns[0]",
                    rule: "route53-hosted-zone-arn",
                    value: zone,
                }),
            );
            assertEachAccepted(
                id.map((z) => `arn:aws:route53:::hostedzone/Z${z}`),
                (problems, zone) =>
                    checkRoleArgs(problems, {
                        presets: { externalDns: { hostedZoneArns: [zone] } },
                    }),
            );
        });
    });

    describe("service-arn", () => {
        it("refuses a queue where a table belongs", async () => {
            const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`;
            await assertRefused(() => withPresets({ dynamodbRead: { tableArns: [queue] } }), {
                path: "presets.dynamodbRead.tableArns[0]",
                rule: "service-arn",
                value: queue,
            });
        });

        it("lists every ARN, region and cluster-name option of every preset", () => {
            for (const preset of PRESET_NAMES) {
                for (const option of Object.keys(PRESETS[preset].options)) {
                    if (/Arns?$|^region$|^clusterNames?$/.test(option)) {
                        assert.ok(
                            PRESET_OPTION_EXPECTATIONS[preset]?.[option],
                            `${preset}.${option} says what it takes in model/rules/presetOptions.ts`,
                        );
                    }
                }
            }
        });
    });

    describe("aws-region and arn-partition", () => {
        it("reads the regions of the installed @pulumi/aws, and knows each one's partition", () => {
            const installed = Object.values(aws.Region as Record<string, string>).sort();
            assert.deepStrictEqual([...KNOWN_REGIONS], installed);
            for (const r of installed) {
                assert.ok(partitionOfRegion(r), `${r} is in a partition`);
            }
            assert.strictEqual(partitionOfRegion("cn-north-1"), "aws-cn");
            assert.strictEqual(partitionOfRegion("us-gov-west-1"), "aws-us-gov");
            assert.strictEqual(partitionOfRegion("us-east-1"), "aws");
            assert.ok(PARTITIONS.length >= 3);
        });

        it("refuses a region AWS does not have, and an availability zone", async () => {
            const fleet = (r: string) =>
                new PodIdentity("app", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: { prod: { clusterName: "prod", region: r } },
                });
            await assertRefused(() => fleet("us-east-9"), {
                path: "clusters.prod.region",
                rule: "aws-region",
                value: "us-east-9",
            });
            const error = refusal(() => fleet("eu-west-1a"));
            assert.match(error.errors[0].reason, /availability zone: use its region, "eu-west-1"/);
        });

        it("refuses generated region names that are not regions; accepts every real one", async () => {
            const notRegion = fc
                .tuple(
                    fc.constantFrom("us", "eu", "ap", "xx"),
                    name,
                    fc.integer({ min: 0, max: 99 }),
                )
                .map(([a, b, n]) => `${a}-${b}-${n}`)
                .filter((r) => !KNOWN_REGIONS.includes(r));
            await assertEachRefused(
                notRegion,
                (r) =>
                    withPresets({
                        karpenter: {
                            clusterName: "prod",
                            nodeRoleArns: [`arn:aws:iam::${ACCOUNT}:role/nodes`],
                            region: r,
                        },
                    }),
                (r) => ({ path: "presets.karpenter.region", rule: "aws-region", value: r }),
            );
            assertEachAccepted(
                region,
                (problems, r) =>
                    checkPodIdentityArgs(problems, {
                        roleArn: `arn:${partitionOf(r)}:iam::${ACCOUNT}:role/app`,
                        serviceAccounts: [{ namespace: "demo", name: "api" }],
                        clusters: { prod: { clusterName: "prod", region: r } },
                    }),
                KNOWN_REGIONS.length,
            );
        });

        it("refuses a region AWS does not have in stack configuration, by its key", () => {
            assert.throws(
                () =>
                    parseRootConfig(
                        {
                            roleArn: ROLE_ARN,
                            serviceAccounts: JSON.stringify([{ namespace: "demo", name: "api" }]),
                            clusters: JSON.stringify({
                                prod: { clusterName: "prod", region: "eu-west-9" },
                            }),
                        },
                        "eks-pod-identity",
                    ),
                (error: Error) =>
                    error.message.includes("1 configuration problem:") &&
                    /eks-pod-identity:clusters\.prod\.region: "eu-west-9" is not an AWS region.*rule aws-region/.test(
                        error.message,
                    ),
            );
        });

        it("refuses a role ARN in another partition than a configured cluster's region", () => {
            assert.throws(
                () =>
                    parseRootConfig(
                        {
                            roleArn: ROLE_ARN,
                            serviceAccounts: JSON.stringify([{ namespace: "demo", name: "api" }]),
                            clusters: JSON.stringify({
                                bj: { clusterName: "prod", region: "cn-north-1" },
                            }),
                        },
                        "eks-pod-identity",
                    ),
                /eks-pod-identity:roleArn: .*is in partition aws, but clusters\.bj's region cn-north-1 is in aws-cn.*rule arn-partition/,
            );
        });

        it("refuses a role in another partition than the cluster's region", async () => {
            await assertRefused(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: [{ namespace: "demo", name: "api" }],
                        clusters: { bj: { clusterName: "prod", region: "cn-north-1" } },
                    }),
                { path: "roleArn", rule: "arn-partition", value: ROLE_ARN },
            );
        });

        it("refuses generated ARNs whose partition is not their region's", async () => {
            const mismatched = fc
                .tuple(region, fc.constantFrom("aws", "aws-cn", "aws-us-gov"), fc.uuid())
                .filter(([r, p]) => partitionOf(r) !== p)
                .map(([r, p, id]) => `arn:${p}:kms:${r}:${ACCOUNT}:key/${id}`);
            await assertEachRefused(
                mismatched,
                (key) => withPresets({ ebsCsi: { kmsKeyArns: [key] } }),
                (key) => ({
                    path: "presets.ebsCsi.kmsKeyArns[0]",
                    rule: "arn-partition",
                    value: key,
                }),
            );
        });
    });

    describe("arn-format", () => {
        it("refuses an ARN with a partition AWS does not have, or a short account", async () => {
            await assertRefused(
                () =>
                    withPresets({
                        sqsSend: { queueArns: ["arn:amazon:sqs:us-east-1:123456789012:q"] },
                    }),
                { path: "presets.sqsSend.queueArns[0]", rule: "arn-format" },
            );
            await assertRefused(
                () => withPresets({ sqsSend: { queueArns: ["arn:aws:sqs:us-east-1:12345:q"] } }),
                { path: "presets.sqsSend.queueArns[0]", rule: "arn-format" },
            );
        });

        it("refuses generated ARNs of unknown partitions or accounts, in statements too", async () => {
            const broken = fc.oneof(
                fc
                    .tuple(fc.constantFrom("amazon", "aws-china", "AWS", "gov"), name)
                    .map(([p, n]) => `arn:${p}:s3:::${n}`),
                fc
                    .tuple(fc.integer({ min: 1, max: 99999999999 }), name)
                    .map(([account, n]) => `arn:aws:sqs:us-east-1:${account}:${n}`),
            );
            await assertEachRefused(
                broken,
                (arn) => role({ statements: [{ Action: ["s3:GetObject"], Resource: [arn] }] }),
                () => ({ path: "statements[0].Resource[0]", rule: "arn-format" }),
            );
        });
    });

    describe("service-arn, generated", () => {
        it("refuses ARNs of other services in a preset's typed option", async () => {
            const other = fc
                .tuple(fc.constantFrom("sqs", "sns", "s3", "kinesis", "ec2"), region, name)
                .map(([service, r, n]) => `arn:${partitionOf(r)}:${service}:${r}:${ACCOUNT}:${n}`);
            await assertEachRefused(
                other,
                (arn) => withPresets({ dynamodbReadWrite: { tableArns: [arn] } }),
                (arn) => ({
                    path: "presets.dynamodbReadWrite.tableArns[0]",
                    rule: "service-arn",
                    value: arn,
                }),
            );
        });
    });
});
