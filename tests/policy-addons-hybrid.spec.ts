/**
 * The pack on add-ons' own associations and on EKS Hybrid Nodes: an add-on association needs
 * the agent like any other (EKS User Guide, add-ons-iam: "Confirm that Amazon EKS pod identity
 * agent is setup on your cluster"), and the Hybrid Nodes IAM role needs
 * `eks-auth:AssumeRoleForPodIdentity` for the agent's hybrid DaemonSet (hybrid-nodes-creds).
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PodIdentityAddon, PodIdentityAgent } from "../index";
import { agentAddonPolicy, nodeRolePermissionPolicy } from "../policy/rules";
import { record } from "./harness";
import { unknown, validateAll } from "./policyHarness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/ebs";
const SSM_TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Service: "ssm.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
        },
    ],
});

function hybridRole(name: string, agentAction: boolean): aws.iam.Role {
    const role = new aws.iam.Role(name, { assumeRolePolicy: SSM_TRUST });
    new aws.iam.RolePolicy(`${name}-nodes`, {
        role: role.name,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: agentAction
                        ? ["eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"]
                        : ["eks:DescribeCluster"],
                    Resource: "*",
                },
            ],
        }),
    });
    return role;
}

describe("policy: pod-identity-agent-addon and add-ons' own associations", () => {
    it("flags a standalone PodIdentityAddon on a cluster with no agent in the stack", async () => {
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                agent: false,
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
            });
            new aws.eks.Addon("raw", {
                clusterName: "prod",
                addonName: "aws-efs-csi-driver",
                podIdentityAssociations: [
                    { roleArn: ROLE_ARN, serviceAccount: "efs-csi-controller-sa" },
                ],
            });
        });
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), [
            {
                on: "ebs",
                message:
                    'cluster prod (us-east-1) has Pod Identity associations (add-on "ebs", add-on ' +
                    '"raw") but no eks-pod-identity-agent add-on in this stack: pods get no ' +
                    "credentials. Add a PodIdentityAgent (or an aws.eks.Addon named " +
                    "eks-pod-identity-agent), or list the cluster in clustersWithAgent if the " +
                    "agent is installed elsewhere. EKS Auto Mode runs the agent on its own nodes " +
                    "only: node groups of the cluster need the add-on.",
            },
        ]);
    });

    it("accepts the add-on beside an agent, on an Auto Mode cluster, or declared; skips add-ons without associations", async () => {
        const run = await record(
            () => {
                new PodIdentityAddon("ebs", {
                    agent: false,
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                });
                new PodIdentityAgent("agent", { clusterName: "prod" });
                new aws.eks.Cluster("auto", {
                    name: "auto",
                    roleArn: "arn:aws:iam::123456789012:role/cluster",
                    vpcConfig: { subnetIds: ["subnet-1"] },
                    computeConfig: { enabled: true, nodePools: ["general-purpose"] },
                });
                new PodIdentityAddon("auto-ebs", {
                    agent: false,
                    clusterName: "auto",
                    addonName: "aws-ebs-csi-driver",
                });
                new aws.eks.Addon("coredns", { clusterName: "bare", addonName: "coredns" });
                new aws.eks.Addon("later", {
                    clusterName: "later",
                    addonName: "aws-ebs-csi-driver",
                    podIdentityAssociations: unknown(),
                });
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(agentAddonPolicy, run), []);
    });
});

describe("policy: pod-identity-node-role-permission and hybrid nodes", () => {
    it("reports a Hybrid Nodes role that cannot call eks-auth:AssumeRoleForPodIdentity", async () => {
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                agent: false,
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
            });
            const without = hybridRole("hybrid-nodes", false);
            new aws.eks.AccessEntry("hybrid", {
                clusterName: "prod",
                principalArn: without.arn,
                type: "HYBRID_LINUX",
            });
            const withAction = hybridRole("hybrid-ok", true);
            new aws.eks.AccessEntry("hybrid-ok", {
                clusterName: "prod",
                principalArn: withAction.arn,
                type: "HYBRID_LINUX",
            });
            // A STANDARD access entry is a person or a tool, not nodes.
            new aws.eks.AccessEntry("admin", {
                clusterName: "prod",
                principalArn: without.arn,
                type: "STANDARD",
            });
        });
        assert.deepStrictEqual(await validateAll(nodeRolePermissionPolicy, run), [
            {
                on: "hybrid",
                message:
                    'the hybrid nodes (access entry "hybrid", HYBRID_LINUX) of cluster prod, ' +
                    "which has Pod Identity associations, runs nodes with role " +
                    '"hybrid-nodes", which cannot call eks-auth:AssumeRoleForPodIdentity: the agent ' +
                    "on those nodes cannot fetch credentials for pods. Attach " +
                    "AmazonEKSWorkerNodePolicy (or AmazonEKSWorkerNodeMinimalPolicy) to the role, " +
                    "or allow the action in one of its policies.",
            },
        ]);
    });
});
