// Cross-account access with an EKS Pod Identity target role: the cluster runs in account A,
// the data lives in account B. Pods of reports/reader get credentials for a role in B, which
// EKS reaches by role chaining: it assumes the association role in A, then the target role.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityRole, PodIdentityTargetRole } from "eks-pod-identity";

const config = new pulumi.Config();
const clusterName = config.require("clusterName");
const region = config.require("region");

// Pulumi deploys into each account through a role it assumes there.
const clusterAccount = new aws.Provider("cluster-account", {
    region,
    assumeRoles: [{ roleArn: config.require("clusterAccountRoleArn") }],
});
const dataAccount = new aws.Provider("data-account", {
    region,
    assumeRoles: [{ roleArn: config.require("dataAccountRoleArn") }],
});

// Account B: the data.
const bucket = new aws.s3.Bucket("reports", {}, { provider: dataAccount });

// Account A: the association role. EKS requires it in the cluster's account. It needs no
// permissions of its own; PodIdentity below grants it sts:AssumeRole and sts:TagSession on
// the target role, and nothing more. It is created on its own (rather than by PodIdentity)
// so that the target role can trust it and the association can name the target role.
const associationRole = new PodIdentityRole(
    "reports-reader",
    { trust: { namespaces: ["reports"], serviceAccounts: ["reader"] } },
    { provider: clusterAccount },
);

// The session tag eks-cluster-arn holds the cluster's ARN, not its name.
const cluster = aws.eks.getClusterOutput({ name: clusterName }, { provider: clusterAccount });

// Account B: the role the pods end up with. It trusts account A only for the association
// role, and only for reports/reader pods of this cluster; it may read the bucket.
const dataReader = new PodIdentityTargetRole(
    "reports-data-reader",
    {
        trustedRoleArns: [associationRole.arn],
        clusterArns: [cluster.arn],
        namespaces: ["reports"],
        serviceAccounts: ["reader"],
        statements: [
            { Action: ["s3:ListBucket"], Resource: [bucket.arn] },
            { Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${bucket.arn}/*`] },
        ],
    },
    { provider: dataAccount },
);

// Account A: the agent, namespace, service account and the association with its target.
const reports = new PodIdentity(
    "reports",
    {
        roleArn: associationRole.arn,
        serviceAccounts: [{ namespace: "reports", name: "reader" }],
        clusters: { [clusterName]: { clusterName } },
        association: { targetRoleArn: dataReader.arn },
    },
    { providers: [clusterAccount] },
);

export const bucketName = bucket.bucket;
export const associationRoleArn = associationRole.arn;
export const targetRoleArn = dataReader.arn;
export const targetTrustPolicy = dataReader.trustPolicy;
export const associations = reports.associations;
