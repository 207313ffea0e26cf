import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAgent, PodIdentityBinding, PodIdentityRole } from "../index";
import { PodIdentityBindingArgs } from "../components/binding";
import { PodIdentityRoleArgs } from "../components/role";
import { runPolicies, Violation } from "../policy/offline";
import { PACK_NAME, policies } from "../policy/rules";
import { Recorded, record } from "./harness";
import { EC2_TRUST, trustPolicy, unknownFrom } from "./policyHarness";

const WORKER = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy";

/** What a stack varies from the good one. */
interface Variant {
    role?: PodIdentityRoleArgs;
    /** A hand-written role used instead of the PodIdentityRole. */
    rawRole?: aws.iam.RoleArgs;
    binding?: Partial<PodIdentityBindingArgs>;
    agent?: boolean;
    nodePolicyArn?: string;
    /** Extra resources. */
    extra?: (roleArn: pulumi.Output<string>) => void;
    /** Pass ARNs as they are during the preview of a new stack: unknown. */
    unknownArns?: boolean;
}

/**
 * The stack a reviewer wants to see pass: a PodIdentityRole, the agent, a binding, and a node
 * group whose role has AmazonEKSWorkerNodePolicy; each variant breaks one thing.
 */
function stack(variant: Variant = {}) {
    return () => {
        const arn = (value: pulumi.Output<string>) =>
            variant.unknownArns ? unknownFrom<string>(value) : value;
        const roleArn = variant.rawRole
            ? new aws.iam.Role("app", variant.rawRole).arn
            : new PodIdentityRole("app", {
                  statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo"] }],
                  trust: { sourceAccounts: ["123456789012"] },
                  ...variant.role,
              }).arn;
        const agent =
            variant.agent === false
                ? undefined
                : new PodIdentityAgent("agent", { clusterName: "prod" });
        new PodIdentityBinding("app", {
            clusterName: "prod",
            namespace: "demo",
            serviceAccount: "app",
            roleArn: arn(roleArn),
            agent,
            ...variant.binding,
        });
        const nodeRole = new aws.iam.Role("nodes", { assumeRolePolicy: EC2_TRUST });
        new aws.iam.RolePolicyAttachment("nodes-worker", {
            role: nodeRole.name,
            policyArn: variant.nodePolicyArn ?? WORKER,
        });
        new aws.eks.NodeGroup("nodes", {
            clusterName: "prod",
            nodeRoleArn: arn(nodeRole.arn),
            subnetIds: ["subnet-1"],
            scalingConfig: { desiredSize: 2, maxSize: 3, minSize: 1 },
        });
        variant.extra?.(roleArn);
    };
}

/** Violations as `policy level on-resource`, sorted. */
function summary(run: Recorded, violations: Violation[]): string[] {
    return violations
        .map(
            (v) =>
                `${v.policyName} ${v.enforcementLevel} ${v.urn ? run.byUrn(v.urn)?.name : "<stack>"}`,
        )
        .sort();
}

async function review(variant: Variant, preview = false): Promise<string[]> {
    const run = await record(stack(variant), { preview });
    return summary(run, await runPolicies(run.resources));
}

const PODS_ASSUME_ONLY = trustPolicy({
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: "sts:AssumeRole",
});

const BAD: { kind: string; variant: Variant; expected: string[] }[] = [
    {
        kind: "a role trusted without sts:TagSession",
        variant: { rawRole: { assumeRolePolicy: PODS_ASSUME_ONLY } },
        expected: [
            "pod-identity-association-role-trust mandatory app",
            "pod-identity-trust-actions mandatory app",
        ],
    },
    {
        kind: "a trust statement shared with EC2",
        variant: {
            rawRole: {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                }),
            },
        },
        expected: ["pod-identity-trust-exclusive-principal mandatory app"],
    },
    {
        kind: "AdministratorAccess on the role itself",
        variant: {
            rawRole: {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                }),
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            },
        },
        expected: ["pod-identity-role-no-admin mandatory app"],
    },
    {
        kind: "* on * through PodIdentityRole statements",
        variant: { role: { statements: [{ Action: ["*"], Resource: ["*"] }] } },
        expected: ["pod-identity-role-no-admin-attached mandatory app-inline"],
    },
    {
        // PodIdentityBinding refuses this itself; a hand-written association is caught here.
        kind: "a session policy with session tags on",
        variant: {
            binding: { namespace: "other" },
            extra: (roleArn) =>
                new aws.eks.PodIdentityAssociation("tagged", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "app",
                    roleArn,
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
                }),
        },
        expected: ["pod-identity-session-policy-needs-disabled-tags mandatory tagged"],
    },
    {
        kind: "an application in kube-system",
        variant: { binding: { namespace: "kube-system", createNamespace: false } },
        expected: ["pod-identity-system-namespace advisory app"],
    },
    {
        kind: "request-tag trust conditions with session tags off",
        variant: {
            role: { trust: { namespaces: ["demo"] } },
            binding: { disableSessionTags: true },
        },
        expected: ["pod-identity-session-tags-for-trust-conditions mandatory app"],
    },
    {
        kind: "an IRSA role behind the association",
        variant: {
            rawRole: {
                assumeRolePolicy: trustPolicy({
                    Effect: "Allow",
                    Principal: {
                        Federated:
                            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
                    },
                    Action: "sts:AssumeRoleWithWebIdentity",
                }),
            },
        },
        expected: [
            "pod-identity-association-role-trust mandatory app",
            "pod-identity-no-oidc-trust advisory app",
        ],
    },
    {
        kind: "the IRSA annotation left on the service account",
        variant: {
            binding: {
                serviceAccountAnnotations: {
                    "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/old",
                },
                allowIrsaAnnotation: true,
            },
        },
        expected: ["pod-identity-no-irsa-annotation mandatory app"],
    },
    {
        kind: "no agent add-on",
        variant: { agent: false },
        expected: ["pod-identity-agent-addon mandatory app"],
    },
    {
        kind: "a second association for the same service account",
        variant: {
            extra: (roleArn) =>
                new aws.eks.PodIdentityAssociation("again", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "app",
                    roleArn,
                }),
        },
        expected: [
            "pod-identity-unique-association mandatory again",
            "pod-identity-unique-association mandatory app",
        ],
    },
    {
        kind: "a node role that cannot call eks-auth",
        variant: { nodePolicyArn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" },
        expected: ["pod-identity-node-role-permission mandatory nodes"],
    },
];

describe("policy pack end to end", () => {
    it("passes the good stack: PodIdentityRole, PodIdentityAgent, PodIdentityBinding, worker node role", async () => {
        assert.deepStrictEqual(await review({}), []);
    });

    for (const { kind, variant, expected } of BAD) {
        it(`catches ${kind}`, async () => {
            assert.deepStrictEqual(await review(variant), expected);
        });
    }

    it("passes the good stack in a preview where the new roles' ARNs are unknown", async () => {
        assert.deepStrictEqual(await review({ unknownArns: true }, true), []);
    });

    it("still catches what depends on a role whose ARN is unknown during preview", async () => {
        const nodes = await review(
            { unknownArns: true, nodePolicyArn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" },
            true,
        );
        assert.deepStrictEqual(nodes, ["pod-identity-node-role-permission mandatory nodes"]);
        const irsa = await review(
            { unknownArns: true, rawRole: { assumeRolePolicy: PODS_ASSUME_ONLY } },
            true,
        );
        assert.deepStrictEqual(irsa, [
            "pod-identity-association-role-trust mandatory app",
            "pod-identity-trust-actions mandatory app",
        ]);
    });

    it("applies a --policy-pack-config file: levels, `all`, options, disabled rules", async () => {
        const run = await record(
            stack({ agent: false, binding: { namespace: "kube-system", createNamespace: false } }),
        );
        const reviewed = (config: PolicyPackConfig) =>
            runPolicies(run.resources, { config }).then((v) => summary(run, v));
        assert.deepStrictEqual(await reviewed({}), [
            "pod-identity-agent-addon mandatory app",
            "pod-identity-system-namespace advisory app",
        ]);
        assert.deepStrictEqual(
            await reviewed({
                all: "advisory",
                "pod-identity-system-namespace": "disabled",
            }),
            ["pod-identity-agent-addon advisory app"],
        );
        assert.deepStrictEqual(
            await reviewed({
                "pod-identity-agent-addon": {
                    enforcementLevel: "mandatory",
                    clustersWithAgent: ["prod"],
                },
                "pod-identity-system-namespace": {
                    enforcementLevel: "mandatory",
                    allowedServiceAccounts: ["kube-system/app"],
                },
            }),
            [],
        );
    });

    it("gives the runtime's preview note when a rule reads an unknown value itself", async () => {
        const run = await record(
            () =>
                new aws.eks.PodIdentityAssociation("later", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "app",
                    roleArn: unknownFrom<string>(pulumi.output("x")),
                }),
            { preview: true },
        );
        const violations = await runPolicies(run.resources, {
            policies: [
                {
                    name: "reads-role-arn",
                    description: "reads roleArn without care",
                    enforcementLevel: "mandatory",
                    validateResource: (args, report) => {
                        if (args.type === "aws:eks/podIdentityAssociation:PodIdentityAssociation") {
                            report(String(args.props.roleArn));
                        }
                    },
                },
            ],
        });
        assert.deepStrictEqual(
            violations.map((v) => [v.policyName, v.enforcementLevel, v.message]),
            [
                [
                    "reads-role-arn",
                    "advisory",
                    "can't run policy 'reads-role-arn' during preview: string value at .roleArn can't be known during preview",
                ],
            ],
        );
    });

    it("declares every rule once, with a level and a description", () => {
        const names = policies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        assert.strictEqual(PACK_NAME, "eks-pod-identity");
        for (const policy of policies) {
            assert.match(policy.name, /^pod-identity-[a-z-]+$/);
            assert.ok(
                ["advisory", "mandatory"].includes(policy.enforcementLevel ?? ""),
                policy.name,
            );
            assert.ok(policy.description.length > 20, policy.name);
        }
    });
});
