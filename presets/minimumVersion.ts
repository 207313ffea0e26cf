/**
 * The first release of a controller that can use Pod Identity credentials: the container
 * credentials the agent serves (`AWS_CONTAINER_CREDENTIALS_FULL_URI` with
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`). An older image does not fail: its AWS SDK skips the
 * unknown provider and falls back to the node's instance role, silently, so the pod runs with the
 * node's permissions instead of the preset's.
 *
 * The SDK releases AWS names as the first that read those credentials (EKS User Guide,
 * "Use pod identity with the AWS SDK", pod-id-minimum-sdk) are what most entries rest on: Go v1
 * v1.47.11, Go v2 release-2023-11-14 (module `config` v1.25.0: "Add support for dynamic auth token
 * from file and EKS container host"), and for minio-go based S3 clients minio-go v7.0.69
 * (minio/minio-go#1944, "add support for authentication with EKS Pod Identities").
 */

/** A controller release that reads Pod Identity credentials, with the release note or dependency bump that shows it. */
export interface KnownMinimumVersion {
    status: "known";
    /** The release, as the controller tags it (`v0.36.0`, `2.13.0`, `v1.26.0-eksbuild.1`). */
    version: string;
    /** What `version` numbers: the controller's own releases, or its EKS add-on's versions. */
    of: "controller" | "eks-addon";
    /** Where it is shown: a release note, changelog entry or go.mod at the tag. */
    source: string;
    /** What the source says, in a sentence (the SDK bump, the changelog line). */
    evidence: string;
}

/** No release of the controller can use Pod Identity credentials yet. */
export interface NoMinimumVersionYet {
    status: "none-yet";
    /** Where that is tracked (an open upstream issue). */
    source: string;
    /** What was checked. */
    evidence: string;
}

/** Not verified against upstream: what was checked and what is missing. */
export interface UnverifiedMinimumVersion {
    status: "unverified";
    /** Why no version is recorded (what would settle it). */
    evidence: string;
}

/**
 * A controller preset's minimum version for Pod Identity: known (with its source), none yet, or
 * unverified. Generic service presets (S3, DynamoDB, ...) have none: any current SDK reads the
 * credentials.
 */
export type MinimumVersion = KnownMinimumVersion | NoMinimumVersionYet | UnverifiedMinimumVersion;
