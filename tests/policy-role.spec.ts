import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PodIdentityRole } from "../index";
import {
    roleNoAdminAttachedPolicy,
    roleNoAdminPolicy,
    trustActionsPolicy,
    trustExclusivePrincipalPolicy,
} from "../policy/rules";
import { record } from "./harness";
import { EC2_TRUST, trustPolicy, unknown, validateAll, validateEach } from "./policyHarness";

const PODS = { Service: "pods.eks.amazonaws.com" };
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

const missingActions = (role: string, actions: string) =>
    `role "${role}" trusts pods.eks.amazonaws.com without allowing ${actions}: EKS rejects it ` +
    `for a Pod Identity association ("Trust policy of the role provided is invalid"). Allow ` +
    `both sts:AssumeRole and sts:TagSession for the principal, as PodIdentityRole does.`;

describe("policy: pod-identity-trust-actions", () => {
    it("passes the trust policy PodIdentityRole writes", async () => {
        const run = await record(
            () => new PodIdentityRole("app", { trust: { namespaces: ["a"] } }),
        );
        assert.deepStrictEqual(await validateEach(trustActionsPolicy, run), []);
    });

    it("reports a hand-written Pod Identity role without sts:TagSession", async () => {
        const run = await record(() => {
            new aws.iam.Role("legacy", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: PODS,
                    Action: "sts:AssumeRole",
                }),
            });
        });
        assert.deepStrictEqual(await validateEach(trustActionsPolicy, run), [
            {
                on: "legacy",
                message:
                    'role "legacy" trusts pods.eks.amazonaws.com without allowing sts:TagSession: ' +
                    'EKS rejects it for a Pod Identity association ("Trust policy of the role ' +
                    'provided is invalid"). Allow both sts:AssumeRole and sts:TagSession for the ' +
                    "principal, as PodIdentityRole does.",
            },
        ]);
    });

    it("reads object documents, wildcards, NotAction and split statements like IAM does", async () => {
        const run = await record(() => {
            // An object document, as aws.iam.Role accepts; sts:* covers both actions.
            new aws.iam.Role("wildcard", {
                assumeRolePolicy: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: PODS, Action: "STS:*" }],
                },
            });
            new aws.iam.Role("split", {
                assumeRolePolicy: trustPolicy(
                    { Effect: "Allow", Principal: PODS, Action: "sts:AssumeRole" },
                    { Effect: "Allow", Principal: PODS, Action: ["sts:TagSession"] },
                ),
            });
            new aws.iam.Role("not-action", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: PODS,
                    NotAction: ["sts:TagSession", "sts:SetSourceIdentity"],
                }),
            });
            new aws.iam.Role("denied", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Deny",
                    Principal: PODS,
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                }),
            });
            new aws.iam.Role("node", { assumeRolePolicy: EC2_TRUST });
        });
        assert.deepStrictEqual(await validateEach(trustActionsPolicy, run), [
            { on: "not-action", message: missingActions("not-action", "sts:TagSession") },
        ]);
    });

    it("does not judge a trust policy, or a part of it, that is unknown during preview", async () => {
        const run = await record(
            () => {
                new aws.iam.Role("unknown-document", { assumeRolePolicy: unknown<string>() });
                new aws.iam.Role("unknown-action", {
                    assumeRolePolicy: {
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: PODS,
                                Action: ["sts:AssumeRole", unknown<string>()],
                            },
                        ],
                    },
                });
                new aws.iam.Role("unknown-statement", {
                    assumeRolePolicy: {
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Principal: PODS, Action: "sts:AssumeRole" },
                            {
                                Effect: "Allow",
                                Principal: unknown<aws.iam.ServicePrincipal>(),
                                Action: "sts:TagSession",
                            },
                        ],
                    },
                });
                // Known parts are still judged.
                new aws.iam.Role("known-gap", {
                    assumeRolePolicy: {
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: PODS,
                                Action: "sts:AssumeRole",
                                Resource: unknown<string>(),
                            },
                        ],
                    },
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateEach(trustActionsPolicy, run), [
            { on: "known-gap", message: missingActions("known-gap", "sts:TagSession") },
        ]);
    });
});

describe("policy: pod-identity-trust-exclusive-principal", () => {
    it("reports another principal in the Pod Identity statement", async () => {
        const run = await record(() => {
            new aws.iam.Role("shared", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: {
                        Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"],
                        AWS: "arn:aws:iam::123456789012:root",
                    },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                }),
            });
            new PodIdentityRole("app", {});
        });
        assert.deepStrictEqual(await validateEach(trustExclusivePrincipalPolicy, run), [
            {
                on: "shared",
                message:
                    'role "shared" trusts pods.eks.amazonaws.com in the same statement as ' +
                    "Service:ec2.amazonaws.com, AWS:arn:aws:iam::123456789012:root: those " +
                    "principals can assume the pod role too. Give pods.eks.amazonaws.com a " +
                    "statement of its own, or use a separate role.",
            },
        ]);
    });

    it("accepts other principals in statements of their own, and skips unknown ones", async () => {
        const run = await record(
            () => {
                new aws.iam.Role("separate", {
                    assumeRolePolicy: trustPolicy(
                        {
                            Effect: "Allow",
                            Principal: PODS,
                            Action: ["sts:AssumeRole", "sts:TagSession"],
                        },
                        {
                            Effect: "Allow",
                            Principal: { Service: "ec2.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ),
                });
                new aws.iam.Role("unknown-other", {
                    assumeRolePolicy: {
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: {
                                    Service: ["pods.eks.amazonaws.com", unknown<string>()],
                                },
                                Action: ["sts:AssumeRole", "sts:TagSession"],
                            },
                        ],
                    },
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateEach(trustExclusivePrincipalPolicy, run), []);
    });
});

const adminOnRole = (role: string, arn: string) =>
    `Pod Identity role "${role}" carries ${arn} (managedPolicyArns): every pod associated with ` +
    `it would hold those permissions. Grant only what the workload needs, or list the role in ` +
    `allowedRoles.`;

describe("policy: pod-identity-role-no-admin", () => {
    const podTrust = trustPolicy({
        Effect: "Allow",
        Principal: PODS,
        Action: ["sts:AssumeRole", "sts:TagSession"],
    });

    it("reports AdministratorAccess in managedPolicyArns and * on * inline, in every partition", async () => {
        const run = await record(() => {
            new aws.iam.Role("admin", { assumeRolePolicy: podTrust, managedPolicyArns: [ADMIN] });
            new aws.iam.Role("admin-cn", {
                assumeRolePolicy: podTrust,
                managedPolicyArns: ["arn:aws-cn:iam::aws:policy/AdministratorAccess"],
            });
            new aws.iam.Role("inline", {
                assumeRolePolicy: podTrust,
                inlinePolicies: [
                    {
                        name: "everything",
                        policy: JSON.stringify({
                            Version: "2012-10-17",
                            Statement: { Effect: "Allow", Action: "*:*", Resource: "*" },
                        }),
                    },
                ],
            });
            // Not assumable by pods: not this rule's business.
            new aws.iam.Role("node", { assumeRolePolicy: EC2_TRUST, managedPolicyArns: [ADMIN] });
            // Narrow permissions pass.
            new aws.iam.Role("reader", {
                assumeRolePolicy: podTrust,
                managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
                inlinePolicies: [
                    {
                        name: "bucket",
                        policy: JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
                        }),
                    },
                ],
            });
        });
        assert.deepStrictEqual(await validateEach(roleNoAdminPolicy, run), [
            { on: "admin", message: adminOnRole("admin", ADMIN) },
            {
                on: "admin-cn",
                message: adminOnRole("admin-cn", "arn:aws-cn:iam::aws:policy/AdministratorAccess"),
            },
            {
                on: "inline",
                message:
                    'Pod Identity role "inline" has an inline policy "everything" allowing "*" on ' +
                    '"*": every pod associated with it would be an administrator. Grant only what ' +
                    "the workload needs, or list the role in allowedRoles.",
            },
        ]);
    });

    it("exempts allowed roles and applies a configured deny-list", async () => {
        const power = "arn:aws:iam::aws:policy/PowerUserAccess";
        const run = await record(() => {
            new aws.iam.Role("break-glass", {
                assumeRolePolicy: podTrust,
                managedPolicyArns: [ADMIN],
            });
            new aws.iam.Role("power", { assumeRolePolicy: podTrust, managedPolicyArns: [power] });
        });
        assert.deepStrictEqual(
            await validateEach(roleNoAdminPolicy, run, {
                "pod-identity-role-no-admin": {
                    allowedRoles: ["break-*"],
                    forbiddenManagedPolicies: ["AdministratorAccess", "PowerUserAccess"],
                },
            }),
            [{ on: "power", message: adminOnRole("power", power) }],
        );
    });

    it("does not judge policy lists unknown during preview", async () => {
        const run = await record(
            () => {
                new aws.iam.Role("later", {
                    assumeRolePolicy: podTrust,
                    managedPolicyArns: unknown<string[]>(),
                    inlinePolicies: [{ name: "later", policy: unknown<string>() }],
                });
                new aws.iam.Role("unknown-trust", {
                    assumeRolePolicy: unknown<string>(),
                    managedPolicyArns: [ADMIN],
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateEach(roleNoAdminPolicy, run), []);
    });
});

describe("policy: pod-identity-role-no-admin-attached", () => {
    it("reports what PodIdentityRole attaches: a managed policy and its inline statements", async () => {
        const run = await record(() => {
            new PodIdentityRole("app", {
                managedPolicyArns: [ADMIN],
                statements: [{ Action: ["*"], Resource: ["*"] }],
            });
        });
        const attachment = run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0].name;
        assert.deepStrictEqual(await validateAll(roleNoAdminAttachedPolicy, run), [
            {
                on: attachment,
                message:
                    `"${attachment}" attaches ${ADMIN} to Pod Identity role "app": every pod ` +
                    "associated with the role would hold administrator permissions. Attach a " +
                    "narrower policy, or list the role in allowedRoles.",
            },
            {
                on: "app-inline",
                message:
                    'inline policy "app-inline" of Pod Identity role "app" allows "*" on "*": ' +
                    "every pod associated with the role would be an administrator. Grant only " +
                    "what the workload needs, or list the role in allowedRoles.",
            },
        ]);
    });

    it("follows hand-written attachments, policy attachments and managed policies of the stack", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", { name: "app-role" });
            const everything = new aws.iam.Policy("everything", {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                }),
            });
            new aws.iam.RolePolicyAttachment("own-policy", {
                role: role.roleName,
                policyArn: everything.arn,
            });
            new aws.iam.PolicyAttachment("shared-admin", { roles: ["app-role"], policyArn: ADMIN });
            // A node role carrying admin is another rule's concern, not this one's.
            const node = new aws.iam.Role("node", { assumeRolePolicy: EC2_TRUST });
            new aws.iam.RolePolicyAttachment("node-admin", { role: node.name, policyArn: ADMIN });
        });
        assert.deepStrictEqual(
            (await validateAll(roleNoAdminAttachedPolicy, run)).map((r) => r.on),
            ["own-policy", "shared-admin"],
        );
        assert.deepStrictEqual(
            await validateAll(roleNoAdminAttachedPolicy, run, {
                "pod-identity-role-no-admin-attached": { allowedRoles: ["app-role"] },
            }),
            [],
        );
    });

    it("does not judge an attachment whose role or policy is unknown during preview", async () => {
        const run = await record(
            () => {
                const role = new PodIdentityRole("app", {});
                new aws.iam.RolePolicyAttachment("to-whom", {
                    role: unknown<string>(),
                    policyArn: ADMIN,
                });
                new aws.iam.RolePolicyAttachment("what", {
                    role: role.roleName,
                    policyArn: unknown<string>(),
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(roleNoAdminAttachedPolicy, run), []);
    });
});
