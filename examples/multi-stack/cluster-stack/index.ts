// A cluster stack: consumes the role stack's `roleArn` and creates only what belongs to
// this cluster (agent, namespace, service account, association).
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity } from "eks-pod-identity";

const config = new pulumi.Config();
const clusterName = config.require("clusterName");
const roles = new pulumi.StackReference(config.require("roleStack"));

const logging = new PodIdentity("log-shipper", {
    roleArn: roles.requireOutput("roleArn").apply(String),
    serviceAccounts: [{ namespace: "logging", name: "fluent-bit" }],
    clusters: { [clusterName]: { clusterName } },
});

export const associations = logging.associations;
