import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE, arn } from "./statements";

// Facts from aws/aws-application-networking-k8s files/controller-installation/
// recommended-inline-policy.json (v2.1.3; it was examples/recommended-inline-policy.json before
// v1.1). Upstream grants `vpc-lattice:*`; this lists the actions the controller's resources need
// (services, service networks, listeners, rules, target groups, associations, access logs,
// auth and resource policies) and limits the resource-level ones to the role's account. The
// controller tags Lattice resources through the Resource Groups Tagging API (tag:TagResources,
// tag:UntagResources) and since v2.0 lists ACM certificates to find one for a route's hostname.

/** Options of the `gatewayApiController` preset. */
export interface GatewayApiControllerOptions {
    /**
     * Let the controller deliver access logs (AccessLogPolicy) to CloudWatch Logs, S3 or
     * Firehose: log deliveries, log resource policies, bucket policies. Default: true.
     */
    accessLogs?: pulumi.Input<boolean>;
    /**
     * ARNs of the S3 buckets that receive access logs: the controller may read and set their
     * bucket policies (upstream allows this on every bucket). Default: none (logs to CloudWatch
     * Logs or Firehose only).
     */
    accessLogBucketArns?: pulumi.Input<string>[];
}

const LATTICE_RESOURCE_ACTIONS = [
    "CreateAccessLogSubscription",
    "CreateListener",
    "CreateRule",
    "CreateService",
    "CreateServiceNetwork",
    "CreateServiceNetworkServiceAssociation",
    "CreateServiceNetworkVpcAssociation",
    "CreateTargetGroup",
    "DeleteAccessLogSubscription",
    "DeleteAuthPolicy",
    "DeleteListener",
    "DeleteResourcePolicy",
    "DeleteRule",
    "DeleteService",
    "DeleteServiceNetwork",
    "DeleteServiceNetworkServiceAssociation",
    "DeleteServiceNetworkVpcAssociation",
    "DeleteTargetGroup",
    "DeregisterTargets",
    "GetAccessLogSubscription",
    "GetAuthPolicy",
    "GetListener",
    "GetResourcePolicy",
    "GetRule",
    "GetService",
    "GetServiceNetwork",
    "GetServiceNetworkServiceAssociation",
    "GetServiceNetworkVpcAssociation",
    "GetTargetGroup",
    "ListTargets",
    "PutAuthPolicy",
    "PutResourcePolicy",
    "RegisterTargets",
    "TagResource",
    "UntagResource",
    "UpdateAccessLogSubscription",
    "UpdateListener",
    "UpdateRule",
    "UpdateService",
    "UpdateServiceNetwork",
    "UpdateServiceNetworkVpcAssociation",
    "UpdateTargetGroup",
].map((action) => `vpc-lattice:${action}`);

const LATTICE_LIST_ACTIONS = [
    "ListAccessLogSubscriptions",
    "ListListeners",
    "ListRules",
    "ListServiceNetworkServiceAssociations",
    "ListServiceNetworkVpcAssociations",
    "ListServiceNetworks",
    "ListServices",
    "ListTagsForResource",
    "ListTargetGroups",
].map((action) => `vpc-lattice:${action}`);

export const gatewayApiController = definePreset<GatewayApiControllerOptions>({
    title: "AWS Gateway API Controller (VPC Lattice)",
    description:
        "Manages VPC Lattice services, service networks, listeners, rules, target groups and associations in the role's account (upstream's `vpc-lattice:*` spelled out), reads VPCs, subnets and security groups, finds and tags resources through the tagging API, lists ACM certificates, and unless `accessLogs` is false sets up access-log delivery (bucket policies only of the given log buckets).",
    options: { accessLogs: "optional", accessLogBucketArns: "optional" },
    example: { accessLogs: true, accessLogBucketArns: ["arn:aws:s3:::lattice-access-logs"] },
    upstream: {
        source: "aws/aws-application-networking-k8s:files/controller-installation/recommended-inline-policy.json",
        version: "v2.1.3",
        omittedActions: [
            {
                action: "vpc-lattice:*",
                reason: "spelled out as the VPC Lattice actions the controller calls; the rest (resource gateways, resource configurations, service network resource associations, ...) it never uses",
            },
        ],
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => [
        allow("ManageLatticeResources", LATTICE_RESOURCE_ACTIONS, [
            arn(context, "vpc-lattice", "*"),
        ]),
        allow("ListLatticeResources", LATTICE_LIST_ACTIONS, ANY_RESOURCE),
        allow(
            "DescribeNetworkAndFindByTag",
            [
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeTags",
                "ec2:DescribeVpcs",
                "tag:GetResources",
                "tag:TagResources",
                "tag:UntagResources",
            ],
            ANY_RESOURCE,
        ),
        allow("FindCertificates", ["acm:ListCertificates"], ANY_RESOURCE),
        allow(
            "CreateLatticeServiceLinkedRole",
            ["iam:CreateServiceLinkedRole"],
            [
                arn(
                    context,
                    "iam",
                    "role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice",
                    { region: "" },
                ),
            ],
            { StringLike: { "iam:AWSServiceName": ["vpc-lattice.amazonaws.com"] } },
        ),
        ...(o.accessLogs === false
            ? []
            : [
                  allow(
                      "DeliverAccessLogs",
                      [
                          "logs:CreateLogDelivery",
                          "logs:DeleteLogDelivery",
                          "logs:DescribeLogGroups",
                          "logs:DescribeResourcePolicies",
                          "logs:GetLogDelivery",
                          "logs:ListLogDeliveries",
                          "logs:PutResourcePolicy",
                          "logs:UpdateLogDelivery",
                      ],
                      ANY_RESOURCE,
                  ),
                  allow(
                      "TagLogDeliveryStreams",
                      ["firehose:TagDeliveryStream"],
                      [arn(context, "firehose", "deliverystream/*")],
                  ),
                  ...(o.accessLogBucketArns && o.accessLogBucketArns.length > 0
                      ? [
                            allow(
                                "SetLogBucketPolicies",
                                ["s3:GetBucketPolicy", "s3:PutBucketPolicy"],
                                o.accessLogBucketArns,
                            ),
                        ]
                      : []),
                  allow(
                      "CreateLogDeliveryServiceLinkedRole",
                      ["iam:CreateServiceLinkedRole"],
                      [
                          arn(
                              context,
                              "iam",
                              "role/aws-service-role/delivery.logs.amazonaws.com/AWSServiceRoleForLogDelivery",
                              { region: "" },
                          ),
                      ],
                      { StringLike: { "iam:AWSServiceName": ["delivery.logs.amazonaws.com"] } },
                  ),
              ]),
    ],
});
