import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../iam/policyDocument";
import { definePreset, PresetContext } from "./preset";
import { principalTag, SessionTag } from "./sessionTags";
import { allOf, allow, ANY_RESOURCE, arn, Conditions } from "./statements";

// Facts from kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json (v3.5.0):
// the controller tags what it creates with `elbv2.k8s.aws/cluster` and mutates only tagged
// load balancers, target groups and security groups.
const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

/** Options of the `awsLoadBalancerController` preset. */
export interface AwsLoadBalancerControllerOptions {
    /**
     * Let the controller attach AWS WAF (classic regional and v2) web ACLs to load balancers,
     * for the `alb.ingress.kubernetes.io/wafv2-acl-arn` family of annotations. Default: true.
     */
    enableWaf?: pulumi.Input<boolean>;
    /** Let the controller turn AWS Shield Advanced protection on and off. Default: true. */
    enableShield?: pulumi.Input<boolean>;
    /**
     * Limit changes to load balancers, target groups and security groups whose
     * `elbv2.k8s.aws/cluster` tag equals the pod's `eks-cluster-name` session tag (ABAC), so a
     * controller shared by many clusters through one role cannot touch another cluster's.
     * Needs the controller's `--cluster-name` to be the EKS cluster name. Default: false
     * (upstream: any load balancer the controller tagged, whichever cluster).
     */
    scopeToCluster?: pulumi.Input<boolean>;
}

/** Options of the `awsLoadBalancerControllerTargetGroupBinding` preset. */
export interface AwsLoadBalancerControllerTargetGroupBindingOptions {
    /** ARNs of the target groups the controller may register targets in. Default: every target group of the account. */
    targetGroupArns?: pulumi.Input<string>[];
    /** ARNs of the security groups whose ingress rules the controller may manage. Default: every security group of the account. */
    securityGroupArns?: pulumi.Input<string>[];
}

function tagged(kind: "Request" | "Resource", scoped: boolean): Conditions {
    const key = `aws:${kind}Tag/${CLUSTER_TAG}`;
    return scoped
        ? { StringEquals: { [key]: [principalTag(SessionTag.ClusterName)] } }
        : { Null: { [key]: ["false"] } };
}

/** A tag change that neither sets nor removes the cluster tag, on a resource that has it. */
function retagging(scoped: boolean): Conditions {
    return allOf(tagged("Resource", scoped), {
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: ["true"] },
    });
}

const DESCRIBE = [
    "ec2:DescribeAccountAttributes",
    "ec2:DescribeAddresses",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeCoipPools",
    "ec2:DescribeInstances",
    "ec2:DescribeInternetGateways",
    "ec2:DescribeIpamPools",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeTags",
    "ec2:DescribeVpcPeeringConnections",
    "ec2:DescribeVpcs",
    "ec2:GetCoipPoolUsage",
    "ec2:GetSecurityGroupsForVpc",
    "elasticloadbalancing:DescribeCapacityReservation",
    "elasticloadbalancing:DescribeListenerAttributes",
    "elasticloadbalancing:DescribeListenerCertificates",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeSSLPolicies",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth",
    "elasticloadbalancing:DescribeTrustStores",
];

function loadBalancerResources(context: PresetContext): string[] {
    return [
        arn(context, "elasticloadbalancing", "targetgroup/*/*", { account: "*" }),
        arn(context, "elasticloadbalancing", "loadbalancer/net/*/*", { account: "*" }),
        arn(context, "elasticloadbalancing", "loadbalancer/app/*/*", { account: "*" }),
    ];
}

export const awsLoadBalancerController = definePreset<AwsLoadBalancerControllerOptions>({
    title: "AWS Load Balancer Controller",
    description:
        "Upstream's policy: reads EC2/ELB, creates load balancers, target groups and security groups tagged `elbv2.k8s.aws/cluster` and changes or deletes only resources with that tag (of this cluster with `scopeToCluster`); WAF and Shield association unless turned off.",
    options: { enableWaf: "optional", enableShield: "optional", scopeToCluster: "optional" },
    example: { scopeToCluster: true },
    upstream: {
        source: "kubernetes-sigs/aws-load-balancer-controller:docs/install/iam_policy.json",
        version: "v3.5.0",
    },
    minimumVersion: {
        status: "unverified",
        evidence:
            "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
    },
    statements: (o, context) => {
        const scoped = o.scopeToCluster === true;
        const securityGroups = [arn(context, "ec2", "security-group/*", { account: "*" })];
        const statements: ResolvedStatement[] = [
            allow("CreateElbServiceLinkedRole", ["iam:CreateServiceLinkedRole"], ANY_RESOURCE, {
                StringEquals: { "iam:AWSServiceName": ["elasticloadbalancing.amazonaws.com"] },
            }),
            allow("Describe", DESCRIBE, ANY_RESOURCE),
            allow(
                "ReadCertificatesAndUserPools",
                [
                    "acm:DescribeCertificate",
                    "acm:ListCertificates",
                    "cognito-idp:DescribeUserPoolClient",
                    "iam:GetServerCertificate",
                    "iam:ListServerCertificates",
                ],
                ANY_RESOURCE,
            ),
            // Node security groups are not the controller's, so their ingress rules cannot be
            // scoped by tag: upstream grants these on every security group.
            allow(
                "ManageNodeSecurityGroupIngress",
                ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
                ANY_RESOURCE,
            ),
            allow("CreateSecurityGroups", ["ec2:CreateSecurityGroup"], ANY_RESOURCE),
            allow(
                "TagNewSecurityGroups",
                ["ec2:CreateTags"],
                securityGroups,
                allOf(
                    { StringEquals: { "ec2:CreateAction": ["CreateSecurityGroup"] } },
                    tagged("Request", scoped),
                ),
            ),
            allow(
                "RetagOwnSecurityGroups",
                ["ec2:CreateTags", "ec2:DeleteTags"],
                securityGroups,
                retagging(scoped),
            ),
            allow(
                "DeleteOwnSecurityGroups",
                ["ec2:DeleteSecurityGroup"],
                ANY_RESOURCE,
                tagged("Resource", scoped),
            ),
            allow(
                "CreateLoadBalancersAndTargetGroups",
                [
                    "elasticloadbalancing:CreateLoadBalancer",
                    "elasticloadbalancing:CreateTargetGroup",
                ],
                ANY_RESOURCE,
                tagged("Request", scoped),
            ),
            allow(
                "ManageListenersAndRules",
                [
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:CreateRule",
                    "elasticloadbalancing:DeleteListener",
                    "elasticloadbalancing:DeleteRule",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "RetagOwnLoadBalancers",
                ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
                loadBalancerResources(context),
                retagging(scoped),
            ),
            allow(
                "TagListenersAndRules",
                ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
                [
                    arn(context, "elasticloadbalancing", "listener/net/*/*/*", { account: "*" }),
                    arn(context, "elasticloadbalancing", "listener/app/*/*/*", { account: "*" }),
                    arn(context, "elasticloadbalancing", "listener-rule/net/*/*/*", {
                        account: "*",
                    }),
                    arn(context, "elasticloadbalancing", "listener-rule/app/*/*/*", {
                        account: "*",
                    }),
                ],
            ),
            allow(
                "ManageOwnLoadBalancers",
                [
                    "elasticloadbalancing:DeleteLoadBalancer",
                    "elasticloadbalancing:DeleteTargetGroup",
                    "elasticloadbalancing:ModifyCapacityReservation",
                    "elasticloadbalancing:ModifyIpPools",
                    "elasticloadbalancing:ModifyListenerAttributes",
                    "elasticloadbalancing:ModifyLoadBalancerAttributes",
                    "elasticloadbalancing:ModifyTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:SetIpAddressType",
                    "elasticloadbalancing:SetSecurityGroups",
                    "elasticloadbalancing:SetSubnets",
                ],
                ANY_RESOURCE,
                tagged("Resource", scoped),
            ),
            allow(
                "TagOnCreate",
                ["elasticloadbalancing:AddTags"],
                loadBalancerResources(context),
                allOf(
                    {
                        StringEquals: {
                            "elasticloadbalancing:CreateAction": [
                                "CreateLoadBalancer",
                                "CreateTargetGroup",
                            ],
                        },
                    },
                    tagged("Request", scoped),
                ),
            ),
            allow(
                "RegisterTargets",
                ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"],
                [arn(context, "elasticloadbalancing", "targetgroup/*/*", { account: "*" })],
            ),
            allow(
                "ManageListenerSettings",
                [
                    "elasticloadbalancing:AddListenerCertificates",
                    "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:ModifyRule",
                    "elasticloadbalancing:RemoveListenerCertificates",
                    "elasticloadbalancing:SetRulePriorities",
                    "elasticloadbalancing:SetWebAcl",
                ],
                ANY_RESOURCE,
            ),
        ];
        if (o.enableWaf !== false) {
            statements.push(
                allow(
                    "AssociateWebAcls",
                    [
                        "waf-regional:AssociateWebACL",
                        "waf-regional:DisassociateWebACL",
                        "waf-regional:GetWebACL",
                        "waf-regional:GetWebACLForResource",
                        "wafv2:AssociateWebACL",
                        "wafv2:DisassociateWebACL",
                        "wafv2:GetWebACL",
                        "wafv2:GetWebACLForResource",
                    ],
                    ANY_RESOURCE,
                ),
            );
        }
        if (o.enableShield !== false) {
            statements.push(
                allow(
                    "ManageShieldProtection",
                    [
                        "shield:CreateProtection",
                        "shield:DeleteProtection",
                        "shield:DescribeProtection",
                        "shield:GetSubscriptionState",
                    ],
                    ANY_RESOURCE,
                ),
            );
        }
        return statements;
    },
});

export const awsLoadBalancerControllerTargetGroupBinding =
    definePreset<AwsLoadBalancerControllerTargetGroupBindingOptions>({
        title: "AWS Load Balancer Controller (TargetGroupBinding only)",
        description:
            "For a controller that only binds pods to existing target groups: registers and deregisters targets and edits the given target groups, and manages ingress rules of the given security groups; creates no load balancer.",
        options: { targetGroupArns: "optional", securityGroupArns: "optional" },
        example: {
            targetGroupArns: [
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
            ],
            securityGroupArns: [
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0",
            ],
        },
        // Upstream's subset is for a controller that leaves security group rules alone; this
        // preset also manages them, which needs ENI lookups: the controller finds the ENI of
        // Fargate pods and of pods with security groups for pods with DescribeNetworkInterfaces
        // (pkg/networking/pod_eni_info_resolver.go at v3.5.0).
        upstream: {
            source: "kubernetes-sigs/aws-load-balancer-controller:docs/deploy/installation.md",
            version: "v3.5.0",
        },
        minimumVersion: {
            status: "unverified",
            evidence:
                "Not checked against the controller's releases in this change: the first release whose AWS SDK reads Pod Identity credentials (Go v1 v1.47.11, Go v2 release-2023-11-14) is still to be found from its go.mod history or release notes.",
        },
        statements: (o, context) => [
            allow(
                "Describe",
                [
                    "ec2:DescribeInstances",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeVpcs",
                    "elasticloadbalancing:DescribeTargetGroups",
                    "elasticloadbalancing:DescribeTargetHealth",
                ],
                ANY_RESOURCE,
            ),
            allow(
                "BindTargetGroups",
                [
                    "elasticloadbalancing:DeregisterTargets",
                    "elasticloadbalancing:ModifyTargetGroup",
                    "elasticloadbalancing:ModifyTargetGroupAttributes",
                    "elasticloadbalancing:RegisterTargets",
                ],
                o.targetGroupArns && o.targetGroupArns.length > 0
                    ? o.targetGroupArns
                    : [arn(context, "elasticloadbalancing", "targetgroup/*/*")],
            ),
            allow(
                "ManageSecurityGroupIngress",
                ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
                o.securityGroupArns && o.securityGroupArns.length > 0
                    ? o.securityGroupArns
                    : [arn(context, "ec2", "security-group/*")],
            ),
        ],
    });
