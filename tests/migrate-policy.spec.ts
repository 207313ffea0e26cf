import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PodIdentityRole } from "../index";
import { runPolicies } from "../policy/offline";
import { noOidcTrustPolicy, policies } from "../policy/rules";
import { record } from "./harness";
import { EC2_TRUST, trustPolicy, unknown, validateEach } from "./policyHarness";

const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;

const advisory = (role: string, issuers: string) =>
    `role "${role}" still trusts the EKS ${issuers} (IRSA, sts:AssumeRoleWithWebIdentity), so ` +
    `its trust policy names clusters. Once its workloads use Pod Identity (associations in place, ` +
    `eks.amazonaws.com/role-arn annotations removed, pods restarted), remove that trust: drop ` +
    `irsaTrust, or those statements (npx eks-pod-identity migrate <stack export> prints the plan).`;

describe("policy: pod-identity-no-oidc-trust", () => {
    it("is an advisory resource rule of the pack", () => {
        assert.ok(policies.includes(noOidcTrustPolicy));
        assert.strictEqual(noOidcTrustPolicy.enforcementLevel, "advisory");
    });

    it("flags a PodIdentityRole during its migration window, and not after it", async () => {
        const during = await record(() => {
            new PodIdentityRole("app", {
                irsaTrust: [{ oidcProviderArn: PROVIDER, serviceAccounts: ["payments/api"] }],
            });
        });
        assert.deepStrictEqual(await validateEach(noOidcTrustPolicy, during), [
            { on: "app", message: advisory("app", `OIDC provider ${ISSUER}`) },
        ]);
        const after = await record(() => new PodIdentityRole("app", {}));
        assert.deepStrictEqual(await validateEach(noOidcTrustPolicy, after), []);
    });

    it("flags hand-written IRSA roles, once per role, whatever the document's shape", async () => {
        const other = "oidc.eks.eu-west-1.amazonaws.com/id/9F8E7D6C5B4A39281706F5E4D3C2B1A0";
        const run = await record(() => {
            new aws.iam.Role("fleet", {
                // An object document with one Federated string per statement, as eksctl writes.
                assumeRolePolicy: {
                    Version: "2012-10-17",
                    Statement: [ISSUER, other].map((issuer) => ({
                        Effect: "Allow",
                        Principal: {
                            Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}`,
                        },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringLike: { [`${issuer}:sub`]: "system:serviceaccount:jobs:*" },
                        },
                    })),
                },
            });
            // A self-managed cluster's issuer, recognised by its service account subject.
            new aws.iam.Role("self-managed", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: {
                        Federated: "arn:aws:iam::123456789012:oidc-provider/k8s.example.com",
                    },
                    Action: ["sts:AssumeRoleWithWebIdentity"],
                    Condition: {
                        StringEquals: {
                            "k8s.example.com:sub": ["system:serviceaccount:demo:app"],
                        },
                    },
                }),
            });
        });
        assert.deepStrictEqual(await validateEach(noOidcTrustPolicy, run), [
            { on: "fleet", message: advisory("fleet", `OIDC providers ${other}, ${ISSUER}`) },
            {
                on: "self-managed",
                message: advisory("self-managed", "OIDC provider k8s.example.com"),
            },
        ]);
    });

    it("leaves alone other web identity roles, denials, node roles and unknown trust", async () => {
        const github = "token.actions.githubusercontent.com";
        const run = await record(() => {
            new aws.iam.Role("ci", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${github}` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringLike: { [`${github}:sub`]: "repo:org/app:*" } },
                }),
            });
            new aws.iam.Role("denied", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Deny",
                    Principal: { Federated: PROVIDER },
                    Action: "sts:AssumeRoleWithWebIdentity",
                }),
            });
            new aws.iam.Role("nodes", { assumeRolePolicy: EC2_TRUST });
            new aws.iam.Role("preview", { assumeRolePolicy: unknown<string>() });
        });
        assert.deepStrictEqual(await validateEach(noOidcTrustPolicy, run), []);
    });

    it("reports through the offline runner as advisory", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                irsaTrust: [{ oidcProviderArn: PROVIDER, serviceAccounts: ["payments/api"] }],
            });
        });
        const violations = (await runPolicies(run.resources)).filter(
            (v) => v.policyName === "pod-identity-no-oidc-trust",
        );
        assert.deepStrictEqual(
            violations.map((v) => [v.enforcementLevel, v.message]),
            [["advisory", advisory("app", `OIDC provider ${ISSUER}`)]],
        );
    });
});
