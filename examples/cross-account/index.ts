// Cross-account access with an EKS Pod Identity target role: the cluster runs in account A,
// the data lives in account B. Pods of reports/reader get credentials for a role in B, which
// EKS reaches by role chaining: it assumes the association role in A, then the target role.
// With `sessionTags: false` the association turns session tags off, and the target role trusts
// the association's external id instead, computed from its parts (no cycle: the association
// needs the target role's ARN, and the trust needs only the id).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    PodIdentity,
    PodIdentityRole,
    PodIdentityTargetRole,
    podIdentityExternalId,
} from "eks-pod-identity";

const config = new pulumi.Config();
const clusterName = config.require("clusterName");
const region = config.require("region");
const sessionTags = config.getBoolean("sessionTags") ?? true;
const namespace = "reports";
const serviceAccount = "reader";

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
// Its trust matches namespace and service account on session tags, so only while they are on.
const associationRole = new PodIdentityRole(
    "reports-reader",
    sessionTags ? { trust: { namespaces: [namespace], serviceAccounts: [serviceAccount] } } : {},
    { provider: clusterAccount },
);

// Who may chain in. Session tags on: the cluster's ARN (the eks-cluster-arn tag holds the
// ARN, not the name), namespace and service account tags. Off: the id EKS sends as
// sts:ExternalId, region/account/cluster/namespace/service-account of the association.
const cluster = aws.eks.getClusterOutput({ name: clusterName }, { provider: clusterAccount });
const chainingPods = sessionTags
    ? { clusterArns: [cluster.arn], namespaces: [namespace], serviceAccounts: [serviceAccount] }
    : {
          sessionTags: false,
          externalIds: [
              podIdentityExternalId({
                  region,
                  accountId: aws.getCallerIdentityOutput({}, { provider: clusterAccount })
                      .accountId,
                  clusterName,
                  namespace,
                  serviceAccount,
              }),
          ],
      };

// Account B: the role the pods end up with. It trusts account A only for the association
// role, and only for reports/reader pods of this cluster; it may read the bucket.
const dataReader = new PodIdentityTargetRole(
    "reports-data-reader",
    {
        trustedRoleArns: [associationRole.arn],
        ...chainingPods,
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
        serviceAccounts: [{ namespace, name: serviceAccount }],
        clusters: { [clusterName]: { clusterName } },
        association: { targetRoleArn: dataReader.arn, disableSessionTags: !sessionTags },
    },
    { providers: [clusterAccount] },
);

export const bucketName = bucket.bucket;
export const associationRoleArn = associationRole.arn;
export const targetRoleArn = dataReader.arn;
export const targetTrustPolicy = dataReader.trustPolicy;
export const associations = reports.associations;
