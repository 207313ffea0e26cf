import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAgent, PodIdentityBinding } from "../index";
import { agentAddonPolicy, nodeRolePermissionPolicy } from "../policy/rules";
import { record } from "./harness";
import { EC2_TRUST, unknown, validateAll } from "./policyHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const WORKER = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy";
const CNI = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

function bind(name: string, clusterName: string, opts?: { provider: aws.Provider }) {
    return new PodIdentityBinding(
        name,
        { clusterName, namespace: name, serviceAccount: "api", roleArn: ROLE_ARN },
        opts ? { providers: [opts.provider] } : undefined,
    );
}

function nodeGroup(name: string, clusterName: string, nodeRoleArn: pulumi.Input<string>) {
    return new aws.eks.NodeGroup(name, {
        clusterName,
        nodeRoleArn,
        subnetIds: ["subnet-1"],
        scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
    });
}

describe("policy: pod-identity-agent-addon", () => {
    const missing = (cluster: string, associations: string) =>
        `cluster ${cluster} has Pod Identity associations (${associations}) but no ` +
        "eks-pod-identity-agent add-on in this stack: pods get no credentials. Add a " +
        "PodIdentityAgent (or an aws.eks.Addon named eks-pod-identity-agent), or list the " +
        "cluster in clustersWithAgent if the agent is installed elsewhere. EKS Auto Mode runs " +
        "the agent on its own nodes only: node groups of the cluster need the add-on.";

    it("reports each cluster with associations and no agent once", async () => {
        const run = await record(() => {
            bind("a", "prod");
            bind("b", "prod");
            // The agent of another cluster does not count.
            new PodIdentityAgent("stage-agent", {
                clusterName: "stage",
                version: "v1.3.8-eksbuild.2",
            });
        });
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), [
            { on: "a", message: missing("prod (us-east-1)", '"a", "b"') },
        ]);
    });

    it("accepts a PodIdentityAgent, a raw add-on, Auto Mode and declared clusters", async () => {
        const run = await record(() => {
            bind("with-agent", "prod");
            new PodIdentityAgent("agent", { clusterName: "prod" });
            bind("with-addon", "stage");
            new aws.eks.Addon("agent", {
                clusterName: "stage",
                addonName: "eks-pod-identity-agent",
            });
            bind("auto", "auto");
            new aws.eks.Cluster("auto", {
                name: "auto",
                roleArn: "arn:aws:iam::123456789012:role/cluster",
                vpcConfig: { subnetIds: ["subnet-1"] },
                computeConfig: { enabled: true, nodePools: ["general-purpose"] },
            });
            bind("declared", "legacy-1");
            bind("undeclared", "other");
        });
        assert.deepStrictEqual(
            await validateAll(agentAddonPolicy, run, {
                "pod-identity-agent-addon": { clustersWithAgent: ["legacy-*"] },
            }),
            [{ on: "undeclared", message: missing("other (us-east-1)", '"undeclared"') }],
        );
    });

    it("wants the add-on on an EKS Auto Mode cluster that mixes in a node group, as PodIdentity installs it", async () => {
        const autoCluster = (name: string) =>
            new aws.eks.Cluster(name, {
                name,
                roleArn: "arn:aws:iam::123456789012:role/cluster",
                vpcConfig: { subnetIds: ["subnet-1"] },
                computeConfig: { enabled: true, nodePools: ["general-purpose"] },
            });
        const run = await record(() => {
            bind("pure", "pure");
            autoCluster("pure");
            bind("mixed", "mixed");
            autoCluster("mixed");
            // Pods on these nodes get credentials only from the add-on's DaemonSet.
            nodeGroup("mixed-ng", "mixed", "arn:aws:iam::123456789012:role/node");
            bind("mixed-agent", "mixed-agent");
            autoCluster("mixed-agent");
            nodeGroup("mixed-agent-ng", "mixed-agent", "arn:aws:iam::123456789012:role/node");
            new PodIdentityAgent("agent", { clusterName: "mixed-agent" });
        });
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), [
            { on: "mixed", message: missing("mixed (us-east-1)", '"mixed"') },
        ]);
    });

    it("does not count an agent in another region", async () => {
        const run = await record(() => {
            const west = new aws.Provider("west", { region: "us-west-2" });
            bind("west", "prod", { provider: west });
            new PodIdentityAgent("agent", { clusterName: "prod" });
        });
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), [
            { on: "west", message: missing("prod (us-west-2)", '"west"') },
        ]);
    });

    it("does not judge when the cluster, or an add-on's, is unknown during preview", async () => {
        const run = await record(
            () => {
                new aws.eks.PodIdentityAssociation("later", {
                    clusterName: unknown<string>(),
                    namespace: "a",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                });
                bind("known", "prod");
                new aws.eks.Addon("agent", {
                    clusterName: unknown<string>(),
                    addonName: "eks-pod-identity-agent",
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), []);
    });

    it("follows an unknown cluster name to the cluster of the stack it came from", async () => {
        const run = await record(
            () => {
                const cluster = new aws.eks.Cluster("prod", {
                    name: "prod",
                    roleArn: "arn:aws:iam::123456789012:role/cluster",
                    vpcConfig: { subnetIds: ["subnet-1"] },
                });
                new aws.eks.PodIdentityAssociation("api", {
                    clusterName: cluster.name.apply(() => unknown<string>()),
                    namespace: "a",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(
            (await validateAll(agentAddonPolicy, run)).map((r) => r.on),
            ["api"],
        );
    });
});

describe("policy: pod-identity-node-role-permission", () => {
    const cannot = (what: string, name: string, cluster: string, role: string) =>
        `${what} "${name}" of cluster ${cluster}, which has Pod Identity associations, runs ` +
        `nodes with role "${role}", which cannot call eks-auth:AssumeRoleForPodIdentity: the ` +
        "agent on those nodes cannot fetch credentials for pods. Attach " +
        "AmazonEKSWorkerNodePolicy (or AmazonEKSWorkerNodeMinimalPolicy) to the role, or allow " +
        "the action in one of its policies.";

    it("reports a node group whose role lacks eks-auth:AssumeRoleForPodIdentity", async () => {
        const run = await record(() => {
            bind("app", "prod");
            const role = new aws.iam.Role("cni-only", { assumeRolePolicy: EC2_TRUST });
            new aws.iam.RolePolicyAttachment("cni-only-cni", { role: role.name, policyArn: CNI });
            nodeGroup("workers", "prod", role.arn);
            // Clusters without associations are not this rule's business.
            nodeGroup("other-workers", "other", role.arn);
        });
        assert.deepStrictEqual(await validateAll(nodeRolePermissionPolicy, run), [
            { on: "workers", message: cannot("node group", "workers", "prod", "cni-only") },
        ]);
    });

    it("accepts the worker node policies and explicit grants, however they are attached", async () => {
        const run = await record(() => {
            bind("app", "prod");
            const attached = new aws.iam.Role("attached", { assumeRolePolicy: EC2_TRUST });
            new aws.iam.RolePolicyAttachment("attached-worker", {
                role: attached.name,
                policyArn: WORKER,
            });
            nodeGroup("attached", "prod", attached.arn);

            const own = new aws.iam.Role("own", {
                assumeRolePolicy: EC2_TRUST,
                managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy"],
            });
            nodeGroup("own", "prod", own.arn);

            const inline = new aws.iam.Role("inline", { assumeRolePolicy: EC2_TRUST });
            new aws.iam.RolePolicy("inline-agent", {
                role: inline.name,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "eks-auth:*", Resource: "*" }],
                }),
            });
            nodeGroup("inline", "prod", inline.arn);

            const custom = new aws.iam.Role("custom", { assumeRolePolicy: EC2_TRUST });
            const agentPolicy = new aws.iam.Policy("agent", {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["eks-auth:AssumeRoleForPodIdentity"],
                            Resource: "arn:aws:eks:us-east-1:123456789012:cluster/prod",
                        },
                    ],
                }),
            });
            new aws.iam.PolicyAttachment("custom-agent", {
                roles: [custom.name],
                policyArn: agentPolicy.arn,
            });
            nodeGroup("custom", "prod", custom.arn);
        });
        assert.deepStrictEqual(await validateAll(nodeRolePermissionPolicy, run), []);
    });

    it("checks an Auto Mode cluster's node role", async () => {
        const run = await record(() => {
            const role = new aws.iam.Role("auto-node", { assumeRolePolicy: EC2_TRUST });
            new aws.eks.Cluster("auto", {
                name: "auto",
                roleArn: "arn:aws:iam::123456789012:role/cluster",
                vpcConfig: { subnetIds: ["subnet-1"] },
                computeConfig: {
                    enabled: true,
                    nodePools: ["general-purpose"],
                    nodeRoleArn: role.arn,
                },
            });
            bind("app", "auto");
        });
        assert.deepStrictEqual(await validateAll(nodeRolePermissionPolicy, run), [
            { on: "auto", message: cannot("EKS Auto Mode cluster", "auto", "auto", "auto-node") },
        ]);
    });

    it("does not judge what it cannot see: external roles and policies, unknown values", async () => {
        const run = await record(
            () => {
                bind("app", "prod");
                nodeGroup("external-role", "prod", "arn:aws:iam::123456789012:role/nodes");

                const customer = new aws.iam.Role("customer", { assumeRolePolicy: EC2_TRUST });
                new aws.iam.RolePolicyAttachment("customer-policy", {
                    role: customer.name,
                    policyArn: "arn:aws:iam::123456789012:policy/node-extras",
                });
                nodeGroup("customer", "prod", customer.arn);

                const later = new aws.iam.Role("later", { assumeRolePolicy: EC2_TRUST });
                new aws.iam.RolePolicyAttachment("later-policy", {
                    role: later.name,
                    policyArn: unknown<string>(),
                });
                nodeGroup("later", "prod", later.arn);

                const maybe = new aws.iam.Role("maybe", { assumeRolePolicy: EC2_TRUST });
                new aws.iam.RolePolicyAttachment("to-whom", {
                    role: unknown<string>(),
                    policyArn: WORKER,
                });
                nodeGroup("maybe", "prod", maybe.arn);
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(nodeRolePermissionPolicy, run), []);
    });
});
