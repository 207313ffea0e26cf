import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";
import { xrayStatements } from "./xray";

// Facts from the EKS add-on `amazon-cloudwatch-observability` docs: the CloudWatch agent and
// Fluent Bit need CloudWatchAgentServerPolicy (metrics, logs, agent configuration in SSM) and,
// for Application Signals, AWSXrayWriteOnlyAccess. Container Insights logs go to
// `/aws/containerinsights/<cluster>/...`, Application Signals to `/aws/application-signals/...`.

/** Options of the `cloudwatchObservability` preset. */
export interface CloudWatchObservabilityOptions {
    /**
     * Clusters whose Container Insights log groups (`/aws/containerinsights/<cluster>/*`) the
     * agents may write. Default: every cluster's.
     */
    clusterNames?: pulumi.Input<string>[];
    /** Further log group name prefixes the agents may write, e.g. `/app/` for EMF. Default: none. */
    logGroupNamePrefixes?: pulumi.Input<string>[];
    /** Application Signals and X-Ray traces. Default: true. */
    traces?: pulumi.Input<boolean>;
}

export const cloudwatchObservability = definePreset<CloudWatchObservabilityOptions>({
    title: "Amazon CloudWatch Observability (Container Insights, Application Signals)",
    description:
        "CloudWatchAgentServerPolicy scoped down: puts metrics, writes logs only to Container Insights (of the given clusters), Application Signals and the given log groups, reads the agent's `AmazonCloudWatch-*` SSM configuration; X-Ray traces unless `traces` is false.",
    options: { clusterNames: "optional", logGroupNamePrefixes: "optional", traces: "optional" },
    example: { clusterNames: ["prod"], logGroupNamePrefixes: ["/app/"] },
    upstream: { source: "AWS managed policy CloudWatchAgentServerPolicy", version: "v3" },
    minimumVersion: {
        status: "known",
        version: "v3.1.0-eksbuild.1",
        of: "eks-addon",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html",
        evidence:
            "The EKS User Guide's Pod Identity support reference lists the amazon-cloudwatch-observability add-on from v3.1.0-eksbuild.1 (eks/knownAddons.ts keeps the same minimum); a self-managed install needs the matching driver release.",
    },
    statements: (o, context) => {
        const insights =
            o.clusterNames && o.clusterNames.length > 0
                ? o.clusterNames.map((cluster) => `/aws/containerinsights/${cluster}/`)
                : ["/aws/containerinsights/"];
        const prefixes = [
            ...insights,
            "/aws/application-signals/",
            ...(o.logGroupNamePrefixes ?? []),
        ];
        return [
            allow(
                "PutMetricsAndDescribe",
                [
                    "cloudwatch:PutMetricData",
                    "ec2:DescribeTags",
                    "ec2:DescribeVolumes",
                    "logs:DescribeLogGroups",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "WriteLogs",
                [
                    "logs:CreateLogGroup",
                    "logs:CreateLogStream",
                    "logs:DescribeLogStreams",
                    "logs:PutLogEvents",
                    "logs:PutRetentionPolicy",
                ],
                prefixes.map((prefix) => arn(context, "logs", `log-group:${prefix}*`)),
            ),
            allow(
                "ReadAgentConfiguration",
                ["ssm:GetParameter"],
                [arn(context, "ssm", "parameter/AmazonCloudWatch-*")],
            ),
            ...(o.traces === false ? [] : xrayStatements(true)),
        ];
    },
});
