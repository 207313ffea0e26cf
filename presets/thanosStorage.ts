import { objectStoragePreset } from "./objectStorage";

// Facts from thanos-io/thanos docs/storage.md (S3, "AWS Policies", v0.42.4): ListBucket on the
// bucket; GetObject, DeleteObject, PutObject on its objects. SSE-KMS keys need data keys, as the
// same page's KMS policy shows.

export const thanosStorage = objectStoragePreset({
    title: "Thanos (S3 object storage)",
    description:
        "Upstream's deployment policy for sidecar, store gateway, compactor and receiver: lists the given buckets and reads, writes and deletes blocks in them (under the prefixes, if given); SSE-KMS through S3 with the given keys.",
    objectActions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    upstream: { source: "thanos-io/thanos:docs/storage.md", version: "v0.42.4" },
    startupListing: {
        prefixAsWritten: false,
        source: "thanos-io/objstore prefixed_bucket.go (1afe5d4bc3cd, as Thanos v0.36.0 pins it): the bucket `prefix` is trimmed of slashes and every Iter lists `<prefix>/` (withPrefix); providers/s3/s3.go Iter ends a non-empty dir with `/`.",
    },
    minimumVersion: {
        status: "known",
        version: "v0.36.0",
        of: "controller",
        source: "https://github.com/thanos-io/thanos/blob/v0.36.0/CHANGELOG.md",
        evidence:
            "v0.36.0's changelog: \"#7335 Dependency: Update minio-go to v7.0.70 which includes support for EKS Pod Identity\" (objstore's default chain ends with minio-go's IAM provider). v0.35.x pins minio-go v7.0.61. `aws_sdk_auth: true` instead uses aws-sdk-go-v2 config v1.15.1, which predates Pod Identity.",
    },
    bucket: "thanos-blocks",
});
