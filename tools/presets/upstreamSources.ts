/**
 * How to read each preset's upstream policy. The repository, path and version come from the
 * preset's `upstream` (`owner/repo:path` at `version`); this adds the file's format and, where
 * one upstream policy spans several pages, the other documents of the same repository.
 */
import { PresetName } from "../../presets";
import { DocumentFormat, UpstreamDocument } from "./extractActions";

/** How to read one preset's upstream policy. */
export interface UpstreamReading {
    /** The format of the `source` file. */
    format: DocumentFormat;
    /** Markdown only: the heading the policy block follows. */
    after?: string;
    /** Further documents of the same repository and version whose actions belong to the policy. */
    moreDocuments?: UpstreamDocument[];
}

/** One entry per preset with an `upstream`; a spec checks the two lists agree. */
export const UPSTREAM_READINGS: { [K in PresetName]?: UpstreamReading } = {
    awsLoadBalancerController: { format: "json" },
    awsLoadBalancerControllerTargetGroupBinding: {
        format: "markdown",
        after: "You only want the LBC to add and remove IPs to already existing target groups:",
    },
    ebsCsi: { format: "json" },
    efsCsi: { format: "json" },
    clusterAutoscaler: { format: "markdown", after: "Full Cluster Autoscaler Features Policy" },
    karpenter: { format: "cloudformation" },
    externalDns: { format: "markdown", after: "## IAM Policy" },
    externalSecrets: {
        format: "markdown",
        after: "### IAM Policy",
        moreDocuments: [{ path: "docs/provider/aws-parameter-store.md", format: "markdown" }],
    },
    gatewayApiController: { format: "json" },
    secretsStoreCsi: { format: "markdown", after: "Create an access policy for the pod" },
    fluentBit: {
        format: "markdown",
        after: "### Permissions",
        moreDocuments: [
            { path: "pipeline/outputs/firehose.md", format: "markdown", after: "### Permissions" },
            { path: "pipeline/outputs/kinesis.md", format: "markdown", after: "### Permissions" },
            { path: "pipeline/outputs/s3.md", format: "markdown", after: "## Permissions" },
        ],
    },
    grafanaCloudWatch: {
        format: "markdown",
        after: "**Metrics and logs permissions:**",
        moreDocuments: [
            {
                path: "docs/sources/datasources/aws-cloudwatch/configure/index.md",
                format: "markdown",
                after: "#### Cross-account observability permissions",
            },
        ],
    },
    lokiStorage: {
        format: "markdown",
        after: "The role should have a policy with the following permissions attached.",
    },
    thanosStorage: { format: "markdown", after: "For deployment (policy for Thanos services)" },
    velero: {
        format: "markdown",
        after: "Attach policies to give `velero` the necessary permissions",
    },
    nodeTerminationHandler: {
        format: "markdown",
        after: "IAM Policy for aws-node-termination-handler Deployment:",
    },
    fsxLustreCsi: { format: "markdown", after: "Using IAM [instance profile]" },
    privateCaIssuer: { format: "markdown", after: "A minimal policy to use the issuer" },
    vpcCni: {
        format: "markdown",
        after: "### IPv4 mode",
        moreDocuments: [{ path: "docs/iam-policy.md", format: "markdown", after: "### IPv6 mode" }],
    },
    certManager: { format: "markdown", after: "## Set up an IAM Policy" },
    mountpointS3Csi: {
        format: "markdown",
        after: "Here is an example least-privilege policy document",
    },
    xray: { format: "json" },
    prometheusRemoteWrite: { format: "json" },
    prometheusQuery: { format: "json" },
    cloudwatchObservability: { format: "json" },
    tempoStorage: {
        format: "markdown",
        after: "The following IAM policy shows minimal permissions required by Tempo",
    },
};

/** How a source names an AWS managed policy: `AWS managed policy <PolicyName>`. */
const MANAGED = /^AWS managed policy ([\w+=,.@-]+)$/;

/** The AWS managed policy a source names, if it names one. */
export function managedPolicyName(source: string): string | undefined {
    return MANAGED.exec(source)?.[1];
}

/** Where AWS documents a managed policy, version by version. */
export function managedPolicyUrl(name: string): string {
    return `https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${name}.html`;
}

/** `owner/repo:path` split into its parts. */
export function parseSource(source: string): { repo: string; path: string } {
    const match = /^([\w.-]+\/[\w.-]+):(.+)$/.exec(source);
    if (!match) {
        throw new Error(`upstream source "${source}" is not owner/repo:path`);
    }
    return { repo: match[1], path: match[2] };
}
