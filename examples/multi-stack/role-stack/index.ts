// The role stack: one Pod Identity role for every cluster of the organisation. Cluster
// stacks read `roleArn` through a StackReference; adding a cluster stack never touches
// this stack, because the trust policy names no cluster.
import { PodIdentityRole } from "eks-pod-identity";

const role = new PodIdentityRole("log-shipper", {
    trust: {
        sourceOrgIds: ["${aws:ResourceOrgId}"],
        namespaces: ["logging"],
        serviceAccounts: ["fluent-bit"],
    },
    managedPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
});

export const roleArn = role.arn;
export const trustPolicy = role.trustPolicy;
