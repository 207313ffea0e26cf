import * as pulumi from "@pulumi/pulumi";
import { logGroupArn } from "./cloudwatchLogs";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn, list } from "./statements";

// Facts from grafana/grafana docs/sources/datasources/aws-cloudwatch/configure/index.md ("IAM
// policy examples": metrics and logs, cross-account observability): metrics, alarms, insight
// rules, Performance Insights and EC2/tag lookups for template variables, Logs Insights queries,
// and for cross-account observability the OAM sinks and links. Upstream grants all on `*`; the
// Logs Insights actions that take a log group are limited here to the given groups. With
// cross-account observability a monitoring account's StartQuery runs on linked source accounts'
// log groups (CloudWatch Logs API reference, StartQuery: "you can use this operation in a
// monitoring account to start a query in a linked source account"; logGroupIdentifiers are
// their ARNs), so those log groups are named in the source accounts, not the role's own.

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
    /**
     * With `crossAccountObservability`: the linked source accounts whose log groups (the
     * `logGroups` names, or all) Logs Insights may query, besides the role's own account.
     * Default: any account (the monitoring account's OAM links decide which accounts' logs it
     * can see at all).
     */
    sourceAccountIds?: pulumi.Input<string>[];
}

export const grafanaCloudWatch = definePreset<GrafanaCloudWatchOptions>({
    title: "Grafana CloudWatch data source",
    description:
        "Upstream's metrics and logs policy: reads CloudWatch metrics, alarms, insight rules and Performance Insights metrics, EC2 instances, regions and tags, finds resources by tag, runs Logs Insights queries (only on the given log groups, if any, unless `logs` is false), and with `crossAccountObservability` lists OAM sinks and links and queries the same log groups in linked source accounts (`sourceAccountIds`, default any). Read-only.",
    options: {
        logs: "optional",
        logGroups: "optional",
        crossAccountObservability: "optional",
        sourceAccountIds: "optional",
    },
    example: { logGroups: ["/eks/prod/*"], crossAccountObservability: true },
    upstream: {
        source: "grafana/grafana:docs/sources/datasources/aws-cloudwatch/configure/index.md",
        version: "0a9de1900b26d4441e7f9246b6481d2b14f04db5",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            'grafana/grafana#100801 (2025-02, closed) reports the CloudWatch data source refusing the agent\'s address ("invalid endpoint host 169.254.170.23, only loopback hosts are allowed", an aws-sdk-go older than v1.47.11); the Grafana release that fixed it was not identified here.',
    },
    statements: (o, context) => {
        // Names are log groups of the role's account, and with cross-account observability also
        // of the source accounts; ARNs name their account themselves.
        const accounts =
            o.crossAccountObservability !== true
                ? [context.accountId]
                : list(o.sourceAccountIds).length > 0
                  ? [context.accountId, ...list(o.sourceAccountIds)]
                  : ["*"];
        const names = list(o.logGroups).length > 0 ? list(o.logGroups) : ["*"];
        const groups = names.flatMap((group) =>
            group.startsWith("arn:")
                ? [logGroupArn(context, group)]
                : accounts.map((account) =>
                      arn(context, "logs", `log-group:${group}`, { account }),
                  ),
        );
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
