import * as pulumi from "@pulumi/pulumi";
import { definePreset, PresetContext } from "./preset";
import { allow, Conditions } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `kmsDecrypt` and `kmsEncrypt` presets. */
export interface KmsKeyOptions {
    /** ARNs of the KMS keys. Required. */
    keyArns: pulumi.Input<string>[];
    /**
     * Services (e.g. `s3`, `secretsmanager`) through which alone the keys may be used
     * (`kms:ViaService`). Default: none, i.e. the pod may also call KMS directly.
     */
    viaServices?: pulumi.Input<string>[];
}

const options = { keyArns: "required", viaServices: "optional" } as const;
const example = {
    keyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
};

function via(context: PresetContext, services: string[] | undefined): Conditions | undefined {
    return services && services.length > 0
        ? {
              StringLike: {
                  "kms:ViaService": services.map((s) => `${s}.*.${context.dnsSuffix}`),
              },
          }
        : undefined;
}

export const kmsDecrypt = definePreset<KmsKeyOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "AWS KMS (decrypt)",
    description:
        "Decrypts with and describes the given keys, optionally only through the given services.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "DecryptWithKeys",
            ["kms:Decrypt", "kms:DescribeKey"],
            o.keyArns,
            via(context, o.viaServices),
        ),
    ],
});

export const kmsEncrypt = definePreset<KmsKeyOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "AWS KMS (encrypt)",
    description:
        "Encrypts with, generates data keys from and describes the given keys, optionally only through the given services.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "EncryptWithKeys",
            [
                "kms:DescribeKey",
                "kms:Encrypt",
                "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext",
            ],
            o.keyArns,
            via(context, o.viaServices),
        ),
    ],
});
