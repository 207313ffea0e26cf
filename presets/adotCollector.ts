import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../iam/policyDocument";
import { definePreset } from "./preset";
import { allow, arn } from "./statements";
import { xrayStatements } from "./xray";

// Facts from the ADOT EKS add-on docs: the collector's exporters need
// AmazonPrometheusRemoteWriteAccess (prometheusremotewrite), AWSXrayWriteOnlyAccess (awsxray)
// and CloudWatch Logs for embedded metric format (awsemf).

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
