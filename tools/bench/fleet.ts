/**
 * The fleets the benchmark evaluates: clusters spread over two regions (an AWS provider
 * each, as a platform team would have), and service accounts four to a namespace, so
 * namespaces are shared the way they are in real stacks.
 */

/** A fleet size: clusters x service accounts per cluster. */
export interface FleetSize {
    clusters: number;
    serviceAccounts: number;
}

/** The sizes of issue 23, smallest first. */
export const SIZES: FleetSize[] = [
    { clusters: 20, serviceAccounts: 20 },
    { clusters: 40, serviceAccounts: 20 },
    { clusters: 100, serviceAccounts: 20 },
];

/** The number of bindings of a fleet. */
export function bindingsOf(size: FleetSize): number {
    return size.clusters * size.serviceAccounts;
}

export const REGIONS = ["us-east-1", "eu-west-1"] as const;

/** Service accounts per namespace. */
const PER_NAMESPACE = 4;

/** The component name of (a), and the prefix of every name (b) registers. */
export const STACK_NAME = "bench";

export interface FleetCluster {
    key: string;
    clusterName: string;
    region: (typeof REGIONS)[number];
}

export interface FleetServiceAccount {
    namespace: string;
    name: string;
}

export function label(size: FleetSize): string {
    return `${size.clusters}x${size.serviceAccounts}`;
}

/** Parses `50x20`. */
export function parseSize(text: string): FleetSize {
    const match = /^(\d+)x(\d+)$/.exec(text.trim());
    if (!match) {
        throw new Error(`size ${text}: expected <clusters>x<service accounts>, e.g. 50x20`);
    }
    return { clusters: Number(match[1]), serviceAccounts: Number(match[2]) };
}

export function fleetClusters(size: FleetSize): FleetCluster[] {
    return Array.from({ length: size.clusters }, (_, i) => ({
        key: `c${String(i).padStart(3, "0")}`,
        clusterName: `cluster-${i}`,
        region: REGIONS[i % REGIONS.length],
    }));
}

export function fleetServiceAccounts(size: FleetSize): FleetServiceAccount[] {
    return Array.from({ length: size.serviceAccounts }, (_, i) => ({
        namespace: `team-${Math.floor(i / PER_NAMESPACE)}`,
        name: `app-${i}`,
    }));
}

/** The regions a fleet's clusters use (providers for unused regions are not created). */
export function fleetRegions(size: FleetSize): FleetCluster["region"][] {
    return REGIONS.filter((region) => fleetClusters(size).some((c) => c.region === region));
}

/**
 * What the shared role may do: one managed policy, and an inline statement on a bucket the
 * program creates, each namespace under its own prefix.
 */
export const MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";
export const BUCKET_NAME = "bench-data";
export const ROLE_ACTIONS = ["s3:GetObject"];
export const objectsIn = (bucketArn: string) =>
    `${bucketArn}/\${aws:PrincipalTag/kubernetes-namespace}/*`;
