/**
 * The documents the rules cite, once each. Refresh a rule against its page here; the
 * troubleshooting page links every rule to one of these.
 */
import type { RuleSource } from "./rule";

const EKS_API = "https://docs.aws.amazon.com/eks/latest/APIReference";
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const IAM_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide";

export const SOURCES = {
    eksCreateCluster: {
        title: "EKS API reference, CreateCluster (name)",
        url: `${EKS_API}/API_CreateCluster.html`,
    },
    eksCreateAddon: {
        title: "EKS API reference, CreateAddon",
        url: `${EKS_API}/API_CreateAddon.html`,
    },
    pulumiEksAddon: {
        title: "@pulumi/aws eks.Addon (resolveConflictsOnCreate / resolveConflictsOnUpdate)",
        url: "https://www.pulumi.com/registry/packages/aws/api-docs/eks/addon/",
    },
    eksAddonVersions: {
        title: "EKS User Guide, Amazon EKS add-ons (add-on versions vX.Y.Z-eksbuild.N)",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html",
    },
    eksKubernetesVersions: {
        title: "EKS User Guide, Kubernetes versions",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
    },
    eksPodIdentityAssociation: {
        title: "EKS API reference, CreatePodIdentityAssociation",
        url: `${EKS_API}/API_CreatePodIdentityAssociation.html`,
    },
    eksTags: {
        title: "EKS User Guide, Tag your Amazon EKS resources (tag restrictions)",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/eks-using-tags.html",
    },
    iamCreateRole: {
        title: "IAM API reference, CreateRole",
        url: `${IAM_API}/API_CreateRole.html`,
    },
    iamCreatePolicy: {
        title: "IAM API reference, CreatePolicy",
        url: `${IAM_API}/API_CreatePolicy.html`,
    },
    iamTag: {
        title: "IAM API reference, Tag; IAM User Guide, Tagging IAM resources",
        url: `${IAM_API}/API_Tag.html`,
    },
    iamQuotas: {
        title: "IAM User Guide, IAM and AWS STS quotas",
        url: `${IAM_GUIDE}/reference_iam-quotas.html`,
    },
    iamConditionOperators: {
        title: "IAM User Guide, IAM JSON policy elements: Condition operators",
        url: `${IAM_GUIDE}/reference_policies_elements_condition_operators.html`,
    },
    iamMultivaluedConditions: {
        title: "IAM User Guide, Single-valued vs. multivalued context keys (ForAllValues, ForAnyValue)",
        url: `${IAM_GUIDE}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    },
    iamPolicyGrammar: {
        title: "IAM User Guide, Grammar of the IAM JSON policy language",
        url: `${IAM_GUIDE}/reference_policies_grammar.html`,
    },
    iamArns: {
        title: "IAM User Guide, IAM identifiers (ARNs)",
        url: `${IAM_GUIDE}/reference_identifiers.html`,
    },
    arnFormat: {
        title: "IAM User Guide, Amazon Resource Names (ARNs)",
        url: `${IAM_GUIDE}/reference-arns.html`,
    },
    s3BucketNames: {
        title: "Amazon S3 User Guide, General purpose bucket naming rules",
        url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    s3Arns: {
        title: "Service Authorization Reference, Amazon S3 resource types (bucket, object)",
        url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
    },
    kmsKeysInPolicies: {
        title: "AWS KMS Developer Guide, Specifying KMS keys in IAM policy statements",
        url: "https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html",
    },
    route53Arns: {
        title: "Service Authorization Reference, Amazon Route 53 resource types (hostedzone)",
        url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html",
    },
    serviceArns: {
        title: "Service Authorization Reference, resource types of each service",
        url: "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    },
    pulumiAwsRegions: {
        title: "the Region enum of the installed @pulumi/aws (types/enums)",
        url: "https://www.pulumi.com/registry/packages/aws/api-docs/provider/#region_nodejs",
    },
    awsPartitions: {
        title: "AWS SDK partitions (regionRegex of aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc)",
        url: "https://github.com/aws/aws-sdk-js-v3/blob/main/packages/util-endpoints/src/lib/aws/partitions.json",
    },
    accountIds: {
        title: "AWS Account Management Reference Guide, View AWS account identifiers (a 12-digit number)",
        url: "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html",
    },
    organizationIds: {
        title: "AWS Organizations API Reference, Organization (Id pattern ^o-[a-z0-9]{10,32}$)",
        url: "https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html",
    },
    kubernetesInitialNamespaces: {
        title: "Kubernetes documentation, Namespaces (initial namespaces)",
        url: "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces",
    },
    kubernetesNames: {
        title: "Kubernetes documentation, Object Names and IDs (DNS-1123)",
        url: "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/",
    },
    eksPodIdentity: {
        title: "EKS User Guide, Learn how EKS Pod Identity grants pods access to AWS services",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html",
    },
    irsa: {
        title: "EKS User Guide, IAM roles for service accounts (the role-arn annotation)",
        url: "https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html",
    },
} satisfies Record<string, RuleSource>;
