import { objectStoragePreset } from "./objectStorage";

// Facts from grafana/tempo docs/sources/tempo/configuration/hosted-storage/s3.md (v3.0.3): the
// minimal policy for an existing bucket, with object tagging.

export const tempoStorage = objectStoragePreset({
    title: "Grafana Tempo (S3 storage)",
    description:
        "Upstream's minimal policy: lists the given buckets and reads, writes, deletes and tags trace blocks in them (under the prefixes, if given); SSE-KMS through S3 with the given keys.",
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
    bucket: "tempo-traces",
});
