/**
 * The verification Job of one binding: one pod at a time, as the binding's service account,
 * running the check script; `pulumi up` waits for it to complete and fails with the pod's
 * reason when it does not (see docs/verify.md).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedVerify } from "./settings";
import { VERIFY_RESOURCES, VERIFY_RESOURCES_WITH_AWS_CLI, VERIFY_USER_ID } from "./defaults";
import { verificationJobName } from "./name";
import { checkScript } from "./script";

/** What a binding hands its verification. */
export interface VerifiedBinding {
    clusterName: pulumi.Input<string>;
    namespace: string;
    serviceAccount: string;
    roleArn: pulumi.Input<string>;
    targetRoleArn?: pulumi.Input<string>;
    /** The namespace's name, resolved once it exists. */
    namespaceName: pulumi.Output<string>;
    /**
     * The service account's name, resolved once everything its pods need exists: the
     * association, the service account, the agent and the role's permissions (the binding's
     * `ready` before verification). The Job waits on it.
     */
    ready: pulumi.Output<string>;
    /** The association's ARN: its region is STS's for `callerIdentity`. */
    associationArn: pulumi.Output<string>;
}

/** Labels of the Job and its pods. */
export const VERIFY_LABELS = {
    "app.kubernetes.io/name": "pod-identity-verify",
    "app.kubernetes.io/managed-by": "eks-pod-identity",
};

/** The container's name, which `pulumi up` prints with the pod's reason. */
export const VERIFY_CONTAINER = "check";

/** Seconds the Kubernetes provider waits beyond the Job's own deadline before it gives up. */
const AWAIT_MARGIN_SECONDS = 120;

/**
 * The verification Job of a binding, named `name`. Not `pulumi.com/skipAwait`: the provider's
 * wait for the Job to complete is the point. `pulumi.com/replaceUnready` makes the next
 * `pulumi up` replace a Job that failed (a new proof once the cause is fixed) instead of
 * waiting on it again (@pulumi/kubernetes, "replaceUnready" on batch/v1 Job).
 */
export function verificationJob(
    name: string,
    binding: VerifiedBinding,
    verify: ResolvedVerify,
    opts: pulumi.CustomResourceOptions,
): k8s.batch.v1.Job {
    const proven = pulumi
        .all([binding.clusterName, binding.roleArn, binding.targetRoleArn])
        .apply(([clusterName, roleArn, targetRoleArn]) => ({
            clusterName,
            namespace: binding.namespace,
            serviceAccount: binding.serviceAccount,
            roleArn,
            targetRoleArn,
        }));
    const env: k8s.types.input.core.v1.EnvVar[] = [
        {
            name: "POD_IDENTITY_SUBJECT",
            value: pulumi.interpolate`cluster ${binding.clusterName}, namespace ${binding.namespace}, service account ${binding.serviceAccount}`,
        },
        { name: "POD_IDENTITY_ROLE_ARN", value: binding.roleArn },
        ...(binding.targetRoleArn === undefined
            ? []
            : [{ name: "POD_IDENTITY_TARGET_ROLE_ARN", value: binding.targetRoleArn }]),
        { name: "POD_IDENTITY_CALLER_IDENTITY", value: String(verify.callerIdentity) },
        { name: "POD_IDENTITY_TIMEOUT_SECONDS", value: String(verify.timeoutSeconds) },
        // The root filesystem is read-only: the check and the AWS CLI write under /tmp only.
        { name: "TMPDIR", value: "/tmp" },
        { name: "HOME", value: "/tmp" },
        ...(verify.callerIdentity ? regionEnv(binding.associationArn) : []),
    ];
    return new k8s.batch.v1.Job(
        name,
        {
            metadata: {
                name: proven.apply(verificationJobName),
                namespace: binding.namespaceName,
                labels: VERIFY_LABELS,
                annotations: {
                    "pulumi.com/replaceUnready": "true",
                    "pulumi.com/timeoutSeconds": String(
                        verify.activeDeadlineSeconds + AWAIT_MARGIN_SECONDS,
                    ),
                    "eks-pod-identity/proves": pulumi.interpolate`${binding.clusterName}/${binding.namespace}/${binding.serviceAccount} -> ${binding.targetRoleArn ?? binding.roleArn}`,
                },
            },
            spec: {
                backoffLimit: verify.backoffLimit,
                activeDeadlineSeconds: verify.activeDeadlineSeconds,
                ttlSecondsAfterFinished: verify.ttlSecondsAfterFinished,
                template: {
                    metadata: { labels: VERIFY_LABELS },
                    spec: podSpec(binding, verify, env),
                },
            },
        },
        opts,
    );
}

/**
 * One attempt: a new pod each time (restartPolicy Never), so a retry is a new admission, which
 * is when EKS injects Pod Identity. Pod Security "restricted" (Kubernetes docs, "Pod Security
 * Standards": runAsNonRoot, allowPrivilegeEscalation false, capabilities drop ALL, seccomp
 * RuntimeDefault) and a read-only root filesystem.
 */
function podSpec(
    binding: VerifiedBinding,
    verify: ResolvedVerify,
    env: k8s.types.input.core.v1.EnvVar[],
): k8s.types.input.core.v1.PodSpec {
    return {
        // The binding's `ready`: the pod is admitted only once the association, the service
        // account, the agent and the role's permissions exist. The Kubernetes API token stays
        // mounted as for the workload, so that the pod is admitted as the workload's would be.
        serviceAccountName: binding.ready,
        restartPolicy: "Never",
        securityContext: {
            runAsNonRoot: true,
            runAsUser: VERIFY_USER_ID,
            runAsGroup: VERIFY_USER_ID,
            fsGroup: VERIFY_USER_ID,
            seccompProfile: { type: "RuntimeDefault" },
        },
        imagePullSecrets:
            verify.imagePullSecrets.length > 0
                ? verify.imagePullSecrets.map((secret) => ({ name: secret }))
                : undefined,
        nodeSelector: Object.keys(verify.nodeSelector).length > 0 ? verify.nodeSelector : undefined,
        tolerations: verify.tolerations.length > 0 ? verify.tolerations : undefined,
        containers: [
            {
                name: VERIFY_CONTAINER,
                image: verify.image,
                command: ["/bin/sh", "-c", checkScript()],
                env,
                resources: verify.callerIdentity ? VERIFY_RESOURCES_WITH_AWS_CLI : VERIFY_RESOURCES,
                securityContext: {
                    runAsNonRoot: true,
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                },
                // The script writes its reason there; its last output lines if it could not.
                terminationMessagePolicy: "FallbackToLogsOnError",
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
        ],
        volumes: [{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }],
    };
}

/** The region of STS for the AWS CLI: the association's (its ARN's fourth field). */
function regionEnv(associationArn: pulumi.Output<string>): k8s.types.input.core.v1.EnvVar[] {
    const region = associationArn.apply((arn) => arn.split(":")[3] ?? "");
    return [
        { name: "AWS_REGION", value: region },
        { name: "AWS_DEFAULT_REGION", value: region },
    ];
}
