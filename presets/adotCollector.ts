import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../iam/policyDocument";
import { definePreset } from "./preset";
import { allow, arn } from "./statements";
import { xrayStatements } from "./xray";

// Facts from the ADOT EKS add-on docs (aws-otel.github.io docs/getting-started/adot-eks-add-on):
// each preconfigured collector has its own service account in opentelemetry-operator-system and
// managed policy: adot-col-prom-metrics AmazonPrometheusRemoteWriteAccess (prometheusremotewrite),
// adot-col-otlp-ingest AWSXrayWriteOnlyAccess (awsxray), adot-col-container-logs
// CloudWatchAgentServerPolicy (config-container-logs: filelog receiver to CloudWatch Logs). One
// role with this preset serves all three; its CloudWatch Logs grants (emfLogGroupNamePrefixes)
// serve the awsemf and awscloudwatchlogs exporters.

/** Options of the `adotCollector` preset. */
export interface AdotCollectorOptions {
    /** ARNs of the Amazon Managed Service for Prometheus workspaces to remote-write to. Default: none. */
    prometheusWorkspaceArns?: pulumi.Input<string>[];
    /** Export traces to X-Ray (`awsxray` exporter). Default: true. */
    traces?: pulumi.Input<boolean>;
    /**
     * Log group name prefixes for the `awsemf` exporter (its default group is
     * `/metrics/<namespace>`), e.g. `/metrics/`. Default: none (no CloudWatch metrics).
     */
    emfLogGroupNamePrefixes?: pulumi.Input<string>[];
}

export const adotCollector = definePreset<AdotCollectorOptions>({
    title: "AWS Distro for OpenTelemetry (ADOT) collector",
    description:
        "Remote-writes to the given Prometheus workspaces, sends traces to X-Ray unless `traces` is false, and writes EMF metrics to log groups under the given prefixes.",
    options: {
        prometheusWorkspaceArns: "optional",
        traces: "optional",
        emfLogGroupNamePrefixes: "optional",
    },
    example: {
        prometheusWorkspaceArns: [
            "arn:aws:aps:us-east-1:123456789012:workspace/ws-0123abcd-4567-89ef-0123-456789abcdef",
        ],
        emfLogGroupNamePrefixes: ["/metrics/"],
    },
    upstreamParts: [
        {
            part: "adot-col-prom-metrics",
            covers: "The Prometheus metrics collector's remote write to Amazon Managed Service for Prometheus (prometheusWorkspaceArns).",
            source: "AWS managed policy AmazonPrometheusRemoteWriteAccess",
            version: "v1",
        },
        {
            part: "adot-col-otlp-ingest",
            covers: "The OTLP ingest collector's traces to X-Ray (traces).",
            source: "AWS managed policy AWSXrayWriteOnlyAccess",
            version: "v2",
        },
        {
            part: "adot-col-container-logs",
            covers: "The container logs collector's CloudWatch Logs writes (emfLogGroupNamePrefixes: the log group prefixes its exporter writes under).",
            source: "AWS managed policy CloudWatchAgentServerPolicy",
            version: "v3",
            omittedActions: [
                {
                    action: "cloudwatch:PutMetricData",
                    reason: "The container logs collector exports logs only (filelog receiver, CloudWatch Logs exporter); ADOT's metrics go to Prometheus or as EMF logs.",
                },
                {
                    action: "ec2:DescribeTags",
                    reason: "The CloudWatch agent's EC2 metadata lookup; the collectors' pipelines configured by the add-on do not read EC2 tags.",
                },
                {
                    action: "ec2:DescribeVolumes",
                    reason: "The CloudWatch agent's disk metrics; the collectors' pipelines configured by the add-on collect no EBS volume metrics.",
                },
                {
                    action: "logs:DescribeLogGroups",
                    reason: "Account-wide log group listing; the exporters create or write named groups and need only the stream calls on them.",
                },
                {
                    action: "ssm:GetParameter",
                    reason: "The CloudWatch agent reads its configuration from SSM `AmazonCloudWatch-*`; ADOT collectors take theirs from the add-on configuration.",
                },
            ],
        },
    ],
    minimumVersion: {
        status: "known",
        version: "v0.94.1-eksbuild.1",
        of: "eks-addon",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html",
        evidence:
            "The EKS User Guide's Pod Identity support reference lists the adot add-on from v0.94.1-eksbuild.1 (the add-on's Pod Identity associations; eks/knownAddons.ts keeps the same minimum).",
    },
    statements: (o, context) => {
        const statements: ResolvedStatement[] = [];
        if (o.prometheusWorkspaceArns && o.prometheusWorkspaceArns.length > 0) {
            statements.push(allow("RemoteWrite", ["aps:RemoteWrite"], o.prometheusWorkspaceArns));
        }
        if (o.traces !== false) {
            statements.push(...xrayStatements(true));
        }
        const emf = o.emfLogGroupNamePrefixes ?? [];
        if (emf.length > 0) {
            statements.push(
                allow(
                    "WriteEmfLogs",
                    [
                        "logs:CreateLogGroup",
                        "logs:CreateLogStream",
                        "logs:DescribeLogStreams",
                        "logs:PutLogEvents",
                        "logs:PutRetentionPolicy",
                    ],
                    emf.map((prefix) => arn(context, "logs", `log-group:${prefix}*`)),
                ),
            );
        }
        return statements;
    },
});
