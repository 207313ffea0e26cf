import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentityBinding, PodIdentityRole } from "../index";
import {
    associationRoleTrustPolicy,
    noIrsaAnnotationPolicy,
    sessionPolicyPolicy,
    sessionTagsForTrustConditionsPolicy,
    systemNamespacePolicy,
    uniqueAssociationPolicy,
} from "../policy/rules";
import { record, T } from "./harness";
import {
    EC2_TRUST,
    markUnknown,
    trustPolicy,
    unknown,
    unknownFrom,
    validateAll,
    validateEach,
} from "./policyHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const SESSION_POLICY = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
};

describe("policy: pod-identity-session-policy-needs-disabled-tags", () => {
    it("reports a session policy while session tags are on", async () => {
        const run = await record(() => {
            // The components refuse this before anything is created; a hand-written one is caught here.
            new aws.eks.PodIdentityAssociation("tagged", {
                clusterName: "prod",
                namespace: "a",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                policy: JSON.stringify(SESSION_POLICY),
            });
            new PodIdentityBinding("untagged", {
                clusterName: "prod",
                namespace: "b",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                sessionPolicy: SESSION_POLICY,
                disableSessionTags: true,
            });
            new aws.eks.PodIdentityAssociation("raw", {
                clusterName: "prod",
                namespace: "c",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                policy: JSON.stringify(SESSION_POLICY),
                disableSessionTags: false,
            });
            new aws.eks.PodIdentityAssociation("no-policy", {
                clusterName: "prod",
                namespace: "d",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
        });
        const message = (name: string) =>
            `association "${name}" sets a session policy (policy) while session tags are on: EKS ` +
            "accepts a session policy only with disableSessionTags: true. Set " +
            "disableSessionTags: true, or drop the session policy.";
        assert.deepStrictEqual(await validateEach(sessionPolicyPolicy, run), [
            { on: "raw", message: message("raw") },
            { on: "tagged", message: message("tagged") },
        ]);
    });

    it("does not judge while the policy or disableSessionTags is unknown during preview", async () => {
        const run = await record(
            () => {
                new PodIdentityBinding("later-tags", {
                    clusterName: "prod",
                    namespace: "a",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    sessionPolicy: SESSION_POLICY,
                    disableSessionTags: unknown<boolean>(),
                });
                new aws.eks.PodIdentityAssociation("later-policy", {
                    clusterName: "prod",
                    namespace: "b",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    policy: unknown<string>(),
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateEach(sessionPolicyPolicy, run), []);
    });
});

describe("policy: pod-identity-system-namespace", () => {
    const bind = (name: string, namespace: string, serviceAccount: string) =>
        new aws.eks.PodIdentityAssociation(name, {
            clusterName: "prod",
            namespace,
            serviceAccount,
            roleArn: ROLE_ARN,
        });

    it("advises against application associations in system namespaces", async () => {
        const run = await record(() => {
            bind("api", "kube-system", "api");
            bind("web", "default", "web");
            bind("karpenter", "kube-system", "karpenter");
            bind("shop", "shop", "api");
        });
        assert.deepStrictEqual(await validateEach(systemNamespacePolicy, run), [
            {
                on: "api",
                message:
                    'association "api" gives AWS credentials to kube-system/api: namespace ' +
                    '"kube-system" is kept for the cluster\'s own components, and everything that ' +
                    "can run pods there could use them. Run the workload in its own namespace, or " +
                    'list "kube-system/api" in allowedServiceAccounts.',
            },
            {
                on: "web",
                message:
                    'association "web" gives AWS credentials to default/web: namespace "default" ' +
                    "is kept for the cluster's own components, and everything that can run pods " +
                    "there could use them. Run the workload in its own namespace, or list " +
                    '"default/web" in allowedServiceAccounts.',
            },
        ]);
        assert.strictEqual(systemNamespacePolicy.enforcementLevel, "advisory");
    });

    it("takes its namespaces and exceptions from the pack configuration", async () => {
        const run = await record(() => {
            bind("api", "kube-system", "api");
            bind("tool", "platform", "tool");
            bind("agent", "platform", "agent");
        });
        const reported = await validateEach(systemNamespacePolicy, run, {
            "pod-identity-system-namespace": {
                namespaces: ["platform"],
                allowedServiceAccounts: ["platform/age*"],
            },
        });
        assert.deepStrictEqual(
            reported.map((r) => r.on),
            ["tool"],
        );
    });

    it("does not judge a namespace unknown during preview", async () => {
        const run = await record(() => bind("later", unknown<string>() as never, "api"), {
            preview: true,
        });
        assert.deepStrictEqual(await validateEach(systemNamespacePolicy, run), []);
    });
});

describe("policy: pod-identity-association-role-trust", () => {
    const irsaTrust = trustPolicy({
        Effect: "Allow",
        Principal: {
            Federated:
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
        },
        Action: "sts:AssumeRoleWithWebIdentity",
    });

    it("passes a binding to a PodIdentityRole", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {});
            new PodIdentityBinding("app", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "app",
                roleArn: role.arn,
            });
        });
        assert.deepStrictEqual(await validateAll(associationRoleTrustPolicy, run), []);
    });

    it("reports associations whose role of the stack is not a Pod Identity role", async () => {
        const run = await record(() => {
            const irsa = new aws.iam.Role("irsa", { assumeRolePolicy: irsaTrust });
            const half = new aws.iam.Role("half", {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
            new PodIdentityBinding("migrated", {
                clusterName: "prod",
                namespace: "a",
                serviceAccount: "api",
                roleArn: irsa.arn,
            });
            new aws.eks.PodIdentityAssociation("raw", {
                clusterName: "prod",
                namespace: "b",
                serviceAccount: "api",
                roleArn: half.arn,
            });
            // A role outside the stack cannot be read: not judged.
            new aws.eks.PodIdentityAssociation("external", {
                clusterName: "prod",
                namespace: "c",
                serviceAccount: "api",
                roleArn: "arn:aws:iam::123456789012:role/elsewhere",
            });
        });
        assert.deepStrictEqual(await validateAll(associationRoleTrustPolicy, run), [
            {
                on: "migrated",
                message:
                    'association "migrated" uses role "irsa", whose trust policy does not trust ' +
                    "pods.eks.amazonaws.com: EKS refuses the association. Use a PodIdentityRole, " +
                    "or trust the principal with sts:AssumeRole and sts:TagSession.",
            },
            {
                on: "raw",
                message:
                    'association "raw" uses role "half", whose trust policy does not allow ' +
                    "sts:TagSession for pods.eks.amazonaws.com: EKS refuses the association.",
            },
        ]);
    });

    it("matches a role whose ARN is unknown during preview by its name", async () => {
        const run = await record(() => {
            new aws.iam.Role("irsa", {
                name: "migrating",
                path: "/apps/",
                assumeRolePolicy: irsaTrust,
            });
            new aws.eks.PodIdentityAssociation("by-name", {
                clusterName: "prod",
                namespace: "a",
                serviceAccount: "api",
                roleArn: "arn:aws:iam::123456789012:role/apps/migrating",
            });
            new aws.eks.PodIdentityAssociation("other-path", {
                clusterName: "prod",
                namespace: "b",
                serviceAccount: "api",
                roleArn: "arn:aws:iam::123456789012:role/migrating",
            });
        });
        markUnknown(run.get(T.role, "irsa"), "arn");
        assert.deepStrictEqual(
            (await validateAll(associationRoleTrustPolicy, run)).map((r) => r.on),
            ["by-name"],
        );
    });

    it("follows an unknown ARN to the one role it came from, and judges nothing else unknown", async () => {
        const run = await record(
            () => {
                const irsa = new aws.iam.Role("irsa", { assumeRolePolicy: irsaTrust });
                const node = new aws.iam.Role("node", { assumeRolePolicy: EC2_TRUST });
                new aws.eks.PodIdentityAssociation("from-irsa", {
                    clusterName: "prod",
                    namespace: "a",
                    serviceAccount: "api",
                    roleArn: unknownFrom<string>(irsa.arn),
                });
                // From two roles: which one is not known, so not judged.
                new aws.eks.PodIdentityAssociation("from-either", {
                    clusterName: "prod",
                    namespace: "b",
                    serviceAccount: "api",
                    roleArn: unknownFrom<string>(irsa.arn, node.arn),
                });
                new aws.eks.PodIdentityAssociation("from-nowhere", {
                    clusterName: "prod",
                    namespace: "c",
                    serviceAccount: "api",
                    roleArn: unknown<string>(),
                });
                const later = new aws.iam.Role("later", { assumeRolePolicy: unknown<string>() });
                new aws.eks.PodIdentityAssociation("trust-unknown", {
                    clusterName: "prod",
                    namespace: "d",
                    serviceAccount: "api",
                    roleArn: later.arn,
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(
            (await validateAll(associationRoleTrustPolicy, run)).map((r) => r.on),
            ["from-irsa"],
        );
    });
});

describe("policy: pod-identity-session-tags-for-trust-conditions", () => {
    it("reports disabled session tags with a role that trusts only on request tags", async () => {
        const run = await record(() => {
            const scoped = new PodIdentityRole("scoped", { trust: { namespaces: ["a"] } });
            const account = new PodIdentityRole("account", {
                trust: { sourceAccounts: ["123456789012"] },
            });
            const optional = new PodIdentityRole("optional", {
                trust: {
                    conditions: {
                        StringEqualsIfExists: { "aws:RequestTag/kubernetes-namespace": ["a"] },
                    },
                },
            });
            const bind = (name: string, roleArn: typeof scoped.arn, disableSessionTags: boolean) =>
                new PodIdentityBinding(name, {
                    clusterName: "prod",
                    namespace: name,
                    serviceAccount: "api",
                    roleArn,
                    disableSessionTags,
                });
            bind("a", scoped.arn, true);
            bind("b", scoped.arn, false);
            bind("c", account.arn, true);
            bind("d", optional.arn, true);
        });
        assert.deepStrictEqual(await validateAll(sessionTagsForTrustConditionsPolicy, run), [
            {
                on: "a",
                message:
                    'association "a" disables session tags, but role "scoped" trusts ' +
                    "pods.eks.amazonaws.com only on aws:RequestTag conditions, which then never " +
                    "match: pods get no credentials. Keep session tags on, or use a role without " +
                    "request-tag trust conditions.",
            },
        ]);
    });
});

describe("policy: pod-identity-unique-association", () => {
    const message = (name: string, other: string, where: string) =>
        `association "${name}" gives demo/api on cluster ${where} a role, as does association ` +
        `"${other}": EKS allows one association per service account (409 ` +
        "ResourceInUseException). Keep one.";

    it("reports a second association for the same cluster, namespace and service account", async () => {
        const run = await record(() => {
            new PodIdentityBinding("first", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
            new aws.eks.PodIdentityAssociation("again", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
            new aws.eks.PodIdentityAssociation("other-sa", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "web",
                roleArn: ROLE_ARN,
            });
            new aws.eks.PodIdentityAssociation("other-cluster", {
                clusterName: "stage",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
        });
        assert.deepStrictEqual(await validateAll(uniqueAssociationPolicy, run), [
            { on: "again", message: message("again", "first", "prod (us-east-1)") },
            { on: "first", message: message("first", "again", "prod (us-east-1)") },
        ]);
    });

    it("tells clusters of one name apart by region and account", async () => {
        const run = await record(() => {
            const west = new aws.Provider("west", { region: "us-west-2" });
            const team = new aws.Provider("team", {
                region: "us-west-2",
                allowedAccountIds: ["111122223333"],
            });
            const teamAgain = new aws.Provider("team-again", {
                region: "us-west-2",
                allowedAccountIds: ["111122223333"],
            });
            const associate = (name: string, provider?: aws.Provider) =>
                new aws.eks.PodIdentityAssociation(
                    name,
                    {
                        clusterName: "prod",
                        namespace: "demo",
                        serviceAccount: "api",
                        roleArn: ROLE_ARN,
                    },
                    { provider },
                );
            associate("east");
            associate("west", west);
            associate("team", team);
            associate("team-again", teamAgain);
        });
        assert.deepStrictEqual(await validateAll(uniqueAssociationPolicy, run), [
            { on: "team", message: message("team", "team-again", "prod (us-west-2)") },
            { on: "team-again", message: message("team-again", "team", "prod (us-west-2)") },
        ]);
    });

    it("does not judge associations whose cluster or service account is unknown during preview", async () => {
        const run = await record(
            () => {
                const associate = (name: string, clusterName: string, serviceAccount: string) =>
                    new aws.eks.PodIdentityAssociation(name, {
                        clusterName,
                        namespace: "demo",
                        serviceAccount,
                        roleArn: ROLE_ARN,
                    });
                associate("a", "prod", "api");
                associate("b", unknown<string>() as never, "api");
                associate("c", "prod", unknown<string>() as never);
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(uniqueAssociationPolicy, run), []);
    });
});

describe("policy: pod-identity-no-irsa-annotation", () => {
    const IRSA = { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/irsa" };

    it("reports the IRSA annotation on a service account a binding targets", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                serviceAccountAnnotations: IRSA,
                // The component refuses the annotation unless opted in for a migration window;
                // the pack still reports it, so the window is visible in every review.
                allowIrsaAnnotation: true,
            });
        });
        assert.deepStrictEqual(await validateAll(noIrsaAnnotationPolicy, run), [
            {
                on: "api",
                message:
                    "service account demo/api carries the IRSA annotation " +
                    "eks.amazonaws.com/role-arn (arn:aws:iam::123456789012:role/irsa) while Pod " +
                    'Identity association "api" targets it: AWS SDKs try IRSA first, so its pods ' +
                    "keep the IRSA role. Remove the annotation.",
            },
        ]);
    });

    it("matches hand-written service accounts by namespace, name and the provider's cluster", async () => {
        const kubeconfig = (cluster: string) =>
            JSON.stringify({
                users: [
                    {
                        name: "aws",
                        user: {
                            exec: {
                                command: "aws",
                                args: ["eks", "get-token", "--cluster-name", cluster],
                            },
                        },
                    },
                ],
            });
        const run = await record(() => {
            const prod = new k8s.Provider("prod", { kubeconfig: kubeconfig("prod") });
            const stage = new k8s.Provider("stage", { kubeconfig: kubeconfig("stage") });
            const account = (name: string, namespace: string, provider?: k8s.Provider) =>
                new k8s.core.v1.ServiceAccount(
                    name,
                    { metadata: { name: "api", namespace, annotations: IRSA } },
                    { provider },
                );
            account("same-cluster", "demo", prod);
            account("other-cluster", "demo", stage);
            account("other-namespace", "web", prod);
            account("no-provider", "demo");
            new aws.eks.PodIdentityAssociation("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
        });
        assert.deepStrictEqual(
            (await validateAll(noIrsaAnnotationPolicy, run)).map((r) => r.on),
            ["no-provider", "same-cluster"],
        );
    });

    it("does not judge an annotation unknown during preview", async () => {
        const run = await record(
            () => {
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": unknown<string>() },
                    allowIrsaAnnotation: true,
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(noIrsaAnnotationPolicy, run), []);
    });
});
