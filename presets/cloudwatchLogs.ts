import * as pulumi from "@pulumi/pulumi";
import { definePreset, PresetContext } from "./preset";
import { allow, arn } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `cloudwatchLogsWrite` preset. */
export interface CloudWatchLogsWriteOptions {
    /**
     * The log groups, as ARNs (with or without the trailing `:*`) or names (in the role's
     * account, any region). Required.
     */
    logGroups: pulumi.Input<string>[];
    /** Let the pod create the log groups itself (`logs:CreateLogGroup`). Default: false. */
    createLogGroups?: pulumi.Input<boolean>;
}

/** A log group's ARN without the `:*` suffix that some APIs and consoles append. */
export function logGroupArn(context: PresetContext, group: string): string {
    return group.startsWith("arn:")
        ? group.replace(/:\*$/, "")
        : arn(context, "logs", `log-group:${group}`);
}

export const cloudwatchLogsWrite = definePreset<CloudWatchLogsWriteOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon CloudWatch Logs (write)",
    description:
        "Creates log streams in and puts log events to the given log groups; creates the groups only with `createLogGroups`.",
    options: { logGroups: "required", createLogGroups: "optional" },
    example: { logGroups: ["/app/orders"], createLogGroups: true },
    statements: (o, context) => {
        const groups = o.logGroups.map((group) => logGroupArn(context, group));
        return [
            allow(
                "WriteLogEvents",
                ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                groups.map((group) => `${group}:*`),
            ),
            ...(o.createLogGroups
                ? [allow("CreateLogGroups", ["logs:CreateLogGroup"], groups)]
                : []),
        ];
    },
});
