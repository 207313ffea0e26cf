import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PermissionPresets, PodIdentityRole, presetCatalog, PresetCatalogEntry } from "../index";
import { presetPolicy } from "../presets";
import { json, record, T } from "./harness";
import { CONTEXT } from "./policyEval";

const GET_CALLER = "aws:index/getCallerIdentity:getCallerIdentity";
const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";

function presetsOf(entries: readonly PresetCatalogEntry[]): PermissionPresets {
    return Object.fromEntries(entries.map((e) => [e.name, e.exampleOptions]));
}

/**
 * Runs a program that constructs a role with these presets and returns what the constructor
 * threw (the program catches it, so the run records what was registered before the throw).
 */
async function attempt(presets: unknown) {
    let error: unknown;
    const run = await record(() => {
        try {
            new PodIdentityRole("app", { presets: presets as PermissionPresets });
        } catch (caught) {
            error = caught;
        }
    });
    assert.ok(pulumi.InputPropertiesError.isInstance(error), String(error));
    return { run, error };
}

describe("PodIdentityRole presets", () => {
    it("creates one managed policy and one attachment per preset, named from its key", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                tags: { team: "platform" },
                presets: {
                    externalDns: { hostedZoneArns: [ZONE] },
                    s3Read: { bucketArns: ["reports"] },
                },
            });
        });
        assert.deepStrictEqual(run.names(T.policy), [
            "app-preset-externalDns",
            "app-preset-s3Read",
        ]);
        assert.deepStrictEqual(run.names(T.attachment), [
            "app-preset-externalDns",
            "app-preset-s3Read",
        ]);
        const role = run.get(T.role, "app");
        const policy = run.get(T.policy, "app-preset-externalDns");
        const attachment = run.get(T.attachment, "app-preset-externalDns");
        assert.strictEqual(attachment.inputs.role, role.outputs.name);
        assert.strictEqual(attachment.inputs.policyArn, policy.outputs.arn);
        assert.deepStrictEqual(policy.inputs.tags, { team: "platform" });
        assert.strictEqual(policy.parent, role.parent);
        assert.strictEqual(
            policy.inputs.policy,
            presetPolicy("externalDns", { hostedZoneArns: [ZONE] }, CONTEXT),
        );
        const document = json(policy.inputs.policy) as { Statement: { Resource: string[] }[] };
        assert.deepStrictEqual(document.Statement[0].Resource, [ZONE]);
    });

    it("keeps every other preset's names and policy when one is turned off", async () => {
        const both = await record(() => {
            new PodIdentityRole("app", {
                presets: { externalDns: { hostedZoneArns: [ZONE] }, ebsCsi: {} },
            });
        });
        const one = await record(() => {
            new PodIdentityRole("app", { presets: { ebsCsi: {}, externalDns: undefined } });
        });
        assert.deepStrictEqual(one.names(T.policy), ["app-preset-ebsCsi"]);
        assert.deepStrictEqual(one.names(T.attachment), ["app-preset-ebsCsi"]);
        assert.strictEqual(
            one.get(T.policy, "app-preset-ebsCsi").inputs.policy,
            both.get(T.policy, "app-preset-ebsCsi").inputs.policy,
        );
    });

    it("creates every catalogue preset from its example options with one identity lookup per role", async () => {
        // IAM attaches at most 10 managed policies to a role (IAM quotas), one per preset.
        const roles = Array.from({ length: Math.ceil(presetCatalog.length / 10) }, (_, i) =>
            presetCatalog.slice(i * 10, i * 10 + 10),
        );
        const run = await record(() => {
            roles.forEach((entries, i) => {
                new PodIdentityRole(`app${i}`, { presets: presetsOf(entries) });
            });
        });
        assert.strictEqual(run.ofType(T.policy).length, presetCatalog.length);
        assert.strictEqual(run.ofType(T.attachment).length, presetCatalog.length);
        assert.strictEqual(run.invokes(GET_CALLER).length, roles.length);
        for (const entry of presetCatalog) {
            const role = roles.findIndex((entries) => entries.includes(entry));
            const policy = run.get(T.policy, `app${role}-preset-${entry.name}`);
            assert.strictEqual(
                policy.inputs.policy,
                presetPolicy(entry.name, entry.exampleOptions, CONTEXT),
            );
        }
    });

    it("looks nothing up and creates no policy without presets", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", { presets: {} });
        });
        assert.deepStrictEqual(run.ofType(T.policy), []);
        assert.deepStrictEqual(run.invokes(GET_CALLER), []);
    });

    it("fills in option Outputs and the provider's partition and account", async () => {
        const run = await record(
            () => {
                new PodIdentityRole("app", {
                    presets: {
                        secretsManagerRead: { scopeBySessionTags: ["kubernetes-namespace"] },
                        certManager: { hostedZoneArns: [pulumi.output(ZONE)] },
                    },
                });
            },
            { fixture: { region: "cn-north-1", accountId: "210987654321" } },
        );
        const secrets = json(run.get(T.policy, "app-preset-secretsManagerRead").inputs.policy) as {
            Statement: { Resource: string[] }[];
        };
        assert.deepStrictEqual(secrets.Statement[0].Resource, [
            "arn:aws-cn:secretsmanager:*:210987654321:secret:${aws:PrincipalTag/kubernetes-namespace}/*",
        ]);
        const dns = run.get(T.policy, "app-preset-certManager").inputs.policy as string;
        assert.ok(dns.includes(ZONE) && dns.includes("arn:aws-cn:route53:::change/*"));
    });

    it("shows the policy in a preview, before anything exists", async () => {
        const run = await record(
            () => {
                new PodIdentityRole("app", { presets: { xray: {} } });
            },
            { preview: true },
        );
        const policy = json(run.get(T.policy, "app-preset-xray").inputs.policy) as {
            Statement: { Action: string[] }[];
        };
        assert.ok(policy.Statement[0].Action.includes("xray:PutTraceSegments"));
    });

    it("rejects a missing required option by its property path, creating nothing", async () => {
        const { run, error } = await attempt({
            externalDns: {},
            karpenter: { clusterName: "prod" },
        });
        assert.deepStrictEqual(
            error.errors.map((e) => e.propertyPath),
            ["presets.externalDns.hostedZoneArns", "presets.karpenter.nodeRoleArns"],
        );
        assert.match(error.errors[0].reason, /ExternalDNS preset requires "hostedZoneArns"/);
        assert.match(error.message, /presets\.externalDns\.hostedZoneArns/);
        assert.deepStrictEqual(
            run.resources.filter((r) => r.type.startsWith("aws:")),
            [],
            "nothing may be created when presets are invalid",
        );
    });

    it("rejects a session tag that EKS does not attach", async () => {
        const { error } = await attempt({
            s3Read: { bucketArns: ["data"], scopeBySessionTags: ["namespace"] },
            dynamodbRead: {
                tableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/t"],
                leadingKeySessionTag: "ns",
            },
        });
        assert.deepStrictEqual(
            error.errors.map((e) => e.propertyPath),
            ["presets.s3Read.scopeBySessionTags", "presets.dynamodbRead.leadingKeySessionTag"],
        );
        assert.match(
            error.errors[0].reason,
            /namespace is not a Pod Identity session tag; use eks-cluster-name, kubernetes-namespace/,
        );
    });

    it("rejects empty lists, unknown presets and options, and unmet one-of options", async () => {
        const { error } = await attempt({
            s3Read: { bucketArns: [] },
            externalDNS: { hostedZoneArns: [ZONE] },
            certManager: { hostedZoneArns: [ZONE], zones: [ZONE] },
            secretsManagerRead: {},
        });
        assert.deepStrictEqual(
            error.errors.map((e) => e.propertyPath),
            [
                "presets.s3Read.bucketArns",
                "presets.externalDNS",
                "presets.certManager.zones",
                "presets.secretsManagerRead",
            ],
        );
        assert.match(error.errors[1].reason, /no preset "externalDNS".*externalDns/);
        assert.match(error.errors[2].reason, /no option "zones"; its options are: hostedZoneArns/);
        assert.match(error.errors[3].reason, /at least one of: secretArns, scopeBySessionTags/);
    });
});
