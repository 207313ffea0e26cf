/**
 * The two programs the benchmark compares, for one fleet size: (a) the `PodIdentity`
 * component, and (b) what a careful author writes by hand to get the same cloud resources:
 * the same role, policy and attachment, one caller identity per AWS provider (the role in the
 * clusters' account), per cluster one lookup, one add-on version lookup,
 * one kubeconfig-built Kubernetes provider and one add-on, per cluster and namespace a
 * namespace, per cluster and service account a service account and an association. Both
 * register the leaf resources under the same names with the same inputs, which the bench
 * checks before it reports anything.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity } from "../../index";
import { shortHash } from "../../core/names";
import {
    FleetSize,
    fleetClusters,
    fleetRegions,
    fleetServiceAccounts,
    MANAGED_POLICY_ARN,
    objectsIn,
    ROLE_ACTIONS,
    STACK_NAME,
    BUCKET_NAME,
} from "./fleet";

/** a, b, and a with `verify` on (a Job per cluster and service account). */
export type Variant = "component" | "baseline" | "verified";

/** The user's own region providers: both programs create them the same way. */
function regionProviders(size: FleetSize): Record<string, aws.Provider> {
    return Object.fromEntries(
        fleetRegions(size).map((region) => [region, new aws.Provider(`aws-${region}`, { region })]),
    );
}

/** (a) The fleet through the component; with `verify`, every binding proven by a Job. */
export function componentProgram(size: FleetSize, verify = false): () => void {
    return () => {
        const providers = regionProviders(size);
        const bucket = new aws.s3.Bucket(BUCKET_NAME);
        new PodIdentity(STACK_NAME, {
            role: {
                statements: [{ Action: ROLE_ACTIONS, Resource: [bucket.arn.apply(objectsIn)] }],
                managedPolicyArns: [MANAGED_POLICY_ARN],
            },
            serviceAccounts: fleetServiceAccounts(size),
            ...(verify ? { verify: {} } : {}),
            clusters: Object.fromEntries(
                fleetClusters(size).map((cluster) => [
                    cluster.key,
                    { clusterName: cluster.clusterName, awsProvider: providers[cluster.region] },
                ]),
            ),
        });
    };
}

const AGENT = "eks-pod-identity-agent";

/** (b) The same resources written by hand. */
export function baselineProgram(size: FleetSize): () => void {
    return () => {
        const providers = regionProviders(size);
        // Keys in sorted order, so the JSON is what the component sends.
        const trustPolicy = JSON.stringify({
            Statement: [
                {
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
                },
            ],
            Version: "2012-10-17",
        });
        const role = new aws.iam.Role(STACK_NAME, {
            path: "/",
            description: `EKS Pod Identity role ${STACK_NAME}`,
            maxSessionDuration: 3600,
            assumeRolePolicy: trustPolicy,
            // So that grants written by other stacks cannot block the role's deletion.
            forceDetachPolicies: true,
        });
        // EKS requires the association role in the cluster's account: one caller identity
        // for the role's provider and one per cluster provider, compared before binding.
        const roleAccount = aws.getCallerIdentityOutput({}).accountId;
        const providerAccounts = Object.fromEntries(
            Object.entries(providers).map(([region, provider]) => [
                region,
                aws.getCallerIdentityOutput({}, { provider }).accountId,
            ]),
        );
        pulumi.all([roleAccount, pulumi.all(providerAccounts)]).apply(([account, accounts]) => {
            for (const [region, other] of Object.entries(accounts)) {
                if (other !== account) {
                    throw new Error(
                        `clusters in ${region} are in account ${other}, the role in ${account}`,
                    );
                }
            }
        });
        new aws.iam.RolePolicyAttachment(`${STACK_NAME}-${shortHash(MANAGED_POLICY_ARN)}`, {
            role: role.name,
            policyArn: MANAGED_POLICY_ARN,
        });
        const bucket = new aws.s3.Bucket(BUCKET_NAME);
        new aws.iam.RolePolicy(`${STACK_NAME}-inline`, {
            role: role.name,
            policy: bucket.arn.apply((arn) =>
                JSON.stringify({
                    Statement: [
                        { Action: ROLE_ACTIONS, Effect: "Allow", Resource: [objectsIn(arn)] },
                    ],
                    Version: "2012-10-17",
                }),
            ),
        });

        const serviceAccounts = fleetServiceAccounts(size);
        const namespaces = [...new Set(serviceAccounts.map((sa) => sa.namespace))].sort();
        for (const cluster of fleetClusters(size)) {
            const prefix = `${STACK_NAME}/${cluster.key}`;
            const provider = providers[cluster.region];
            const found = aws.eks.getClusterOutput({ name: cluster.clusterName }, { provider });
            const kubernetes = new k8s.Provider(prefix, {
                kubeconfig: pulumi.secret(
                    pulumi
                        .all([found.name, found.arn, found.endpoint, found.certificateAuthorities])
                        .apply(([name, arn, endpoint, authorities]) =>
                            kubeconfig(name, arn, endpoint, authorities[0]?.data ?? ""),
                        ),
                ),
            });
            const version = aws.eks.getAddonVersionOutput(
                { addonName: AGENT, kubernetesVersion: found.version, mostRecent: false },
                { provider },
            );
            new aws.eks.Addon(
                prefix,
                {
                    clusterName: cluster.clusterName,
                    addonName: AGENT,
                    addonVersion: version.version,
                    resolveConflictsOnCreate: "OVERWRITE",
                    resolveConflictsOnUpdate: "OVERWRITE",
                    preserve: true,
                },
                { provider },
            );
            const created = new Map<string, k8s.core.v1.Namespace>();
            for (const namespace of namespaces) {
                created.set(
                    namespace,
                    new k8s.core.v1.Namespace(
                        `${prefix}/${namespace}`,
                        { metadata: { name: namespace } },
                        { provider: kubernetes, retainOnDelete: true },
                    ),
                );
            }
            for (const sa of serviceAccounts) {
                const name = `${prefix}/${sa.namespace}/${sa.name}`;
                new k8s.core.v1.ServiceAccount(
                    name,
                    {
                        metadata: {
                            name: sa.name,
                            namespace: created.get(sa.namespace)?.metadata.name,
                        },
                    },
                    { provider: kubernetes },
                );
                new aws.eks.PodIdentityAssociation(
                    name,
                    {
                        clusterName: cluster.clusterName,
                        namespace: sa.namespace,
                        serviceAccount: sa.name,
                        roleArn: role.arn,
                    },
                    { provider },
                );
            }
        }
    };
}

/** The exec-credential kubeconfig `aws eks update-kubeconfig` writes, keys sorted. */
function kubeconfig(name: string, arn: string, endpoint: string, ca: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        clusters: [{ cluster: { "certificate-authority-data": ca, server: endpoint }, name: arn }],
        contexts: [{ context: { cluster: arn, user: arn }, name: arn }],
        "current-context": arn,
        kind: "Config",
        preferences: {},
        users: [
            {
                name: arn,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        args: [
                            "--region",
                            arn.split(":")[3],
                            "eks",
                            "get-token",
                            "--cluster-name",
                            name,
                            "--output",
                            "json",
                        ],
                        command: "aws",
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}

export function programOf(variant: Variant, size: FleetSize): () => void {
    switch (variant) {
        case "component":
            return componentProgram(size);
        case "verified":
            return componentProgram(size, true);
        case "baseline":
            return baselineProgram(size);
    }
}
