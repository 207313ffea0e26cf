import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { principalTag, SessionTag, sessionTagPath } from "./sessionTags";
import { allow, arn, Conditions, kmsDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `secretsManagerRead` preset. At least one of the first three is required. */
export interface SecretsManagerReadOptions {
    /** ARNs of the secrets (a trailing `-*` matches the random suffix AWS appends). Default: none. */
    secretArns?: pulumi.Input<string>[];
    /**
     * Session tags (ABAC) that prefix the secret names the pod may read, in order:
     * `["kubernetes-namespace"]` lets a pod in `shop` read `shop/...` secrets only, with one
     * shared role. Default: none.
     */
    scopeBySessionTags?: SessionTag[];
    /**
     * Session tags (ABAC) that the secret's own tags of the same key must equal:
     * `["kubernetes-namespace"]` lets a pod in `shop` read the secrets tagged
     * `kubernetes-namespace=shop`. Combined with `scopeBySessionTags`, both must hold. Default: none.
     */
    matchSessionTags?: SessionTag[];
    /** ARNs of customer managed KMS keys the secrets encrypt with; used only through Secrets Manager. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

const READ = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"];

export const secretsManagerRead = definePreset<SecretsManagerReadOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "AWS Secrets Manager (read)",
    description:
        "Reads the value and metadata of the given secrets, and/or of the secrets whose name starts with (`scopeBySessionTags`) or whose tags match (`matchSessionTags`) the pod's session tags; decrypts with the given KMS keys through Secrets Manager.",
    options: {
        secretArns: "optional",
        scopeBySessionTags: "optional",
        matchSessionTags: "optional",
        kmsKeyArns: "optional",
    },
    oneOf: ["secretArns", "scopeBySessionTags", "matchSessionTags"],
    example: {
        secretArns: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/db-AbCdEf"],
        scopeBySessionTags: [SessionTag.Namespace],
        matchSessionTags: [SessionTag.ClusterName],
    },
    statements: (o, context) => {
        const statements = [];
        if (o.secretArns && o.secretArns.length > 0) {
            statements.push(allow("ReadSecrets", READ, o.secretArns));
        }
        const prefix = sessionTagPath(o.scopeBySessionTags);
        const matches = o.matchSessionTags ?? [];
        if (prefix !== "" || matches.length > 0) {
            const condition: Conditions = {};
            if (matches.length > 0) {
                condition.StringEquals = Object.fromEntries(
                    matches.map((tag) => [`aws:ResourceTag/${tag}`, [principalTag(tag)]]),
                );
            }
            statements.push(
                allow(
                    "ReadSecretsOfSession",
                    READ,
                    [arn(context, "secretsmanager", `secret:${prefix}*`)],
                    condition,
                ),
            );
        }
        return [
            ...statements,
            ...kmsDecrypt("DecryptSecrets", o.kmsKeyArns, viaService(context, "secretsmanager")),
        ];
    },
});
