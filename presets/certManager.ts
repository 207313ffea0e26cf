import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

// Facts from cert-manager docs (configuration/acme/dns01/route53): GetChange to wait for the
// change to propagate, TXT record changes in the zone, ListHostedZonesByName to find the zone.

/** Options of the `certManager` preset. */
export interface CertManagerOptions {
    /** ARNs of the hosted zones that answer DNS-01 challenges. Required. */
    hostedZoneArns: pulumi.Input<string>[];
}

export const certManager = definePreset<CertManagerOptions>({
    title: "cert-manager (Route 53 DNS-01)",
    description:
        "Creates and deletes TXT records only (the ACME challenge) in the given hosted zones, reads their records, follows the change status, and finds zones by name.",
    options: { hostedZoneArns: "required" },
    example: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"] },
    upstream: {
        source: "cert-manager/website:content/docs/configuration/acme/dns01/route53.md",
        version: "776e5dba56510fc9de84206b806b568447077f25",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => [
        allow(
            "GetChangeStatus",
            ["route53:GetChange"],
            [`arn:${context.partition}:route53:::change/*`],
        ),
        allow("ChangeChallengeRecords", ["route53:ChangeResourceRecordSets"], o.hostedZoneArns, {
            "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
        }),
        allow("ReadRecords", ["route53:ListResourceRecordSets"], o.hostedZoneArns),
        allow("FindZones", ["route53:ListHostedZonesByName"], ANY_RESOURCE),
    ],
});
