import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentity, PodIdentityBinding } from "../index";
import { json, record, T } from "./harness";

const ROLE = { statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo"] }] };

describe("PodIdentity: what a careful operator would expect", () => {
    it("installs the agent on an EKS Auto Mode cluster too, with no lookup and no resource registered in a callback", async () => {
        const program = () => {
            const app = new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    auto: {
                        clusterName: "auto",
                        kubernetesVersion: "1.33",
                        kubernetesProvider: new k8s.Provider("k8s", { kubeconfig: "{}" }),
                        agent: { version: "v1.3.8-eksbuild.2" },
                    },
                },
            });
            // Known when the constructor returns, as any child is.
            assert.ok(app.agents.auto.addon);
        };
        for (const preview of [false, true]) {
            const run = await record(program, {
                preview,
                fixture: { clusters: { auto: { autoMode: true } } },
            });
            // Auto Mode nodes run their own agent and the add-on keeps off them; managed and
            // self-managed nodes of the same cluster need it.
            assert.deepStrictEqual(
                run.ofType(T.addon).map((a) => [a.inputs.clusterName, a.inputs.addonVersion]),
                [["auto", "v1.3.8-eksbuild.2"]],
            );
            assert.strictEqual(run.invokes(T.getCluster).length, 0);
        }
    });

    it("makes pods that use ready wait for the fleet's grant on the target role", async () => {
        const run = await record(() => {
            const app = new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: { prod: { clusterName: "prod" } },
                association: { targetRoleArn: "arn:aws:iam::999988887777:role/data" },
            });
            new k8s.core.v1.Pod("workload", {
                metadata: { namespace: "demo" },
                spec: {
                    serviceAccountName: app.bindings["prod/demo/api"].ready,
                    containers: [{ name: "app", image: "public.ecr.aws/docker/library/busybox" }],
                },
            });
        });
        const grant = run.get(T.rolePolicy, "app-chain-targets");
        assert.ok(run.waitsOn(run.get("kubernetes:core/v1:Pod", "workload")).has(grant.urn));
    });

    it("makes pods that use ready wait for every permission of the role", async () => {
        const run = await record(() => {
            const app = new PodIdentity("app", {
                role: {
                    ...ROLE,
                    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"],
                    policyArns: { reports: "arn:aws:iam::123456789012:policy/reports" },
                    presets: { s3List: { bucketArns: ["arn:aws:s3:::demo"] } },
                },
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: { prod: { clusterName: "prod" } },
            });
            new k8s.core.v1.Pod("workload", {
                metadata: { namespace: "demo" },
                spec: {
                    serviceAccountName: app.bindings["prod/demo/api"].ready,
                    containers: [{ name: "app", image: "public.ecr.aws/docker/library/busybox" }],
                },
            });
        });
        const permissions = [
            ...run.ofType(T.rolePolicy),
            ...run.ofType(T.attachment),
            ...run.ofType(T.policy),
        ];
        assert.strictEqual(
            permissions.length,
            5,
            "inline, two attachments, a preset and its attachment",
        );
        const waits = run.waitsOn(run.get("kubernetes:core/v1:Pod", "workload"));
        for (const permission of permissions) {
            assert.ok(waits.has(permission.urn), `${permission.type} ${permission.name}`);
        }
        // The association itself waits for none of them: EKS needs only the role.
        const association = run.get(T.association, "app/prod/demo/api");
        for (const permission of permissions) {
            assert.ok(!run.heldBackBy(association).has(permission.urn));
        }
    });

    it("refuses a cluster in another account than the role, naming the cluster and the fix", async () => {
        await assert.rejects(
            record(() => {
                new PodIdentity("app", {
                    role: ROLE,
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: {
                        other: {
                            clusterName: "other",
                            awsProvider: new aws.Provider("other-account", {
                                region: "us-east-1",
                                assumeRoles: [
                                    { roleArn: "arn:aws:iam::444455556666:role/deployer" },
                                ],
                            }),
                        },
                    },
                });
            }),
            /is in account 123456789012, and this is not:\n {2}- clusters\.other: the cluster is in account 444455556666 \(its awsProvider\), but EKS requires the association role in the cluster's account/,
        );
    });

    it("adopts Kubernetes' own namespaces instead of creating them", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: [
                    { namespace: "kube-system", name: "karpenter" },
                    { namespace: "default", name: "api" },
                    { namespace: "demo", name: "api" },
                ],
                clusters: { prod: { clusterName: "prod" } },
            });
            new PodIdentityBinding("ebs", {
                clusterName: "prod",
                namespace: "kube-system",
                serviceAccount: "ebs-csi-controller-sa",
                roleArn: "arn:aws:iam::123456789012:role/ebs",
            });
        });
        assert.deepStrictEqual(
            run.ofType(T.namespace).map((n) => (n.inputs.metadata as { name: string }).name),
            ["demo"],
        );
        assert.strictEqual(run.ofType(T.serviceAccount).length, 4);
    });

    it("builds the kubeconfig with the identity the cluster's account needs", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                role: ROLE,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    prod: {
                        clusterName: "prod",
                        kubeconfigIdentity: { roleArn: "arn:aws:iam::123456789012:role/deployer" },
                    },
                },
            });
        });
        const kubeconfig = json(
            run.get("pulumi:providers:kubernetes", "app/prod").inputs.kubeconfig,
        ) as {
            users: { user: { exec: { args: string[] } } }[];
        };
        assert.ok(
            kubeconfig.users[0].user.exec.args.includes("arn:aws:iam::123456789012:role/deployer"),
        );
    });
});
