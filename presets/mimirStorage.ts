import { objectStoragePreset } from "./objectStorage";

// Mimir publishes no IAM policy; it reads and writes blocks, ruler and Alertmanager state through
// the same objstore S3 client as Thanos, so this grants what Thanos's documented policy does.

export const mimirStorage = objectStoragePreset({
    title: "Grafana Mimir (S3 storage)",
    description:
        "Lists the given buckets (blocks, ruler, Alertmanager) and reads, writes and deletes objects in them (under the prefixes, if given), as Thanos's documented policy for the same storage client; SSE-KMS through S3 with the given keys.",
    objectActions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    noUpstreamPolicy:
        "Mimir documents no IAM policy (grafana.com/docs/mimir, \"Configure Grafana Mimir object storage backend\"); it stores through thanos-io/objstore's S3 client, so the preset grants what Thanos's documented policy does.",
    startupListing: {
        prefixAsWritten: false,
        source: "grafana/mimir pkg/mimir/sanity_check.go checkObjectStoreConfig: at start-up each store GETs `sanity-check-at-startup` through its bucket client; blocks, ruler and Alertmanager stores read through thanos-io/objstore, whose PrefixedBucket lists `<storage_prefix>/`.",
    },
    minimumVersion: {
        status: "none-yet",
        source: "https://github.com/grafana/mimir/issues/9075",
        evidence:
            'The feature request "Add support for EKS Pod Identity" is open and no Mimir release note claims it. Mimir\'s main branch now requires minio-go v7.2.1, whose IAM provider reads Pod Identity credentials, and a comment on grafana/tempo#3899 reports Mimir working; not verified here, so no version is recorded.',
    },
    bucket: "mimir-blocks",
});
