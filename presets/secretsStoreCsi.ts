import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, kmsDecrypt, list } from "./statements";

// Facts from aws/secrets-store-csi-driver-provider-aws README.md (secrets-store-csi-driver-provider-aws-2.1.1):
// the pod's own role needs GetSecretValue and DescribeSecret on the secrets it mounts, and
// ssm:GetParameters for SSM parameters. With Pod Identity the SecretProviderClass sets
// `usePodIdentity: "true"`.

/** Options of the `secretsStoreCsi` preset. At least one of `secretArns` and `parameterArns` is required. */
export interface SecretsStoreCsiOptions {
    /**
     * ARNs of the Secrets Manager secrets the pod mounts (a trailing `-??????` or `-*` matches the
     * random suffix AWS appends). Default: none.
     */
    secretArns?: pulumi.Input<string>[];
    /** ARNs of the SSM parameters the pod mounts (`arn:aws:ssm:<region>:<account>:parameter/app/*`). Default: none. */
    parameterArns?: pulumi.Input<string>[];
    /** ARNs of customer managed KMS keys the secrets or SecureString parameters encrypt with. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const secretsStoreCsi = definePreset<SecretsStoreCsiOptions>({
    title: "Secrets Store CSI driver (AWS provider)",
    description:
        "For the pods that mount secrets through the AWS provider: reads the given Secrets Manager secrets (value, metadata) and SSM parameters, and decrypts with the given KMS keys.",
    options: { secretArns: "optional", parameterArns: "optional", kmsKeyArns: "optional" },
    oneOf: ["secretArns", "parameterArns"],
    example: {
        secretArns: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????"],
        parameterArns: ["arn:aws:ssm:us-east-1:123456789012:parameter/prod/*"],
        kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    },
    upstream: {
        source: "aws/secrets-store-csi-driver-provider-aws:README.md",
        version: "secrets-store-csi-driver-provider-aws-2.1.1",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes. (secrets-store-csi-driver-provider-aws)",
    },
    statements: (o) => [
        ...(list(o.secretArns).length > 0
            ? [
                  allow(
                      "ReadMountedSecrets",
                      ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
                      list(o.secretArns),
                  ),
              ]
            : []),
        ...(list(o.parameterArns).length > 0
            ? [allow("ReadMountedParameters", ["ssm:GetParameters"], list(o.parameterArns))]
            : []),
        ...kmsDecrypt("DecryptMountedSecrets", o.kmsKeyArns),
    ],
});
