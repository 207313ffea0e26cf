/**
 * `verify`: the Job that proves, per service account, that its pods get working Pod Identity
 * credentials before `ready` resolves. Asserted on what `pulumi up` would send to Kubernetes
 * (the Job's manifest and resource options) and on what waits for what.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as k8s from "@pulumi/kubernetes";
import {
    DEFAULT_VERIFY_IMAGE,
    PodIdentity,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
} from "../index";
import { checkScript, checkScriptPath } from "../kubernetes/verify/script";
import { verificationJobName } from "../kubernetes/verify/name";
import { Recorded, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const TARGET_ARN = "arn:aws:iam::210987654321:role/reader";
const JOB = "kubernetes:batch/v1:Job";

interface Container {
    name: string;
    image: string;
    command: string[];
    env: { name: string; value: string }[];
    resources: unknown;
    securityContext: unknown;
    terminationMessagePolicy: string;
    volumeMounts: unknown;
}

/** The parts of a recorded Job the specs read. */
function jobOf(run: Recorded<unknown>, name: string) {
    const job = run.get(JOB, name);
    const inputs = job.inputs as {
        metadata: { name: string; namespace: string; annotations: Record<string, string> };
        spec: {
            backoffLimit: number;
            activeDeadlineSeconds: number;
            ttlSecondsAfterFinished?: number;
            template: { spec: Record<string, unknown> & { containers: Container[] } };
        };
    };
    const pod = inputs.spec.template.spec;
    const container = pod.containers[0];
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    return { job, inputs, pod, container, env };
}

describe("verify: a Job per service account proves its credentials before ready", () => {
    it("runs one pod as the service account, in its namespace, with the shipped check script", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "s3-lister",
                roleArn: ROLE_ARN,
                verify: {},
            });
        });
        const { job, inputs, pod, container, env } = jobOf(run, "api-verify");
        assert.strictEqual(
            inputs.metadata.name,
            verificationJobName({
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "s3-lister",
                roleArn: ROLE_ARN,
            }),
        );
        assert.match(inputs.metadata.name, /^pod-identity-verify-[0-9a-f]{10}$/);
        assert.strictEqual(inputs.metadata.namespace, "demo");
        assert.strictEqual(pod.serviceAccountName, "s3-lister");
        assert.strictEqual(pod.restartPolicy, "Never");
        // What the pod runs is what the script's spec runs: the shipped file, less comments.
        assert.deepStrictEqual(container.command, ["/bin/sh", "-c", checkScript()]);
        assert.match(fs.readFileSync(checkScriptPath(), "utf8"), /^#!\/bin\/sh\n/);
        assert.strictEqual(container.image, DEFAULT_VERIFY_IMAGE);
        assert.match(container.image, /^docker\.io\/curlimages\/curl:[\d.]+@sha256:[0-9a-f]{64}$/);
        assert.deepStrictEqual(env, {
            POD_IDENTITY_SUBJECT: "cluster prod, namespace demo, service account s3-lister",
            POD_IDENTITY_ROLE_ARN: ROLE_ARN,
            POD_IDENTITY_CALLER_IDENTITY: "false",
            POD_IDENTITY_TIMEOUT_SECONDS: "5",
            TMPDIR: "/tmp",
            HOME: "/tmp",
        });
        // The pod's reason reaches `pulumi up` through the termination message.
        assert.strictEqual(container.terminationMessagePolicy, "FallbackToLogsOnError");
        // Through the binding's Kubernetes provider, under the binding.
        assert.strictEqual(job.provider, run.get(T.serviceAccount, "api").provider);
        assert.strictEqual(
            job.parent,
            run.get("eks-pod-identity:index:PodIdentityBinding", "api").urn,
        );
    });

    it("retries with new pods (backoffLimit) within a deadline, defaults from AWS's propagation guidance", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                verify: {},
            });
        });
        const { inputs } = jobOf(run, "api-verify");
        assert.strictEqual(inputs.spec.backoffLimit, 4);
        assert.strictEqual(inputs.spec.activeDeadlineSeconds, 300);
        assert.strictEqual(inputs.spec.ttlSecondsAfterFinished, undefined);
        assert.deepStrictEqual(inputs.metadata.annotations, {
            // A failed Job is replaced by the next `pulumi up`, not waited on again.
            "pulumi.com/replaceUnready": "true",
            // The provider waits past the Job's deadline, so the Job's reason is what fails.
            "pulumi.com/timeoutSeconds": "420",
            "eks-pod-identity/proves": `prod/demo/api -> ${ROLE_ARN}`,
        });
        assert.ok(!("pulumi.com/skipAwait" in inputs.metadata.annotations));
    });

    it("passes Pod Security restricted, with a read-only root filesystem and small requests and limits", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                verify: {},
            });
        });
        const { pod, container } = jobOf(run, "api-verify");
        assert.deepStrictEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepStrictEqual(container.securityContext, {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepStrictEqual(container.resources, {
            requests: { cpu: "10m", memory: "16Mi" },
            limits: { cpu: "100m", memory: "64Mi" },
        });
        // The only writable place: an emptyDir at /tmp.
        assert.deepStrictEqual(container.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
        assert.deepStrictEqual(pod.volumes, [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }]);
        assert.strictEqual(pod.hostNetwork, undefined);
    });

    it("waits for the association, the service account, the agent and the role's permissions; ready and the workload wait for it", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {
                statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::b"] }],
            });
            const agent = new PodIdentityAgent("agent", {
                clusterName: "prod",
                version: "v1.3.4-eksbuild.1",
            });
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: role.readyArn,
                agent,
                verify: {},
            });
            new k8s.core.v1.Pod("workload", {
                metadata: { namespace: "demo" },
                spec: {
                    serviceAccountName: binding.ready,
                    containers: [{ name: "app", image: "public.ecr.aws/docker/library/busybox" }],
                },
            });
            return { ready: binding.ready };
        });
        const { job } = jobOf(run, "api-verify");
        const jobWaits = run.waitsOn(job);
        for (const [type, name] of [
            [T.association, "api"],
            [T.serviceAccount, "api"],
            [T.namespace, "api"],
            [T.addon, "agent"],
            [T.rolePolicy, "app-inline"],
        ]) {
            assert.ok(jobWaits.has(run.get(type, name).urn), `the Job waits on ${type} ${name}`);
        }
        const workload = run.get("kubernetes:core/v1:Pod", "workload");
        assert.ok(workload.dependencies.includes(job.urn), "the workload waits on the Job");
        assert.strictEqual(run.outputs.ready, "api");
    });

    it("carries a hash of what it proves in its name: a change of role, target role, cluster, namespace or service account proves again", () => {
        const base = {
            clusterName: "prod",
            namespace: "demo",
            serviceAccount: "api",
            roleArn: ROLE_ARN,
        };
        const name = verificationJobName(base);
        assert.strictEqual(verificationJobName({ ...base }), name, "stable for the same binding");
        const changed = [
            { ...base, roleArn: "arn:aws:iam::123456789012:role/other" },
            { ...base, targetRoleArn: TARGET_ARN },
            { ...base, clusterName: "staging" },
            { ...base, namespace: "other" },
            { ...base, serviceAccount: "other" },
        ].map(verificationJobName);
        assert.strictEqual(new Set([name, ...changed]).size, 6);
    });

    it("names the target role to the check and in its annotation, and waits for the grant on it", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                targetRoleArn: TARGET_ARN,
                verify: {},
            });
        });
        const { job, inputs, env } = jobOf(run, "api-verify");
        assert.strictEqual(env.POD_IDENTITY_ROLE_ARN, ROLE_ARN);
        assert.strictEqual(env.POD_IDENTITY_TARGET_ROLE_ARN, TARGET_ARN);
        assert.strictEqual(
            inputs.metadata.annotations["eks-pod-identity/proves"],
            `prod/demo/api -> ${TARGET_ARN}`,
        );
        assert.strictEqual(
            inputs.metadata.name,
            verificationJobName({
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                targetRoleArn: TARGET_ARN,
            }),
        );
        assert.ok(run.waitsOn(job).has(run.get(T.rolePolicy, "api-chain-targets").urn));
    });

    it("takes image, imagePullSecrets, nodeSelector, tolerations and the limits, so it runs where the workload runs", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                verify: {
                    image: "registry.example.com/tools/curl:8@sha256:" + "a".repeat(64),
                    imagePullSecrets: ["registry-login"],
                    nodeSelector: { "karpenter.sh/nodepool": "gpu" },
                    tolerations: [
                        { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
                    ],
                    backoffLimit: 2,
                    activeDeadlineSeconds: 900,
                    timeoutSeconds: 10,
                    ttlSecondsAfterFinished: 3600,
                },
            });
        });
        const { inputs, pod, container, env } = jobOf(run, "api-verify");
        assert.strictEqual(
            container.image,
            "registry.example.com/tools/curl:8@sha256:" + "a".repeat(64),
        );
        assert.deepStrictEqual(pod.imagePullSecrets, [{ name: "registry-login" }]);
        assert.deepStrictEqual(pod.nodeSelector, { "karpenter.sh/nodepool": "gpu" });
        assert.deepStrictEqual(pod.tolerations, [
            { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
        ]);
        assert.strictEqual(inputs.spec.backoffLimit, 2);
        assert.strictEqual(inputs.spec.activeDeadlineSeconds, 900);
        assert.strictEqual(inputs.spec.ttlSecondsAfterFinished, 3600);
        assert.strictEqual(inputs.metadata.annotations["pulumi.com/timeoutSeconds"], "1020");
        assert.strictEqual(env.POD_IDENTITY_TIMEOUT_SECONDS, "10");
    });

    it("with callerIdentity, asks the check to compare, in the association's region, with room for the AWS CLI", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                verify: { callerIdentity: true, image: "public.ecr.aws/aws-cli/aws-cli:2" },
            });
        });
        const { container, env } = jobOf(run, "api-verify");
        assert.strictEqual(env.POD_IDENTITY_CALLER_IDENTITY, "true");
        assert.strictEqual(env.AWS_REGION, "us-east-1");
        assert.strictEqual(env.AWS_DEFAULT_REGION, "us-east-1");
        assert.deepStrictEqual(container.resources, {
            requests: { cpu: "50m", memory: "96Mi" },
            limits: { cpu: "500m", memory: "256Mi" },
        });
    });

    it("is off by default: no Job, and ready as before", async () => {
        const run = await record(() => {
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
            return { verification: binding.verification === undefined };
        });
        assert.deepStrictEqual(run.ofType(JOB), []);
        assert.strictEqual(run.outputs.verification, true);
        const off = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                verify: { enabled: false },
            });
        });
        assert.deepStrictEqual(off.ofType(JOB), []);
    });

    describe("on a PodIdentity", () => {
        it("verifies every service account on every cluster; one may override or turn it off", async () => {
            const run = await record(() => {
                const fleet = new PodIdentity("app", {
                    role: {
                        statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::b"] }],
                    },
                    verify: { backoffLimit: 6 },
                    serviceAccounts: [
                        { namespace: "demo", name: "api" },
                        {
                            namespace: "demo",
                            name: "worker",
                            verify: { nodeSelector: { pool: "batch" } },
                        },
                        { namespace: "demo", name: "cron", verify: { enabled: false } },
                    ],
                    clusters: { a: { clusterName: "a" }, b: { clusterName: "b" } },
                });
                new k8s.core.v1.Pod("workload", {
                    metadata: { namespace: "demo" },
                    spec: {
                        serviceAccountName: fleet.bindings["a/demo/api"].ready,
                        containers: [
                            { name: "app", image: "public.ecr.aws/docker/library/busybox" },
                        ],
                    },
                });
            });
            assert.deepStrictEqual(run.names(JOB), [
                "app/a/demo/api-verify",
                "app/a/demo/worker-verify",
                "app/b/demo/api-verify",
                "app/b/demo/worker-verify",
            ]);
            const api = jobOf(run, "app/a/demo/api-verify");
            const worker = jobOf(run, "app/b/demo/worker-verify");
            assert.strictEqual(api.inputs.spec.backoffLimit, 6);
            assert.strictEqual(api.pod.nodeSelector, undefined);
            assert.strictEqual(worker.inputs.spec.backoffLimit, 6, "the fleet's setting stays");
            assert.deepStrictEqual(worker.pod.nodeSelector, { pool: "batch" });
            assert.strictEqual(
                worker.env.POD_IDENTITY_SUBJECT,
                "cluster b, namespace demo, service account worker",
            );
            // Each cluster's Job through that cluster's Kubernetes provider.
            assert.strictEqual(run.providerOf(api.job)?.name, "app/a");
            assert.strictEqual(run.providerOf(worker.job)?.name, "app/b");
            // The role's permissions come first (the Job waits on the role's readyArn).
            assert.ok(run.waitsOn(api.job).has(run.get(T.rolePolicy, "app-inline").urn));
            const workload = run.get("kubernetes:core/v1:Pod", "workload");
            assert.ok(workload.dependencies.includes(api.job.urn));
            // Distinct clusters, distinct proofs.
            assert.notStrictEqual(
                api.inputs.metadata.name,
                jobOf(run, "app/b/demo/api-verify").inputs.metadata.name,
            );
        });

        it("builds the cluster's Kubernetes provider for the Job even when nothing else of Kubernetes is created", async () => {
            const run = await record(() => {
                new PodIdentity("app", {
                    roleArn: ROLE_ARN,
                    serviceAccounts: [
                        {
                            namespace: "kube-system",
                            name: "karpenter",
                            createServiceAccount: false,
                        },
                    ],
                    clusters: { a: { clusterName: "a", agent: false } },
                    verify: {},
                });
            });
            const { job, pod } = jobOf(run, "app/a/kube-system/karpenter-verify");
            assert.strictEqual(run.providerOf(job)?.name, "app/a");
            assert.strictEqual(pod.serviceAccountName, "karpenter");
            assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        });

        it("keeps the fleet's verification out of the plan of a fleet without it", async () => {
            const run = await record(() => {
                new PodIdentity("app", {
                    role: {},
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: { a: { clusterName: "a" } },
                });
            });
            assert.deepStrictEqual(run.ofType(JOB), []);
        });
    });

    it("previews with the Job's name known once the role's ARN is, and unknown before", async () => {
        const run = await record(
            () => {
                const role = new PodIdentityRole("app", {});
                new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: role.arn,
                    verify: {},
                });
                new PodIdentityBinding("known", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "known",
                    roleArn: ROLE_ARN,
                    verify: {},
                });
            },
            { preview: true },
        );
        const pending = run.get(JOB, "api-verify").inputs as { metadata: { name?: string } };
        assert.strictEqual(pending.metadata.name, undefined);
        const known = run.get(JOB, "known-verify").inputs as { metadata: { name?: string } };
        assert.match(String(known.metadata.name), /^pod-identity-verify-/);
    });
});
