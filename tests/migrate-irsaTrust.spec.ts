import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityRole } from "../index";
import { podIdentityTrustDocument, podIdentityTrustPolicy } from "../iam/trustPolicy";
import { parseRootConfig } from "../program/config";
import { json, record, T } from "./harness";

const ISSUER_USE1 = "oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const ISSUER_EUW1 = "oidc.eks.eu-west-1.amazonaws.com/id/9F8E7D6C5B4A39281706F5E4D3C2B1A0";
const PROVIDER_USE1 = `arn:aws:iam::123456789012:oidc-provider/${ISSUER_USE1}`;
const PROVIDER_EUW1 = `arn:aws:iam::123456789012:oidc-provider/${ISSUER_EUW1}`;

/** AWS's IRSA statement ("Assign IAM roles to Kubernetes service accounts"), values as lists. */
function irsaStatement(provider: string, issuer: string, subjects: string[]) {
    return {
        Effect: "Allow",
        Principal: { Federated: provider },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: {
            StringEquals: {
                [`${issuer}:aud`]: ["sts.amazonaws.com"],
                [`${issuer}:sub`]: subjects,
            },
        },
    };
}

/** The error a component throws for these args. */
function refusal(create: () => unknown): pulumi.InputPropertiesError {
    try {
        create();
    } catch (error) {
        assert.ok(pulumi.InputPropertiesError.isInstance(error), String(error));
        return error;
    }
    assert.fail("expected the component to refuse its arguments");
}

describe("migration window: irsaTrust on PodIdentityRole", () => {
    it("keeps the trust policy byte-identical when irsaTrust is absent or empty", () => {
        assert.strictEqual(podIdentityTrustPolicy(undefined, []), podIdentityTrustPolicy());
        assert.strictEqual(
            podIdentityTrustPolicy({ namespaces: ["a"] }, []),
            podIdentityTrustPolicy({ namespaces: ["a"] }),
        );
    });

    it("adds one web identity statement per provider after the Pod Identity statement", () => {
        const doc = podIdentityTrustDocument(undefined, [
            { oidcProviderArn: PROVIDER_USE1, serviceAccounts: ["payments/api", "jobs/worker"] },
            { oidcProviderArn: PROVIDER_EUW1, serviceAccounts: ["payments/api"] },
        ]);
        assert.strictEqual(doc.Statement[0].Sid, "AllowEksAuthToAssumeRoleForPodIdentity");
        assert.deepStrictEqual(doc.Statement.slice(1), [
            // Subjects sorted, so reordering serviceAccounts sends IAM the same bytes.
            irsaStatement(PROVIDER_USE1, ISSUER_USE1, [
                "system:serviceaccount:jobs:worker",
                "system:serviceaccount:payments:api",
            ]),
            irsaStatement(PROVIDER_EUW1, ISSUER_EUW1, ["system:serviceaccount:payments:api"]),
        ]);
    });

    it("fits four clusters in IAM's default 2,048-character trust policy, not five", () => {
        // docs/migration.md states these figures.
        const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1"];
        const entries = regions.map((region) => ({
            oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/oidc.eks.${region}.amazonaws.com/id/5C8A0E1F7B3D4A6E9F20B1C3D5E7F901`,
            serviceAccounts: ["payments/api"],
        }));
        assert.strictEqual(podIdentityTrustPolicy(undefined, entries.slice(0, 4)).length, 1977);
        assert.ok(podIdentityTrustPolicy(undefined, entries).length > 2048);
    });

    it("sends IAM the Pod Identity and IRSA statements, and warns once for the role", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                irsaTrust: [{ oidcProviderArn: PROVIDER_USE1, serviceAccounts: ["payments/api"] }],
            });
        });
        const trust = json(run.get(T.role, "app").inputs.assumeRolePolicy) as {
            Statement: object[];
        };
        assert.deepStrictEqual(trust.Statement, [
            {
                Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
            irsaStatement(PROVIDER_USE1, ISSUER_USE1, ["system:serviceaccount:payments:api"]),
        ]);
        const warnings = run.logs("warning").filter((m) => m.includes("irsaTrust"));
        assert.strictEqual(warnings.length, 1);
        assert.match(warnings[0], /depends on clusters again until irsaTrust is removed/);
    });

    it("derives the issuer from a provider ARN that is an Output", async () => {
        const run = await record(() => {
            const cluster = aws.eks.getClusterOutput({ name: "prod" });
            const issuer = cluster.identities[0].oidcs[0].issuer.apply((url) =>
                url.replace("https://", ""),
            );
            new PodIdentity("app", {
                role: {
                    irsaTrust: [
                        {
                            oidcProviderArn: pulumi.interpolate`arn:aws:iam::123456789012:oidc-provider/${issuer}`,
                            serviceAccounts: ["payments/api"],
                        },
                    ],
                },
                serviceAccounts: [{ namespace: "payments", name: "api" }],
                clusters: { prod: { clusterName: "prod" } },
            });
        });
        const trust = json(run.get(T.role, "app").inputs.assumeRolePolicy) as {
            Statement: { Principal: { Federated?: string }; Condition?: object }[];
        };
        const provider = trust.Statement[1].Principal.Federated!;
        const issuer = provider.split("oidc-provider/")[1];
        assert.match(issuer, /^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]+$/);
        assert.deepStrictEqual(
            trust.Statement[1],
            irsaStatement(provider, issuer, ["system:serviceaccount:payments:api"]),
        );
    });

    it("refuses bad entries up front, each with its property path", async () => {
        let error: pulumi.InputPropertiesError | undefined;
        const run = await record(() => {
            error = refusal(
                () =>
                    new PodIdentity("app", {
                        role: {
                            irsaTrust: [
                                {
                                    oidcProviderArn:
                                        "arn:aws:iam::123456789012:role/not-a-provider",
                                    serviceAccounts: ["payments:api", "Payments/api", "payments/*"],
                                },
                                { oidcProviderArn: PROVIDER_USE1, serviceAccounts: [] },
                                { oidcProviderArn: PROVIDER_USE1, serviceAccounts: ["a/b"] },
                            ],
                        },
                        serviceAccounts: [{ namespace: "payments", name: "api" }],
                        clusters: { prod: { clusterName: "prod" } },
                    }),
            );
        });
        assert.deepStrictEqual(
            run.resources.filter((r) => r.type === T.role),
            [],
        );
        assert.deepStrictEqual(error!.errors.map((e) => e.propertyPath).sort(), [
            "role.irsaTrust[0].oidcProviderArn",
            "role.irsaTrust[0].serviceAccounts[0]",
            "role.irsaTrust[0].serviceAccounts[1]",
            "role.irsaTrust[0].serviceAccounts[2]",
            "role.irsaTrust[1].serviceAccounts",
            "role.irsaTrust[2]",
        ]);
        assert.match(error!.message, /"payments:api" is not "namespace\/name"/);
        assert.match(error!.message, /is not an IAM OIDC provider ARN/);
        assert.match(error!.message, /same OIDC provider as role\.irsaTrust\[1\]/);
    });

    it("is accepted from the root project's configuration, and checked there", () => {
        const values = (irsaTrust: unknown) => ({
            role: JSON.stringify({ irsaTrust }),
            serviceAccounts: JSON.stringify([{ namespace: "payments", name: "api" }]),
            clusters: JSON.stringify({ prod: { clusterName: "prod", region: "us-east-1" } }),
        });
        const config = parseRootConfig(
            values([{ oidcProviderArn: PROVIDER_USE1, serviceAccounts: ["payments/api"] }]),
            "eks-pod-identity",
        );
        assert.deepStrictEqual(config.role?.irsaTrust, [
            { oidcProviderArn: PROVIDER_USE1, serviceAccounts: ["payments/api"] },
        ]);
        assert.throws(
            () => parseRootConfig(values({ oidcProviderArn: PROVIDER_USE1 }), "eks-pod-identity"),
            /eks-pod-identity:role\.irsaTrust: must be a list of \{ oidcProviderArn, serviceAccounts/,
        );
    });
});
