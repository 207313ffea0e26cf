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
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
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
