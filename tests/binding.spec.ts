import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentityAgent, PodIdentityBinding, PodIdentityRole } from "../index";
import { json, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";

describe("PodIdentityBinding", () => {
    it("creates the namespace, the service account and the association", async () => {
        const run = await record(() => {
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "s3-lister",
                roleArn: ROLE_ARN,
            });
            return {
                associationArn: binding.associationArn,
                associationId: binding.associationId,
                namespaceName: binding.namespaceName,
                serviceAccountName: binding.serviceAccountName,
            };
        });
        const namespace = run.get(T.namespace, "api");
        const serviceAccount = run.get(T.serviceAccount, "api");
        const association = run.get(T.association, "api");
        assert.deepStrictEqual(namespace.inputs.metadata, { name: "demo" });
        assert.deepStrictEqual(serviceAccount.inputs.metadata, {
            name: "s3-lister",
            namespace: "demo",
        });
        assert.deepStrictEqual(association.inputs, {
            clusterName: "prod",
            namespace: "demo",
            serviceAccount: "s3-lister",
            roleArn: ROLE_ARN,
        });
        assert.strictEqual(run.outputs.associationArn, association.outputs.associationArn);
        assert.match(run.outputs.associationId, /^a-[0-9a-f]{17}$/);
        assert.strictEqual(run.outputs.namespaceName, "demo");
        assert.strictEqual(run.outputs.serviceAccountName, "s3-lister");
        // The service account lands after its namespace exists.
        assert.ok(serviceAccount.dependencies.includes(namespace.urn));
    });

    it("keeps the namespace on delete by default; retainNamespaceOnDelete: false lets it go", async () => {
        const run = await record(() => {
            new PodIdentityBinding("kept", {
                clusterName: "prod",
                namespace: "a",
                serviceAccount: "sa",
                roleArn: ROLE_ARN,
            });
            new PodIdentityBinding("dropped", {
                clusterName: "prod",
                namespace: "b",
                serviceAccount: "sa",
                roleArn: ROLE_ARN,
                retainNamespaceOnDelete: false,
            });
        });
        assert.strictEqual(run.get(T.namespace, "kept").options.retainOnDelete, true);
        assert.strictEqual(run.get(T.namespace, "dropped").options.retainOnDelete, false);
    });

    it("adopts an existing namespace and service account: creates neither", async () => {
        const run = await record(() => {
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "kube-system",
                serviceAccount: "karpenter",
                roleArn: ROLE_ARN,
                createNamespace: false,
                createServiceAccount: false,
            });
            return {
                ns: binding.namespaceName,
                sa: binding.serviceAccountName,
                ready: binding.ready,
            };
        });
        assert.deepStrictEqual(run.ofType(T.namespace), []);
        assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        assert.strictEqual(run.get(T.association, "api").inputs.namespace, "kube-system");
        assert.deepStrictEqual(run.outputs, {
            ns: "kube-system",
            sa: "karpenter",
            ready: "karpenter",
        });
    });

    it("creates the service account in an adopted namespace", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "existing",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                createNamespace: false,
                serviceAccountLabels: { app: "api" },
                serviceAccountAnnotations: { owner: "payments" },
            });
        });
        assert.deepStrictEqual(run.ofType(T.namespace), []);
        assert.deepStrictEqual(run.get(T.serviceAccount, "api").inputs.metadata, {
            name: "api",
            namespace: "existing",
            labels: { app: "api" },
            annotations: { owner: "payments" },
        });
    });

    it("passes target role, session tags, session policy and tags to the association", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                targetRoleArn: "arn:aws:iam::999988887777:role/data",
                disableSessionTags: true,
                sessionPolicy: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
                },
                tags: { app: "api" },
            });
            new PodIdentityBinding("json", {
                clusterName: "prod",
                namespace: "demo2",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                disableSessionTags: true,
                sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
            });
        });
        const association = run.get(T.association, "api");
        assert.strictEqual(association.inputs.targetRoleArn, "arn:aws:iam::999988887777:role/data");
        assert.strictEqual(association.inputs.disableSessionTags, true);
        assert.deepStrictEqual(association.inputs.tags, { app: "api" });
        assert.strictEqual(
            association.inputs.policy,
            '{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}',
        );
        assert.deepStrictEqual(json(run.get(T.association, "json").inputs.policy), {
            Statement: [],
            Version: "2012-10-17",
        });
    });

    it("lets the association wait on nothing but the role; ready waits on all three", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {});
            const agent = new PodIdentityAgent("agent", {
                clusterName: "prod",
                version: "v1.3.4-eksbuild.1",
            });
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: role.arn,
                agent,
            });
            // A workload that takes `ready` as its service account name.
            new k8s.core.v1.Pod("workload", {
                metadata: { namespace: "demo" },
                spec: {
                    serviceAccountName: binding.ready,
                    containers: [{ name: "app", image: "public.ecr.aws/docker/library/busybox" }],
                },
            });
        });
        const association = run.get(T.association, "api");
        const waits = [...run.waitsOn(association)];
        assert.deepStrictEqual(waits, [run.get(T.role, "app").urn]);

        const workload = run.get("kubernetes:core/v1:Pod", "workload");
        const workloadWaits = run.waitsOn(workload);
        for (const needed of [
            association.urn,
            run.get(T.serviceAccount, "api").urn,
            run.get(T.addon, "agent").urn,
        ]) {
            assert.ok(workloadWaits.has(needed), `workload should wait on ${needed}`);
        }
        assert.strictEqual(
            (workload.inputs.spec as { serviceAccountName: string }).serviceAccountName,
            "api",
        );
    });

    it("sends AWS resources through the AWS provider and Kubernetes ones through the Kubernetes provider", async () => {
        const run = await record(() => {
            const awsProvider = new aws.Provider("aws-eu", { region: "eu-west-1" });
            const k8sProvider = new k8s.Provider("k8s-prod", { kubeconfig: "{}" });
            new PodIdentityBinding(
                "api",
                {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                },
                { providers: [awsProvider, k8sProvider] },
            );
        });
        assert.strictEqual(run.providerOf(run.get(T.association, "api"))?.name, "aws-eu");
        assert.strictEqual(run.providerOf(run.get(T.namespace, "api"))?.name, "k8s-prod");
        assert.strictEqual(run.providerOf(run.get(T.serviceAccount, "api"))?.name, "k8s-prod");
        assert.match(
            String(run.get(T.association, "api").outputs.associationArn),
            /^arn:aws:eks:eu-west-1:123456789012:podidentityassociation\/prod\/a-/,
        );
    });
});
