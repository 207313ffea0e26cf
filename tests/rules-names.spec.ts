/**
 * Names AWS checks on create: EKS cluster names (CreateCluster), IAM role names, paths and
 * descriptions (CreateRole). Each rule: a plain spec, and generated inputs that break it (one
 * refusal each, nothing registered) or keep it (no false refusal).
 */
import * as assert from "assert";
import * as fc from "fast-check";
import {
    PodIdentity,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityRoleArgs,
} from "../index";
import { checkBindingArgs, checkRoleArgs } from "../model/args";
import { assertEachAccepted, assertEachRefused, assertRefused, refusal } from "./rulesHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const binding = (clusterName: string) =>
    new PodIdentityBinding("b", {
        clusterName,
        namespace: "demo",
        serviceAccount: "api",
        roleArn: ROLE_ARN,
    });
const role = (args: PodIdentityRoleArgs) => new PodIdentityRole("r", args);

const CLUSTER_CHARS = "abcXYZ019-_";
const validClusterName = fc
    .tuple(
        fc.constantFrom(..."aZ09"),
        fc.string({ unit: fc.constantFrom(...CLUSTER_CHARS), maxLength: 99 }),
    )
    .map(([first, rest]) => first + rest);

describe("rules: names", () => {
    describe("eks-cluster-name", () => {
        it("refuses a cluster name with a space, before anything is registered", async () => {
            await assertRefused(() => binding("prod cluster"), {
                path: "clusterName",
                rule: "eks-cluster-name",
                value: "prod cluster",
            });
        });

        it("refuses an ARN given as a cluster name, naming the name it holds", () => {
            const error = refusal(() =>
                binding("arn:aws:eks:us-east-1:123456789012:cluster/prod-use1"),
            );
            assert.match(error.errors[0].reason, /is an ARN, not a cluster name/);
            assert.match(error.errors[0].reason, /Give the name it holds, "prod-use1"/);
        });

        it("checks the cluster names of PodIdentity and PodIdentityAgent too", async () => {
            await assertRefused(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: [{ namespace: "demo", name: "api" }],
                        clusters: { prod: { clusterName: "-prod" } },
                    }),
                { path: "clusters.prod.clusterName", rule: "eks-cluster-name", value: "-prod" },
            );
            await assertRefused(
                () => new PodIdentityAgent("agent", { clusterName: "x".repeat(101) }),
                { path: "clusterName", rule: "eks-cluster-name" },
            );
        });

        it("refuses generated names that break the rule, each once", async () => {
            const tooLong = fc
                .string({ unit: fc.constantFrom(...CLUSTER_CHARS), minLength: 100, maxLength: 140 })
                .map((rest) => `a${rest}`);
            const badCharacter = fc
                .tuple(validClusterName, fc.constantFrom(..." .:/@#é+=*"), validClusterName)
                .map(([a, bad, b]) => `${a}${bad}${b}`.slice(0, 100));
            const badStart = fc
                .tuple(fc.constantFrom("-", "_"), validClusterName)
                .map(([first, rest]) => (first + rest).slice(0, 100));
            const arn = validClusterName.map(
                (name) => `arn:aws:eks:eu-west-1:123456789012:cluster/${name}`,
            );
            const empty = fc.constant("");
            await assertEachRefused(
                fc.oneof(tooLong, badCharacter, badStart, arn, empty),
                binding,
                (name) => ({ path: "clusterName", rule: "eks-cluster-name", value: name }),
            );
        });

        it("accepts every name of 1 to 100 letters, digits, - and _ starting with a letter or digit", () => {
            assertEachAccepted(validClusterName, (problems, name) =>
                checkBindingArgs(problems, {
                    clusterName: name,
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                }),
            );
        });
    });

    describe("iam-role-name", () => {
        it("refuses a role name with a space", async () => {
            await assertRefused(() => role({ name: "my role" }), {
                path: "name",
                rule: "iam-role-name",
                value: "my role",
            });
        });

        it("refuses generated names that are too long or hold other characters", async () => {
            const name = fc.string({
                unit: fc.constantFrom(..."aZ0+=,.@_-"),
                minLength: 1,
                maxLength: 64,
            });
            const broken = fc.oneof(
                fc.string({ unit: fc.constantFrom(..."aZ0_"), minLength: 65, maxLength: 90 }),
                fc
                    .tuple(name, fc.constantFrom(..." /:*!#é"), name)
                    .map(([a, bad, b]) => `${a}${bad}${b}`.slice(0, 64)),
            );
            await assertEachRefused(
                broken,
                (value) => role({ name: value }),
                (value) => ({
                    path: "name",
                    rule: "iam-role-name",
                    value,
                }),
            );
            assertEachAccepted(name, (problems, value) => checkRoleArgs(problems, { name: value }));
        });
    });

    describe("iam-path", () => {
        const segment = fc.string({
            unit: fc.constantFrom(..."az09-_.@+="),
            minLength: 1,
            maxLength: 8,
        });
        const validPath = fc
            .array(segment, { maxLength: 5 })
            .map((segments) => (segments.length === 0 ? "/" : `/${segments.join("/")}/`));

        it("refuses a path without its slashes", async () => {
            await assertRefused(() => role({ path: "pods" }), {
                path: "path",
                rule: "iam-path",
                value: "pods",
            });
        });

        it("accepts /, /a/b/ and every generated path of printable segments", () => {
            for (const path of ["/", "/a/b/", "/pods/"]) {
                assertEachAccepted(fc.constant(path), (problems, value) =>
                    checkRoleArgs(problems, { path: value }),
                );
            }
            assertEachAccepted(validPath, (problems, value) =>
                checkRoleArgs(problems, { path: value }),
            );
        });

        it("refuses generated paths that miss a slash or double one", async () => {
            const broken = fc.oneof(
                segment.map((s) => `/${s}`),
                segment.map((s) => `${s}/`),
                fc.tuple(segment, segment).map(([a, b]) => `/${a}//${b}/`),
            );
            await assertEachRefused(
                broken,
                (path) => role({ path }),
                (path) => ({
                    path: "path",
                    rule: "iam-path",
                    value: path,
                }),
            );
        });
    });

    describe("iam-role-description", () => {
        it("refuses a description of more than 1,000 characters", async () => {
            await assertRefused(() => role({ description: "d".repeat(1001) }), {
                path: "description",
                rule: "iam-role-description",
            });
        });

        it("refuses characters beyond Latin-1, naming the character", () => {
            const error = refusal(() => role({ description: "payments 🚀 role" }));
            assert.match(error.errors[0].reason, /U\+1F680/);
        });

        it("refuses generated descriptions that break the rule; accepts Latin-1 text", async () => {
            const text = fc.string({ unit: fc.constantFrom(..."ab AZ09.,;:é\tß"), maxLength: 60 });
            const broken = fc.oneof(
                fc.string({ unit: fc.constantFrom(..."abc "), minLength: 1001, maxLength: 1100 }),
                fc
                    .tuple(
                        text,
                        fc.constantFrom("\u0000", "\u0007", "\u2028", "€", "日", "😀"),
                        text,
                    )
                    .map(([a, bad, b]) => `${a}${bad}${b}`),
            );
            await assertEachRefused(
                broken,
                (description) => role({ description }),
                () => ({
                    path: "description",
                    rule: "iam-role-description",
                }),
            );
            assertEachAccepted(text, (problems, description) =>
                checkRoleArgs(problems, { description }),
            );
        });
    });

    describe("iam-max-session-duration", () => {
        it("refuses generated durations outside 3600 to 43200 seconds; accepts those inside", async () => {
            const outside = fc.oneof(
                fc.integer({ min: -100000, max: 3599 }),
                fc.integer({ min: 43201, max: 10000000 }),
                fc
                    .double({ min: 3600.01, max: 43199.99, noNaN: true })
                    .filter((n) => !Number.isInteger(n)),
            );
            await assertEachRefused(
                outside,
                (maxSessionDuration) => role({ maxSessionDuration }),
                () => ({
                    path: "maxSessionDuration",
                    rule: "iam-max-session-duration",
                }),
            );
            assertEachAccepted(
                fc.integer({ min: 3600, max: 43200 }),
                (problems, maxSessionDuration) => checkRoleArgs(problems, { maxSessionDuration }),
            );
        });
    });

    describe("kubernetes-namespace-name, kubernetes-service-account-name and irsa-annotation", () => {
        const label = fc
            .tuple(
                fc.constantFrom(..."az09"),
                fc.string({ unit: fc.constantFrom(..."az09-"), maxLength: 40 }),
                fc.constantFrom(..."az09"),
            )
            .map(([a, b, c]) => `${a}${b}${c}`);
        const bindingOf = (
            namespace: string,
            serviceAccount: string,
            annotations?: Record<string, string>,
        ) =>
            new PodIdentityBinding("b", {
                clusterName: "prod",
                namespace,
                serviceAccount,
                roleArn: ROLE_ARN,
                serviceAccountAnnotations: annotations,
            });

        it("refuses generated namespaces and service accounts that are not DNS-1123 names", async () => {
            const broken = fc.oneof(
                label.map((l) => l.toUpperCase() + "X"),
                label.map((l) => `-${l}`),
                fc
                    .tuple(label, fc.constantFrom("_", " ", "/", ":"))
                    .map(([l, bad]) => `${l}${bad}x`),
                fc.string({ unit: fc.constantFrom(..."ab"), minLength: 64, maxLength: 70 }),
            );
            await assertEachRefused(
                broken,
                (namespace) => bindingOf(namespace, "api"),
                (namespace) => ({
                    path: "namespace",
                    rule: "kubernetes-namespace-name",
                    value: namespace,
                }),
            );
            const brokenAccount = fc.oneof(
                label.map((l) => `${l}.`),
                label.map((l) => `${l}..x`),
                fc
                    .tuple(label, fc.constantFrom("_", " ", "/", "A"))
                    .map(([l, bad]) => `${l}${bad}x`),
            );
            await assertEachRefused(
                brokenAccount,
                (account) => bindingOf("demo", account),
                (account) => ({
                    path: "serviceAccount",
                    rule: "kubernetes-service-account-name",
                    value: account,
                }),
            );
            assertEachAccepted(
                fc.tuple(
                    label.map((l) => l.slice(0, 63)),
                    fc.array(label, { minLength: 1, maxLength: 3 }),
                ),
                (problems, [namespace, parts]) =>
                    checkBindingArgs(problems, {
                        clusterName: "prod",
                        namespace,
                        serviceAccount: parts.join("."),
                        roleArn: ROLE_ARN,
                    }),
            );
        });

        it("refuses generated annotation maps that hold the IRSA annotation", async () => {
            const annotations = fc
                .dictionary(label, label, { maxKeys: 4 })
                .map((map) => ({ ...map, "eks.amazonaws.com/role-arn": ROLE_ARN }));
            await assertEachRefused(
                annotations,
                (map) => bindingOf("demo", "api", map),
                () => ({
                    path: 'serviceAccountAnnotations["eks.amazonaws.com/role-arn"]',
                    rule: "irsa-annotation",
                }),
            );
        });
    });
});
