import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CheckFailure } from "./checkFailure";
import { surfaceOnce } from "./surface";

/**
 * The lookups the package makes, checked for what it reads from their answers.
 *
 * AWS always answers these in full (DescribeCluster, DescribeAddonVersions,
 * GetCallerIdentity). Pulumi's unit-test mocks do not: `pulumi.runtime.setMocks` passes every
 * lookup to the test's `call` mock, and the usual one answers `{}` or its own inputs. Read
 * as they come, such answers failed far from their cause (a cluster whose Kubernetes version
 * was "undefined") and left the test waiting for Outputs that never resolve. Each lookup
 * here fails at once instead, with one message that names it and what its answer lacks.
 */

/** Where an unusable answer points a test author. */
export const TESTING_HINT =
    "Under pulumi.runtime.setMocks, answer it as AWS does, or use mocks() from " +
    '"eks-pod-identity/testing", which answers every lookup this package makes ' +
    "and passes everything else to your own mocks.";

/** What an answer must hold, by field: a description of the value expected. */
type Expectations<T> = { [K in keyof T]?: (value: unknown) => boolean };

const isText = (value: unknown): boolean => typeof value === "string" && value !== "";
const isArn = (value: unknown): boolean => typeof value === "string" && /^arn:[\w-]+:/.test(value);
const isAccountId = (value: unknown): boolean =>
    typeof value === "string" && /^\d{12}$/.test(value);
const hasIpFamily = (value: unknown): boolean =>
    Array.isArray(value) && isText((value[0] as { ipFamily?: unknown } | undefined)?.ipFamily);
const hasCertificate = (value: unknown): boolean =>
    Array.isArray(value) && isText((value[0] as { data?: unknown } | undefined)?.data);

/**
 * The answer of a lookup, rejected with one {@link CheckFailure} (also surfaced where a test
 * runner sees it) when one of `fields` is missing or of the wrong kind.
 */
function usable<T extends object>(
    owner: pulumi.Resource,
    lookup: pulumi.Input<string>,
    answer: pulumi.Output<T>,
    fields: () => Expectations<T>,
): pulumi.Output<T> {
    return pulumi.all([answer, pulumi.output(lookup)]).apply(([found, name]): T => {
        const expected = Object.entries(fields()) as [string, (value: unknown) => boolean][];
        const lacking = expected
            .filter(([field, ok]) => !ok((found as Record<string, unknown>)[field]))
            .map(([field]) => field);
        if (lacking.length > 0) {
            const error = new CheckFailure(
                `${name} answered without ${lacking.join(", ")}, which this package reads ` +
                    `(answer: ${truncated(JSON.stringify(found) ?? "nothing")}). ${TESTING_HINT}`,
                owner,
            );
            surfaceOnce(error);
            throw error;
        }
        return found as T;
    });
}

/** The logical name at the end of a URN. */
function lastPart(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

function truncated(text: string): string {
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** The DescribeCluster fields the package reads, by what it reads them for. */
export const CLUSTER_FIELDS = {
    /** The add-on version is chosen for it. */
    version: { version: isText },
    /** A kubeconfig is built from them. */
    kubeconfig: {
        name: isText,
        arn: isArn,
        endpoint: isText,
        certificateAuthorities: hasCertificate,
    },
    /** A `vpc-cni` add-on's default permissions follow its IP family (eks/ipFamily.ts). */
    ipFamily: { kubernetesNetworkConfigs: hasIpFamily },
    /** Whether EKS Auto Mode runs the Pod Identity agent on the cluster's nodes. */
    autoMode: { computeConfigs: (value: unknown) => Array.isArray(value) },
} satisfies { [use: string]: Expectations<aws.eks.GetClusterResult> };

/** What the package reads a cluster lookup for. */
export type ClusterUse = keyof typeof CLUSTER_FIELDS;

/**
 * A cluster's one lookup, made when something first reads it and shared by every reader (the
 * kubeconfig, an add-on version, the IP family), its answer checked for each use asked for.
 */
export class ClusterLookup {
    private readonly uses = new Set<ClusterUse>();
    private found?: pulumi.Output<aws.eks.GetClusterResult>;

    constructor(
        private readonly owner: pulumi.Resource,
        private readonly clusterName: pulumi.Input<string>,
        private readonly opts: pulumi.InvokeOutputOptions,
    ) {}

    /** The lookup, made on the first call, read for `use`. */
    of(use: ClusterUse): pulumi.Output<aws.eks.GetClusterResult> {
        this.uses.add(use);
        return (this.found ??= lookupCluster(this.owner, this.clusterName, this.uses, this.opts));
    }

    /** The lookup if something read it; undefined otherwise. */
    get made(): pulumi.Output<aws.eks.GetClusterResult> | undefined {
        return this.found;
    }
}

/**
 * One `aws.eks.getCluster` (DescribeCluster) whose answer is checked for every use in
 * `uses`. The set may grow after this call, until the answer arrives (the constructor that
 * made the lookup has finished by then): one lookup and one check per cluster, whatever reads
 * it.
 */
export function lookupCluster(
    owner: pulumi.Resource,
    clusterName: pulumi.Input<string>,
    uses: ReadonlySet<ClusterUse>,
    opts: pulumi.InvokeOutputOptions,
): pulumi.Output<aws.eks.GetClusterResult> {
    return usable(
        owner,
        pulumi.interpolate`aws.eks.getCluster for cluster "${clusterName}"`,
        aws.eks.getClusterOutput({ name: clusterName }, opts),
        (): Expectations<aws.eks.GetClusterResult> =>
            Object.assign(
                {},
                ...[...uses].map((use) => CLUSTER_FIELDS[use]),
            ) as Expectations<aws.eks.GetClusterResult>,
    );
}

/** The version `aws.eks.getAddonVersion` (DescribeAddonVersions) chose, checked. */
export function lookupAddonVersion(
    owner: pulumi.Resource,
    args: aws.eks.GetAddonVersionOutputArgs,
    opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
    return usable(
        owner,
        pulumi.interpolate`aws.eks.getAddonVersion for ${args.addonName} on Kubernetes ${args.kubernetesVersion}`,
        aws.eks.getAddonVersionOutput(args, opts),
        () => ({ version: isText }),
    ).version;
}

/**
 * `aws.getCallerIdentity` (STS GetCallerIdentity) of a provider: the account its resources go
 * to, and the ARN whose partition (`aws`, `aws-cn`, ...) ARNs in policies are written in.
 */
export function lookupCallerIdentity(
    owner: pulumi.Resource,
    opts: pulumi.InvokeOutputOptions,
): pulumi.Output<aws.GetCallerIdentityResult> {
    const lookup = opts.provider
        ? pulumi.interpolate`aws.getCallerIdentity through the AWS provider "${opts.provider.urn.apply(lastPart)}"`
        : "aws.getCallerIdentity through the component's AWS provider";
    return usable(owner, lookup, aws.getCallerIdentityOutput({}, opts), () => ({
        accountId: isAccountId,
        arn: isArn,
    }));
}

/** `aws.getRegion` of a provider: the region its resources go to, checked. */
export function lookupRegion(
    owner: pulumi.Resource,
    opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
    return usable(owner, "aws.getRegion", aws.getRegionOutput({}, opts), () => ({
        name: isText,
    })).name;
}
