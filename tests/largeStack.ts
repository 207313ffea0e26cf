/**
 * Stacks of any size for the linearity specs: one unit of Pod Identity resources, written
 * with the components and by hand, recorded once under the mock engine as a preview, then
 * copied under other names. Each copy is its own clusters, roles and bindings, so a stack of
 * n copies gives every rule n times the work it gives one copy, if the rule is linear.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentityAgent, PodIdentityBinding, PodIdentityRole } from "../index";
import { RecordedResource, runProgram } from "../tools/mock-engine";
import { EC2_TRUST, trustPolicy } from "./policyHarness";

/** Every name of the unit carries this token; a copy replaces it with its own. */
const TOKEN = "u0000";
const ACCOUNT = "123456789012";

/**
 * One unit, with something for every rule of the pack to read: a PodIdentityRole with an
 * attached policy of the stack; a hand-written role whose trust lacks sts:TagSession, admits
 * EC2 too and matches a session tag, with an admin inline policy and AdministratorAccess;
 * the agent, a binding and a second association for the same service account (session tags
 * off); an association in kube-system; an EKS cluster with a node group whose role lacks the
 * worker policy and an association with a session policy; an add-on with its own association
 * and one without; and a service account with the IRSA annotation.
 */
function unit(): void {
    const cluster = `${TOKEN}-prod`;
    const role = new PodIdentityRole(`${TOKEN}-app`, {
        statements: [{ Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${TOKEN}-data`] }],
    });
    const custom = new aws.iam.Policy(`${TOKEN}-custom`, {
        name: `${TOKEN}-custom`,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }],
        }),
    });
    new aws.iam.RolePolicyAttachment(`${TOKEN}-custom`, {
        role: role.roleName,
        policyArn: custom.arn,
    });
    const raw = new aws.iam.Role(`${TOKEN}-raw`, {
        name: `${TOKEN}-raw`,
        assumeRolePolicy: trustPolicy({
            Effect: "Allow",
            Principal: { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:PrincipalTag/kubernetes-namespace": "demo" } },
        }),
        inlinePolicies: [
            {
                name: "everything",
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                }),
            },
        ],
    });
    new aws.iam.RolePolicyAttachment(`${TOKEN}-raw-admin`, {
        role: raw.name,
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    });
    const agent = new PodIdentityAgent(`${TOKEN}-agent`, { clusterName: cluster });
    new PodIdentityBinding(`${TOKEN}-app`, {
        clusterName: cluster,
        namespace: "demo",
        serviceAccount: "app",
        roleArn: role.arn,
        agent,
    });
    new aws.eks.PodIdentityAssociation(`${TOKEN}-again`, {
        clusterName: cluster,
        namespace: "demo",
        serviceAccount: "app",
        roleArn: `arn:aws:iam::${ACCOUNT}:role/${TOKEN}-raw`,
        disableSessionTags: true,
    });
    new aws.eks.PodIdentityAssociation(`${TOKEN}-system`, {
        clusterName: cluster,
        namespace: "kube-system",
        serviceAccount: "custom",
        roleArn: raw.arn,
    });
    const eks = new aws.eks.Cluster(`${TOKEN}-second`, {
        name: `${TOKEN}-second`,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/${TOKEN}-cluster`,
        vpcConfig: { subnetIds: ["subnet-1"] },
    });
    const nodeRole = new aws.iam.Role(`${TOKEN}-nodes`, { assumeRolePolicy: EC2_TRUST });
    new aws.eks.NodeGroup(`${TOKEN}-nodes`, {
        clusterName: eks.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: ["subnet-1"],
        scalingConfig: { desiredSize: 2, maxSize: 3, minSize: 1 },
    });
    new aws.eks.PodIdentityAssociation(`${TOKEN}-second`, {
        clusterName: eks.name,
        namespace: "jobs",
        serviceAccount: "runner",
        roleArn: raw.arn,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        }),
    });
    // Add-ons, one with its own association and one on the node role, for the add-on rules.
    new aws.eks.Addon(`${TOKEN}-ebs`, {
        clusterName: cluster,
        addonName: "aws-ebs-csi-driver",
        podIdentityAssociations: [{ roleArn: raw.arn, serviceAccount: "ebs-csi-controller-sa" }],
    });
    new aws.eks.Addon(`${TOKEN}-cni`, { clusterName: cluster, addonName: "vpc-cni" });
    new k8s.core.v1.ServiceAccount(`${TOKEN}-irsa`, {
        metadata: {
            name: "app",
            namespace: "demo",
            annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::${ACCOUNT}:role/x` },
        },
    });
}

let recorded: Promise<RecordedResource[]> | undefined;

/** The unit's records, evaluated once as `pulumi preview` would (new ARNs unknown). */
function unitRecords(): Promise<RecordedResource[]> {
    recorded ??= runProgram(unit, { preview: true }).then((run) => run.resources);
    return recorded;
}

/** The resources one unit records (the stack and default providers included). */
export async function unitSize(): Promise<number> {
    return (await unitRecords()).length;
}

/**
 * A stack of `copies` units. Resources every copy shares (the stack, default providers)
 * appear once, as in a real stack.
 */
export async function largeStack(copies: number): Promise<RecordedResource[]> {
    const text = JSON.stringify(await unitRecords());
    const byUrn = new Map<string, RecordedResource>();
    for (let copy = 0; copy < copies; copy++) {
        const name = `u${String(copy).padStart(4, "0")}`;
        for (const resource of JSON.parse(text.replaceAll(TOKEN, name)) as RecordedResource[]) {
            if (!byUrn.has(resource.urn)) {
                byUrn.set(resource.urn, resource);
            }
        }
    }
    return [...byUrn.values()];
}
