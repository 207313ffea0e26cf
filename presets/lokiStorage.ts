import { objectStoragePreset } from "./objectStorage";

// Facts from grafana/loki docs/sources/configure/storage.md (AWS deployment, EC2 instance role,
// v3.7.6): ListBucket on the buckets; PutObject, GetObject, DeleteObject on their objects.

export const lokiStorage = objectStoragePreset({
    title: "Grafana Loki (S3 storage)",
    description:
        "Upstream's storage policy: lists the given buckets and reads, writes and deletes chunks and index objects in them (under the prefixes, if given); SSE-KMS through S3 with the given keys.",
    objectActions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    upstream: { source: "grafana/loki:docs/sources/configure/storage.md", version: "v3.7.6" },
    bucket: "loki-chunks",
});
