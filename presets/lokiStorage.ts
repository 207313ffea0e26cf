import { objectStoragePreset } from "./objectStorage";

// Facts from grafana/loki docs/sources/configure/storage.md (AWS deployment, EC2 instance role,
// v3.7.6): ListBucket on the buckets; PutObject, GetObject, DeleteObject on their objects.

export const lokiStorage = objectStoragePreset({
    title: "Grafana Loki (S3 storage)",
    description:
        "Upstream's storage policy: lists the given buckets and reads, writes and deletes chunks and index objects in them (under the prefixes, if given); SSE-KMS through S3 with the given keys.",
    objectActions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    upstream: { source: "grafana/loki:docs/sources/configure/storage.md", version: "v3.7.6" },
    startupListing: {
        prefixAsWritten: false,
        source: "grafana/loki v3.7.6 pkg/storage/factory.go NewObjectClient: `object_prefix` is trimmed and given one trailing slash (`loki/`) before every list (prefixed_object_client.go); with `use_thanos_objstore`, objstore's PrefixedBucket lists `<storage_prefix>/`. Loki before v3.0 has no object prefix.",
    },
    minimumVersion: {
        status: "known",
        version: "v3.0.0",
        of: "controller",
        source: "https://github.com/grafana/loki/blob/v3.0.0/go.mod",
        evidence:
            "Loki's S3 client is aws-sdk-go v1; v3.0.0 requires v1.50.32 (bumped from v1.44.321 in grafana/loki#12245), past v1.47.11, the first Go v1 SDK that reads Pod Identity credentials. Every v2.9.x release, up to v2.9.17, stays on v1.44.x.",
    },
    bucket: "loki-chunks",
});
