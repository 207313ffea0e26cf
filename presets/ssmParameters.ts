import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { SessionTag, sessionTagPath } from "./sessionTags";
import { allow, arn, kmsDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `ssmParameterRead` preset. At least one of the first two is required. */
export interface SsmParameterReadOptions {
    /**
     * Parameter paths, e.g. `/app/prod`: the parameter of that name and every parameter
     * under it. Default: none (then `scopeBySessionTags` alone, from the root).
     */
    paths?: pulumi.Input<string>[];
    /**
     * Session tags (ABAC) whose values extend every path, in order: `["kubernetes-namespace"]`
     * lets a pod in `shop` read `/app/prod/shop/...` only. Default: none.
     */
    scopeBySessionTags?: SessionTag[];
    /** ARNs of customer managed KMS keys of SecureString parameters; used only through SSM. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

/** `/app/prod/` -> `app/prod`, the form parameter ARNs use. */
function parameterPath(path: string): string {
    return path.replace(/^\/+/, "").replace(/\/+$/, "");
}

export const ssmParameterRead = definePreset<SsmParameterReadOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "AWS Systems Manager Parameter Store (read)",
    description:
        "Reads the parameters at and under the given paths (`GetParameter`, `GetParameters`, `GetParametersByPath`), optionally under a path of the pod's session tags; decrypts SecureStrings with the given KMS keys through SSM.",
    options: { paths: "optional", scopeBySessionTags: "optional", kmsKeyArns: "optional" },
    oneOf: ["paths", "scopeBySessionTags"],
    example: { paths: ["/app/prod"], scopeBySessionTags: [SessionTag.Namespace] },
    statements: (o, context) => {
        const tagPath = parameterPath(sessionTagPath(o.scopeBySessionTags));
        const bases = o.paths && o.paths.length > 0 ? o.paths.map(parameterPath) : [""];
        const paths = bases.map((base) => [base, tagPath].filter((p) => p !== "").join("/"));
        return [
            allow(
                "ReadParameters",
                ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                paths.flatMap((path) => [
                    arn(context, "ssm", `parameter/${path}`),
                    arn(context, "ssm", `parameter/${path}/*`),
                ]),
            ),
            ...kmsDecrypt("DecryptParameters", o.kmsKeyArns, viaService(context, "ssm")),
        ];
    },
});
