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
    bucket: "thanos-blocks",
});
