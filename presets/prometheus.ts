import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow } from "./statements";

// Facts from the Amazon Managed Service for Prometheus user guide (set up IAM roles for
// ingestion and for querying): RemoteWrite to ingest; QueryMetrics, GetSeries, GetLabels,
// GetMetricMetadata to query.

/** Options of the `prometheusRemoteWrite` and `prometheusQuery` presets. */
export interface PrometheusWorkspaceOptions {
    /** ARNs of the Amazon Managed Service for Prometheus workspaces. Required. */
    workspaceArns: pulumi.Input<string>[];
}

const example = {
    workspaceArns: [
        "arn:aws:aps:us-east-1:123456789012:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef",
    ],
};

export const prometheusRemoteWrite = definePreset<PrometheusWorkspaceOptions>({
    title: "Amazon Managed Service for Prometheus (remote write)",
    description:
        "Remote-writes metrics to the given workspaces (Prometheus server, Grafana Agent, ADOT, AMP managed collector).",
    options: { workspaceArns: "required" },
    example,
    upstream: { source: "AWS managed policy AmazonPrometheusRemoteWriteAccess", version: "v1" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Several clients use this preset (Prometheus server, Grafana Agent or Alloy, ADOT), each with its own SDK and release history; none is recorded.",
    },
    statements: (o) => [allow("RemoteWrite", ["aps:RemoteWrite"], o.workspaceArns)],
});

export const prometheusQuery = definePreset<PrometheusWorkspaceOptions>({
    title: "Amazon Managed Service for Prometheus (query)",
    description:
        "Queries metrics, series, labels and metadata of the given workspaces (Grafana, KEDA, Prometheus adapters).",
    options: { workspaceArns: "required" },
    example,
    upstream: { source: "AWS managed policy AmazonPrometheusQueryAccess", version: "v1" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Several clients use this preset (Grafana, KEDA, Prometheus adapters), each with its own SDK and release history; none is recorded.",
    },
    statements: (o) => [
        allow(
            "QueryMetrics",
            ["aps:GetLabels", "aps:GetMetricMetadata", "aps:GetSeries", "aps:QueryMetrics"],
            o.workspaceArns,
        ),
    ],
});
