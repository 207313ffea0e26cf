import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, kmsEncryptDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `snsPublish` preset. */
export interface SnsPublishOptions {
    /** ARNs of the topics. Required. */
    topicArns: pulumi.Input<string>[];
    /** ARNs of customer managed KMS keys the topics encrypt with; used only through SNS. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const snsPublish = definePreset<SnsPublishOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon SNS (publish)",
    description:
        "Publishes (single and batch) to the given topics; encrypts with the given KMS keys through SNS.",
    options: { topicArns: "required", kmsKeyArns: "optional" },
    example: { topicArns: ["arn:aws:sns:us-east-1:123456789012:order-events"] },
    statements: (o, context) => [
        allow("PublishMessages", ["sns:Publish"], o.topicArns),
        ...kmsEncryptDecrypt("EncryptMessages", o.kmsKeyArns, viaService(context, "sns")),
    ],
});
