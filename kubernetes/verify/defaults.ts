/**
 * The verification Job's defaults, each with where it comes from (docs/verify.md explains them
 * to users).
 */

/**
 * The check's image: curl on Alpine (busybox sh), as the curl project publishes it, pinned by
 * the multi-platform index digest Docker Hub lists for the tag
 * (https://hub.docker.com/layers/curlimages/curl/8.9.1/images/sha256-78c8580bd9480f0d2527c0b781eeb9ffa00f3795f882e625f576aa51af8f4ad5,
 * "Index digest", pushed by the curl-container maintainers). Recorded from that page, not
 * pulled here: to be refreshed with each release (`docker buildx imagetools inspect
 * curlimages/curl:<tag>` prints the index digest).
 */
export const DEFAULT_VERIFY_IMAGE =
    "docker.io/curlimages/curl:8.9.1@sha256:8addc281f0ea517409209f76832b6ddc2cabc3264feb1ebbec2a2521ffad24e4";

/**
 * Retries, each a new pod. EKS says an association "may take several seconds to be effective"
 * (EKS API reference, CreatePodIdentityAssociation) and IAM changes (the role's trust and
 * permissions) are eventually consistent too (IAM user guide, "Changes that I make are not
 * always immediately visible"). The Job controller waits 10 s, 20 s, 40 s, 80 s between failed
 * pods (Kubernetes docs, "Jobs: Pod backoff failure policy"): 4 retries cover about two and a
 * half minutes after the first failure, many times AWS's "several seconds".
 */
export const DEFAULT_BACKOFF_LIMIT = 4;

/**
 * The Job's deadline: five pods, their image pulls and their backoff fit in five minutes, and
 * it ends before the Kubernetes provider's own wait for a Job (10 minutes,
 * @pulumi/kubernetes batch/v1 Job), so `pulumi up` reports the Job's reason, not a timeout.
 */
export const DEFAULT_ACTIVE_DEADLINE_SECONDS = 300;

/** Seconds the check waits for the agent (and STS) per request. */
export const DEFAULT_TIMEOUT_SECONDS = 5;

/**
 * The pod's user and group: any non-root id works for the check, and a numeric one lets
 * `runAsNonRoot` be verified for images whose USER is a name (the curl image's `curl_user`).
 * fsGroup makes the projected Pod Identity token readable by it.
 */
export const VERIFY_USER_ID = 65532;

/** Requests and limits: the check is a shell and one curl (an AWS CLI with callerIdentity). */
export const VERIFY_RESOURCES = {
    requests: { cpu: "10m", memory: "16Mi" },
    limits: { cpu: "100m", memory: "64Mi" },
} as const;

/** With callerIdentity: the AWS CLI v2 (a bundled Python) needs more memory than curl. */
export const VERIFY_RESOURCES_WITH_AWS_CLI = {
    requests: { cpu: "50m", memory: "96Mi" },
    limits: { cpu: "500m", memory: "256Mi" },
} as const;
