import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

// Facts from kubernetes-sigs/external-dns docs/tutorials/aws.md (IAM policy, v0.22.0): record
// changes, record listing and zone tags on `hostedzone/*`, zone listing account-wide. external-dns
// reads every zone that passes its own filters and aborts the whole sync on one denied read, so
// reads stay on every zone; only writes are limited to the given zones. It calls
// ListTagsForResources (provider/aws/aws.go), never the singular ListTagsForResource.

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
        "Changes records only in the given hosted zones (optionally only of the given record types); lists zones and reads the records and tags of every zone, as upstream does (external-dns reads every zone its filters admit).",
    options: { hostedZoneArns: "required", recordTypes: "optional" },
    example: {
        hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"],
        recordTypes: ["A", "AAAA", "CNAME", "TXT"],
    },
    upstream: { source: "kubernetes-sigs/external-dns:docs/tutorials/aws.md", version: "v0.22.0" },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => [
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
            ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
            [`arn:${context.partition}:route53:::hostedzone/*`],
        ),
        allow("ListZones", ["route53:ListHostedZones"], ANY_RESOURCE),
    ],
});
