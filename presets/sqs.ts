import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, kmsDecrypt, kmsEncryptDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `sqsConsume` and `sqsSend` presets. */
export interface SqsQueueOptions {
    /** ARNs of the queues. Required. */
    queueArns: pulumi.Input<string>[];
    /** ARNs of customer managed KMS keys the queues encrypt with (SSE-KMS); used only through SQS. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

const options = { queueArns: "required", kmsKeyArns: "optional" } as const;
const example = { queueArns: ["arn:aws:sqs:us-east-1:123456789012:orders"] };

export const sqsConsume = definePreset<SqsQueueOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon SQS (consume)",
    description:
        "Receives and deletes messages and changes their visibility on the given queues; decrypts with the given KMS keys through SQS.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "ConsumeMessages",
            [
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
            ],
            o.queueArns,
        ),
        ...kmsDecrypt("DecryptMessages", o.kmsKeyArns, viaService(context, "sqs")),
    ],
});

export const sqsSend = definePreset<SqsQueueOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon SQS (send)",
    description:
        "Sends messages (single and batch) to the given queues; encrypts with the given KMS keys through SQS.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "SendMessages",
            ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
            o.queueArns,
        ),
        ...kmsEncryptDecrypt("EncryptMessages", o.kmsKeyArns, viaService(context, "sqs")),
    ],
});
