import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `bedrockInvoke` preset. */
export interface BedrockInvokeOptions {
    /**
     * ARNs of the foundation models and inference profiles the pod may invoke, e.g.
     * `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`. A
     * cross-region inference profile needs its ARN and those of the models it routes to.
     * Required.
     */
    modelArns: pulumi.Input<string>[];
    /** ARNs of guardrails the pod may apply (`bedrock:ApplyGuardrail`). Default: none. */
    guardrailArns?: pulumi.Input<string>[];
}

export const bedrockInvoke = definePreset<BedrockInvokeOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon Bedrock (invoke models)",
    description:
        "Invokes the given models and inference profiles (`InvokeModel`, with response streams; also what `Converse` needs) and applies the given guardrails.",
    options: { modelArns: "required", guardrailArns: "optional" },
    example: {
        modelArns: [
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
        ],
        guardrailArns: ["arn:aws:bedrock:us-east-1:123456789012:guardrail/abcd1234efgh"],
    },
    statements: (o) => [
        allow(
            "InvokeModels",
            ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            o.modelArns,
        ),
        ...(o.guardrailArns && o.guardrailArns.length > 0
            ? [allow("ApplyGuardrails", ["bedrock:ApplyGuardrail"], o.guardrailArns)]
            : []),
    ],
});
