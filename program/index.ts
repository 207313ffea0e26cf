// The root project's program: Pod Identity for one cluster from stack configuration.
// (A later change makes it a full config-driven fleet program.)
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityAgent, PodIdentityBinding, PodIdentityRole } from "../index";

const config = new pulumi.Config();
const clusterName = config.require("clusterName");
const bucketName = config.require("bucketName");
const namespace = config.get("namespace") ?? "demo";
const serviceAccount = config.get("serviceAccount") ?? "s3-lister";

const role = new PodIdentityRole("s3-lister", {
    statements: [{ Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${bucketName}`] }],
});
const agent = new PodIdentityAgent("agent", { clusterName });
const binding = new PodIdentityBinding("s3-lister", {
    clusterName,
    namespace,
    serviceAccount,
    roleArn: role.arn,
    agent,
});

export const roleArn = role.arn;
export const associationArn = binding.associationArn;
