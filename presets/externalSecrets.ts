import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, kmsDecrypt } from "./statements";

// Facts from external-secrets docs/provider/aws-secrets-manager.md and aws-parameter-store.md
// (v2.9.0): reads secret values, metadata and versions, parameters one by one or by path;
// ListSecrets and BatchGetSecretValue (account-wide only) serve `dataFrom.find`, which fails with
// AccessDenied without BatchGetSecretValue; BatchGetSecretValue still needs GetSecretValue on each
// secret it returns. DescribeParameters is the parameter store's `find` fallback
// (providers/v1/aws/parameterstore/parameterstore.go).

/** Options of the `externalSecrets` preset. At least one of `secretArns` and `parameterArns` is required. */
export interface ExternalSecretsOptions {
    /**
     * ARNs of the Secrets Manager secrets to sync (patterns allowed, e.g.
     * `arn:aws:secretsmanager:*:123456789012:secret:prod/*`). Default: none.
     */
    secretArns?: pulumi.Input<string>[];
    /**
     * ARNs of the SSM parameters to sync (patterns allowed, e.g.
     * `arn:aws:ssm:*:123456789012:parameter/prod/*`). Default: none.
     */
    parameterArns?: pulumi.Input<string>[];
    /** ARNs of customer managed KMS keys the secrets or SecureStrings encrypt with. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

export const externalSecrets = definePreset<ExternalSecretsOptions>({
    title: "External Secrets Operator",
    description:
        "Reads the given Secrets Manager secrets (value, metadata, versions, resource policy) and SSM parameters (also by path), lists secrets (and batch-reads the given ones) and parameters for `find`, and decrypts with the given KMS keys. Read-only: no PushSecret.",
    options: { secretArns: "optional", parameterArns: "optional", kmsKeyArns: "optional" },
    oneOf: ["secretArns", "parameterArns"],
    example: {
        secretArns: ["arn:aws:secretsmanager:*:123456789012:secret:prod/*"],
        parameterArns: ["arn:aws:ssm:*:123456789012:parameter/prod/*"],
        kmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    },
    upstream: {
        source: "external-secrets/external-secrets:docs/provider/aws-secrets-manager.md",
        version: "v2.9.0",
        omittedActions: [
            {
                action: "ssm:GetParameterHistory",
                reason: "upstream's `ssm:GetParameter*` also matches it; the provider never reads parameter history",
            },
        ],
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o) => [
        ...(o.secretArns && o.secretArns.length > 0
            ? [
                  allow(
                      "ReadSecrets",
                      [
                          "secretsmanager:DescribeSecret",
                          "secretsmanager:GetResourcePolicy",
                          "secretsmanager:GetSecretValue",
                          "secretsmanager:ListSecretVersionIds",
                      ],
                      o.secretArns,
                  ),
                  allow(
                      "ListSecrets",
                      ["secretsmanager:BatchGetSecretValue", "secretsmanager:ListSecrets"],
                      ANY_RESOURCE,
                  ),
              ]
            : []),
        ...(o.parameterArns && o.parameterArns.length > 0
            ? [
                  allow(
                      "ReadParameters",
                      ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                      o.parameterArns,
                  ),
                  allow("ListParameters", ["ssm:DescribeParameters"], ANY_RESOURCE),
              ]
            : []),
        ...kmsDecrypt("DecryptSecrets", o.kmsKeyArns),
    ],
});
