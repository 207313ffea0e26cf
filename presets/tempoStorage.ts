import { objectStoragePreset } from "./objectStorage";

// Facts from grafana/tempo docs/sources/tempo/configuration/hosted-storage/s3.md (v3.0.3): the
// minimal policy for an existing bucket, with object tagging.

export const tempoStorage = objectStoragePreset({
    title: "Grafana Tempo (S3 storage)",
    description:
        "Upstream's minimal policy: lists the given buckets and reads, writes, deletes and tags trace blocks in them (under the prefixes, if given, also the prefix as configured, which Tempo lists at start-up); SSE-KMS through S3 with the given keys.",
    objectActions: [
        "s3:DeleteObject",
        "s3:GetObject",
        "s3:GetObjectTagging",
        "s3:PutObject",
        "s3:PutObjectTagging",
    ],
    upstream: {
        source: "grafana/tempo:docs/sources/tempo/configuration/hosted-storage/s3.md",
        version: "v3.0.3",
    },
    startupListing: {
        prefixAsWritten: true,
        bucketRootBefore: { version: "v2.2.0", delimiter: "/" },
        source: 'grafana/tempo tempodb/backend/s3/s3.go internalNew: v3.0.3 (and every release from v2.2.0) checks the bucket with `core.ListObjects(cfg.Bucket, cfg.Prefix, "", "/", 1)`, the prefix exactly as configured; v2.1.0 and older list `""` (the bucket root) with delimiter `/`.',
    },
    minimumVersion: {
        status: "known",
        version: "v2.6.0",
        of: "controller",
        source: "https://github.com/grafana/tempo/blob/v2.6.0/go.mod",
        evidence:
            "Tempo's S3 client is minio-go; v2.6.0 requires minio-go v7.0.70 (bumped from v7.0.63 in grafana/tempo#3721), past v7.0.69, the first with EKS Pod Identity (minio/minio-go#1944). The maintainers point to 2.6.0 for it in grafana/tempo#3899.",
    },
    bucket: "tempo-traces",
});
