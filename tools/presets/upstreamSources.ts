/**
 * How to read each preset's upstream policies. The repository, path and version come from the
 * preset's `upstream` or each of its `upstreamParts` (`owner/repo:path` at `version`); this adds
 * the file's format and, where one upstream policy spans several pages, the other documents of
 * the same repository.
 */
import { presetCatalog, PresetName, UpstreamPolicy } from "../../presets";
import { DocumentFormat, UpstreamDocument } from "./extractActions";

/** How to read one upstream policy. */
export interface UpstreamReading {
    /** The format of the `source` file. */
    format: DocumentFormat;
    /** Markdown only: the heading the policy block (or list) follows. */
    after?: string;
    /** `markdown-list` only: the IAM service prefix of the listed operations. */
    service?: string;
    /** Further documents of the same repository and version whose actions belong to the policy. */
    moreDocuments?: UpstreamDocument[];
}

/**
 * One upstream policy a preset follows: its `upstream`, or one of its `upstreamParts`. Its key is
 * the preset's name, or `<preset>.<part>`; the snapshot is tests/fixtures/upstream/<key>.json.
 */
export interface UpstreamUnit {
    key: string;
    preset: PresetName;
    part?: string;
    policy: UpstreamPolicy;
}

/** Every upstream policy of the catalogue, preset by preset, parts in their order. */
export function upstreamUnits(): UpstreamUnit[] {
    return presetCatalog.flatMap((entry): UpstreamUnit[] => {
        if (entry.upstream) {
            return [{ key: entry.name, preset: entry.name, policy: entry.upstream }];
        }
        return (entry.upstreamParts ?? []).map((part) => ({
            key: `${entry.name}.${part.part}`,
            preset: entry.name,
            part: part.part,
            policy: part,
        }));
    });
}

/** One entry per upstream unit (`preset` or `preset.part`); a spec checks the two lists agree. */
export const UPSTREAM_READINGS: { readonly [unit: string]: UpstreamReading } = {
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
    "fluentBit.outputs": {
        format: "markdown",
        after: "### Permissions",
        moreDocuments: [
            { path: "pipeline/outputs/firehose.md", format: "markdown", after: "### Permissions" },
            { path: "pipeline/outputs/kinesis.md", format: "markdown", after: "### Permissions" },
            { path: "pipeline/outputs/s3.md", format: "markdown", after: "## Permissions" },
        ],
    },
    "fluentBit.cloudwatch-go-plugin": {
        format: "markdown-list",
        after: "### Permissions",
        service: "logs",
    },
    "adotCollector.adot-col-prom-metrics": { format: "json" },
    "adotCollector.adot-col-otlp-ingest": { format: "json" },
    "adotCollector.adot-col-container-logs": { format: "json" },
    ecrPull: { format: "json" },
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
