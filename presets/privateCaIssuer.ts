import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow } from "./statements";

// Facts from cert-manager/aws-privateca-issuer README: describe the CA, issue and fetch certificates.

/** Options of the `privateCaIssuer` preset. */
export interface PrivateCaIssuerOptions {
    /** ARNs of the AWS Private CA certificate authorities the issuer uses. Required. */
    certificateAuthorityArns: pulumi.Input<string>[];
}

export const privateCaIssuer = definePreset<PrivateCaIssuerOptions>({
    title: "AWS Private CA Issuer (cert-manager)",
    description:
        "Describes the given certificate authorities and issues and fetches certificates from them.",
    options: { certificateAuthorityArns: "required" },
    example: {
        certificateAuthorityArns: [
            "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012",
        ],
    },
    upstream: { source: "cert-manager/aws-privateca-issuer:README.md", version: "v1.9.0" },
    statements: (o) => [
        allow(
            "IssueCertificates",
            [
                "acm-pca:DescribeCertificateAuthority",
                "acm-pca:GetCertificate",
                "acm-pca:IssueCertificate",
            ],
            o.certificateAuthorityArns,
        ),
    ],
});
