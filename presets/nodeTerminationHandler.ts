import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from aws/aws-node-termination-handler README (queue processor mode): consume the
// EventBridge queue, describe instances and groups, complete lifecycle hooks.

/** Options of the `nodeTerminationHandler` preset. */
export interface NodeTerminationHandlerOptions {
    /** ARNs of the SQS queues the handler consumes (queue processor mode). Required. */
    queueArns: pulumi.Input<string>[];
    /** ARNs of the Auto Scaling groups whose lifecycle hooks it may complete. Default: every group of the account. */
    autoScalingGroupArns?: pulumi.Input<string>[];
}

export const nodeTerminationHandler = definePreset<NodeTerminationHandlerOptions>({
    title: "AWS Node Termination Handler",
    description:
        "Consumes the given interruption queues, describes instances and Auto Scaling groups, and completes lifecycle actions in the given groups.",
    options: { queueArns: "required", autoScalingGroupArns: "optional" },
    example: { queueArns: ["arn:aws:sqs:us-east-1:123456789012:nth-events"] },
    upstream: { source: "aws/aws-node-termination-handler:README.md", version: "v1.25.6" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => [
        allow("ConsumeEvents", ["sqs:DeleteMessage", "sqs:ReceiveMessage"], o.queueArns),
        allow(
            "Describe",
            [
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeTags",
                "ec2:DescribeInstances",
            ],
            ANY_RESOURCE,
        ),
        allow(
            "CompleteLifecycleActions",
            ["autoscaling:CompleteLifecycleAction"],
            o.autoScalingGroupArns && o.autoScalingGroupArns.length > 0
                ? o.autoScalingGroupArns
                : [arn(context, "autoscaling", "autoScalingGroup:*:autoScalingGroupName/*")],
        ),
    ],
});
