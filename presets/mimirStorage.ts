import { objectStoragePreset } from "./objectStorage";

// Mimir publishes no IAM policy (grafana.com/docs/mimir "Configure Grafana Mimir object storage
// backend"); it reads and writes blocks, ruler and Alertmanager state through the same objstore
// S3 client as Thanos, so this grants what Thanos's documented policy does.

export const mimirStorage = objectStoragePreset({
    title: "Grafana Mimir (S3 storage)",
    description:
        "Lists the given buckets (blocks, ruler, Alertmanager) and reads, writes and deletes objects in them (under the prefixes, if given), as Thanos's documented policy for the same storage client; SSE-KMS through S3 with the given keys.",
    objectActions: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
    bucket: "mimir-blocks",
});
