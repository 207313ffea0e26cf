import * as pulumi from "@pulumi/pulumi";
import { logGroupArn } from "./cloudwatchLogs";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, list } from "./statements";

// Facts from grafana/grafana docs/sources/datasources/aws-cloudwatch/configure/index.md ("IAM
// policy examples": metrics and logs, cross-account observability): metrics, alarms, insight
// rules, Performance Insights and EC2/tag lookups for template variables, Logs Insights queries,
// and for cross-account observability the OAM sinks and links. Upstream grants all on `*`; the
// Logs Insights actions that take a log group are limited here to the given groups.

/** Options of the `grafanaCloudWatch` preset. */
export interface GrafanaCloudWatchOptions {
    /** Let the data source run CloudWatch Logs Insights queries. Default: true. */
    logs?: pulumi.Input<boolean>;
    /**
     * Log groups it may query, as names (patterns allowed, in the role's account, any region) or
     * ARNs. Default: every log group of the account.
     */
    logGroups?: pulumi.Input<string>[];
    /**
     * Let it list the CloudWatch cross-account observability sinks and links of a monitoring
     * account (`oam:ListSinks`, `oam:ListAttachedLinks`). Default: false.
     */
    crossAccountObservability?: pulumi.Input<boolean>;
}

export const grafanaCloudWatch = definePreset<GrafanaCloudWatchOptions>({
    title: "Grafana CloudWatch data source",
    description:
        "Upstream's metrics and logs policy: reads CloudWatch metrics, alarms, insight rules and Performance Insights metrics, EC2 instances, regions and tags, finds resources by tag, runs Logs Insights queries (only on the given log groups, if any, unless `logs` is false), and with `crossAccountObservability` lists OAM sinks and links. Read-only.",
    options: { logs: "optional", logGroups: "optional", crossAccountObservability: "optional" },
    example: { logGroups: ["/eks/prod/*"], crossAccountObservability: true },
    upstream: {
        source: "grafana/grafana:docs/sources/datasources/aws-cloudwatch/configure/index.md",
        version: "0a9de1900b26d4441e7f9246b6481d2b14f04db5",
    },
    statements: (o, context) => {
        const groups =
            list(o.logGroups).length > 0
                ? list(o.logGroups).map((group) => logGroupArn(context, group))
                : [logGroupArn(context, "*")];
        return [
            allow(
                "ReadMetrics",
                [
                    "cloudwatch:DescribeAlarmHistory",
                    "cloudwatch:DescribeAlarms",
                    "cloudwatch:DescribeAlarmsForMetric",
                    "cloudwatch:GetInsightRuleReport",
                    "cloudwatch:GetMetricData",
                    "cloudwatch:ListMetrics",
                    "pi:GetResourceMetrics",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "ReadTagsInstancesRegions",
                [
                    "ec2:DescribeInstances",
                    "ec2:DescribeRegions",
                    "ec2:DescribeTags",
                    "tag:GetResources",
                ],
                ANY_RESOURCE,
            ),
            ...(o.logs === false
                ? []
                : [
                      allow(
                          "QueryLogGroups",
                          ["logs:GetLogEvents", "logs:GetLogGroupFields", "logs:StartQuery"],
                          groups.flatMap((group) => [group, `${group}:*`]),
                      ),
                      allow(
                          "ManageLogQueries",
                          ["logs:DescribeLogGroups", "logs:GetQueryResults", "logs:StopQuery"],
                          ANY_RESOURCE,
                      ),
                  ]),
            ...(o.crossAccountObservability === true
                ? [
                      allow(
                          "ListObservabilityLinks",
                          ["oam:ListAttachedLinks", "oam:ListSinks"],
                          ANY_RESOURCE,
                      ),
                  ]
                : []),
        ];
    },
});
