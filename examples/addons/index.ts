// The Amazon EBS and EFS CSI drivers on two clusters in two regions. Each driver is an EKS
// add-on that takes its role through the add-on's own Pod Identity association: one role per
// driver for the whole fleet, a trust policy that names no cluster, and no standalone
// association or Kubernetes service account to manage.
import * as aws from "@pulumi/aws";
import { ClusterSpec, PodIdentity } from "eks-pod-identity";

const clusters: { [key: string]: ClusterSpec } = {
    "prod-use1": { clusterName: "prod-use1" },
    "prod-euw1": {
        clusterName: "prod-euw1",
        awsProvider: new aws.Provider("eu-west-1", { region: "eu-west-1" }),
    },
};

// EBS CSI: the role gets the add-on's preset (ebsCsi) by default, and the Pod Identity agent is
// installed on each cluster, as add-on associations need it too.
const ebs = new PodIdentity("ebs-csi", {
    addon: { name: "aws-ebs-csi-driver" },
    clusters,
});

// EFS CSI: explicit role arguments win over the preset default, here to limit the driver to
// one file system per region. The agents installed above are shared.
const efs = new PodIdentity("efs-csi", {
    role: {
        presets: {
            efsCsi: {
                fileSystemArns: [
                    "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0",
                    "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0fedcba9876543210",
                ],
            },
        },
    },
    addon: { name: "aws-efs-csi-driver", version: "latest" },
    clusters: Object.fromEntries(
        Object.entries(clusters).map(([key, cluster]) => [
            key,
            { ...cluster, agent: ebs.agents[key] },
        ]),
    ),
});

export const ebsRoleArn = ebs.roleArn;
export const efsRoleArn = efs.roleArn;
export const addonVersions = Object.fromEntries(
    Object.entries(ebs.addons).map(([key, addon]) => [
        key,
        { ebs: addon.addonVersion, efs: efs.addons[key].addonVersion },
    ]),
);
