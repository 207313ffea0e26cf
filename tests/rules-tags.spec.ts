/**
 * Tags on every resource the package tags: the role (and its preset policies), the target role,
 * associations, the agent and other add-ons. At most 50; keys of 1 to 128 characters, values
 * of at most 256, in AWS's character set; no `aws:` prefix.
 */
import * as fc from "fast-check";
import {
    PodIdentity,
    PodIdentityAddon,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityTargetRole,
} from "../index";
import { checkRoleArgs } from "../model/args";
import { assertEachAccepted, assertEachRefused, assertRefused } from "./rulesHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
type Tags = { [key: string]: string };

/** Every component's tags, by where they go and the property path they are reported at. */
const TAGGED: { where: string; path: string; create: (tags: Tags) => unknown }[] = [
    { where: "role", path: "tags", create: (tags) => new PodIdentityRole("r", { tags }) },
    {
        where: "target role",
        path: "tags",
        create: (tags) => new PodIdentityTargetRole("t", { trustedRoleArns: [ROLE_ARN], tags }),
    },
    {
        where: "association",
        path: "tags",
        create: (tags) =>
            new PodIdentityBinding("b", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                tags,
            }),
    },
    {
        where: "fleet associations",
        path: "association.tags",
        create: (tags) =>
            new PodIdentity("app", {
                roleArn: ROLE_ARN,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: { prod: { clusterName: "prod" } },
                association: { tags },
            }),
    },
    {
        where: "fleet agent",
        path: "clusters.prod.agent.tags",
        create: (tags) =>
            new PodIdentity("app", {
                roleArn: ROLE_ARN,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: { prod: { clusterName: "prod", agent: { tags } } },
            }),
    },
    {
        where: "agent",
        path: "tags",
        create: (tags) => new PodIdentityAgent("a", { clusterName: "prod", tags }),
    },
    {
        where: "add-on",
        path: "tags",
        create: (tags) =>
            new PodIdentityAddon("e", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                tags,
            }),
    },
    {
        where: "fleet add-on",
        path: "addon.tags",
        create: (tags) =>
            new PodIdentity("app", {
                addon: { name: "aws-ebs-csi-driver", tags },
                clusters: { prod: { clusterName: "prod" } },
            }),
    },
];

const keyChars = fc.constantFrom(..."aZ09 _.:/=+-@é");
const validKey = fc
    .string({ unit: keyChars, minLength: 1, maxLength: 128 })
    .filter((key) => !/^aws:/i.test(key));
const validValue = fc.string({ unit: keyChars, maxLength: 256 });

describe("rules: tags", () => {
    for (const { where, path, create } of TAGGED) {
        it(`refuses a reserved aws: key on the ${where}, before anything is registered`, async () => {
            await assertRefused(() => create({ "AWS:team": "payments" }), {
                path: `${path}["AWS:team"]`,
                rule: "tag-key",
                value: "AWS:team",
            });
        });
    }

    it("refuses more than 50 tags", async () => {
        const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
        await assertRefused(() => new PodIdentityRole("r", { tags }), {
            path: "tags",
            rule: "tag-count",
        });
    });

    it("refuses generated keys and values that break the rules, on every tagged resource", async () => {
        const badKey = fc.oneof(
            fc.string({ unit: fc.constantFrom(..."ab"), minLength: 129, maxLength: 140 }),
            validKey.map((key) => `aws:${key}`.slice(0, 128)),
            fc
                .tuple(validKey, fc.constantFrom(..."!#$%&*?,;<>|\\\"'~`^"))
                .map(([key, bad]) => `${key.slice(0, 100)}${bad}`),
        );
        const badValue = fc.oneof(
            fc.string({ unit: fc.constantFrom(..."ab"), minLength: 257, maxLength: 300 }),
            fc
                .tuple(validValue, fc.constantFrom(..."!#$%&*?,;<>|~"))
                .map(([value, bad]) => `${value.slice(0, 200)}${bad}`),
        );
        const target = fc.constantFrom(...TAGGED);
        await assertEachRefused(
            fc.tuple(
                target,
                fc.oneof(
                    badKey.map((k) => ({ k, v: "v", rule: "tag-key" })),
                    badValue.map((v) => ({ k: "team", v, rule: "tag-value" })),
                ),
            ),
            ([tagged, tag]) => tagged.create({ [tag.k]: tag.v }),
            ([tagged, tag]) => ({ path: `${tagged.path}["${tag.k}"]`, rule: tag.rule }),
        );
    });

    it("accepts generated tags of up to 50 keys in AWS's character set", () => {
        const tags = fc.dictionary(validKey, validValue, { maxKeys: 50 });
        assertEachAccepted(tags, (problems, value) => checkRoleArgs(problems, { tags: value }));
    });

    it("refuses every generated map of more than 50 tags", async () => {
        await assertEachRefused(
            fc.dictionary(validKey, validValue, { minKeys: 51, maxKeys: 70 }),
            (tags) => new PodIdentityRole("r", { tags }),
            () => ({ path: "tags", rule: "tag-count" }),
            20,
        );
    });
});
