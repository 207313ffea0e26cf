// One role per application, three clusters in two regions, and two applications that
// share each cluster's Pod Identity agent. Adding a fourth cluster adds its own resources
// and changes nothing else: the roles' trust policies name no cluster.
import * as aws from "@pulumi/aws";
import { PodIdentity, ClusterSpec } from "eks-pod-identity";

const regions = {
    "us-east-1": new aws.Provider("us-east-1", { region: "us-east-1" }),
    "eu-west-1": new aws.Provider("eu-west-1", { region: "eu-west-1" }),
};

const clusters: { [key: string]: ClusterSpec } = {
    "prod-use1": { clusterName: "prod-use1", awsProvider: regions["us-east-1"] },
    "prod-euw1": { clusterName: "prod-euw1", awsProvider: regions["eu-west-1"] },
    "staging-use1": { clusterName: "staging-use1", awsProvider: regions["us-east-1"] },
};

// The first application installs the agent on every cluster.
const reports = new PodIdentity("reports", {
    role: {
        statements: [
            {
                Action: ["s3:GetObject", "s3:PutObject"],
                Resource: ["arn:aws:s3:::acme-reports/${aws:PrincipalTag/eks-cluster-name}/*"],
            },
        ],
        trust: { clusterNames: ["prod-*", "staging-*"] },
    },
    serviceAccounts: [{ namespace: "reports", name: "generator" }],
    clusters,
});

// The second application reuses those agents (and the Kubernetes providers built for them)
// instead of installing its own.
const billing = new PodIdentity("billing", {
    role: {
        statements: [
            {
                Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                Resource: ["arn:aws:sqs:*:*:billing-events"],
            },
        ],
    },
    serviceAccounts: [
        { namespace: "billing", name: "consumer" },
        { namespace: "billing", name: "reconciler" },
    ],
    clusters: Object.fromEntries(
        Object.entries(clusters).map(([key, cluster]) => [
            key,
            {
                ...cluster,
                agent: reports.agents[key],
                kubernetesProvider: reports.kubernetesProviders[key],
            },
        ]),
    ),
});

export const reportsRoleArn = reports.roleArn;
export const billingRoleArn = billing.roleArn;
export const associations = { reports: reports.associations, billing: billing.associations };
