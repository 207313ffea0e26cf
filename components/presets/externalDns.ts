import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

// Facts from kubernetes-sigs/external-dns docs/tutorials/aws.md (IAM policy): record changes
// on the managed zones, listing zones (account-wide only) and their records and tags.

/** Options of the `externalDns` preset. */
export interface ExternalDnsOptions {
    /**
     * ARNs of the hosted zones external-dns manages (`arn:aws:route53:::hostedzone/Z123...`);
     * it can change records in these zones only. Required.
     */
    hostedZoneArns: pulumi.Input<string>[];
    /**
     * DNS record types it may create or change (`route53:ChangeResourceRecordSetsRecordTypes`),
     * e.g. `["A", "AAAA", "CNAME", "TXT"]` (TXT holds the ownership registry). Default: any.
     */
    recordTypes?: pulumi.Input<string>[];
}

export const externalDns = definePreset<ExternalDnsOptions>({
    title: "ExternalDNS",
    description:
        "Changes records only in the given hosted zones (optionally only of the given record types), lists and reads their records and tags, and lists zones (which AWS grants only account-wide).",
    options: { hostedZoneArns: "required", recordTypes: "optional" },
    example: {
        hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"],
        recordTypes: ["A", "AAAA", "CNAME", "TXT"],
    },
    statements: (o) => [
        allow(
            "ChangeRecordsInZones",
            ["route53:ChangeResourceRecordSets"],
            o.hostedZoneArns,
            o.recordTypes && o.recordTypes.length > 0
                ? {
                      "ForAllValues:StringEquals": {
                          "route53:ChangeResourceRecordSetsRecordTypes": o.recordTypes,
                      },
                  }
                : undefined,
        ),
        allow(
            "ReadZones",
            [
                "route53:ListResourceRecordSets",
                "route53:ListTagsForResource",
                "route53:ListTagsForResources",
            ],
            o.hostedZoneArns,
        ),
        allow("ListZones", ["route53:ListHostedZones"], ANY_RESOURCE),
    ],
});
