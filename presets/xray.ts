import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../iam/policyDocument";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

// Facts from the AWSXrayWriteOnlyAccess managed policy. X-Ray supports no resource-level
// permissions for these actions, hence `*`.

/** Options of the `xray` preset. */
export interface XrayOptions {
    /**
     * Let the SDK, daemon or collector fetch centralised sampling rules and targets
     * (`GetSamplingRules`, `GetSamplingTargets`, `GetSamplingStatisticSummaries`). Default: true.
     */
    samplingRules?: pulumi.Input<boolean>;
}

/** The trace-writing statements, shared with the collectors that export traces. */
export function xrayStatements(samplingRules: boolean | undefined): ResolvedStatement[] {
    return [
        allow("WriteTraces", ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], ANY_RESOURCE),
        ...(samplingRules === false
            ? []
            : [
                  allow(
                      "ReadSamplingRules",
                      [
                          "xray:GetSamplingRules",
                          "xray:GetSamplingStatisticSummaries",
                          "xray:GetSamplingTargets",
                      ],
                      ANY_RESOURCE,
                  ),
              ]),
    ];
}

export const xray = definePreset<XrayOptions>({
    title: "AWS X-Ray (daemon, SDKs)",
    description:
        "Sends trace segments and telemetry and, unless `samplingRules` is false, reads sampling rules: AWSXrayWriteOnlyAccess.",
    options: { samplingRules: "optional" },
    example: { samplingRules: true },
    upstream: { source: "AWS managed policy AWSXrayWriteOnlyAccess", version: "v2" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "The X-Ray daemon and the X-Ray SDKs both use this preset; their first releases with Pod Identity credentials were not checked here.",
    },
    statements: (o) => xrayStatements(o.samplingRules),
});
