/**
 * A fleet whose clusters name their regions: every ARN the fleet's role and associations use
 * must be in the partition of those regions. The role is in the clusters' account (EKS requires
 * it), so in their partition; its policies and permissions boundary, the role to chain into and
 * the roles the providers assume are too (STS and IAM do not cross partitions).
 */
import type { PodIdentityArgs } from "./inputs/podIdentity";
import { partitionOf } from "./rules/arns";
import { partitionOfRegion, partitionProblem } from "./rules/regions";
import { knownString } from "./ruleChecks";
import { Problems } from "./problems";

/** The first cluster (by key) of each partition the clusters' regions are in. */
function clustersByPartition(args: PodIdentityArgs): Map<string, { key: string; region: string }> {
    const found = new Map<string, { key: string; region: string }>();
    for (const key of Object.keys(args.clusters ?? {}).sort()) {
        const region = args.clusters[key].region;
        const partition = typeof region === "string" ? partitionOfRegion(region) : undefined;
        if (partition && typeof region === "string" && !found.has(partition)) {
            found.set(partition, { key, region });
        }
    }
    return found;
}

/** Problems of ARNs in another partition than the regions of the clusters they serve. */
export function checkPartitions(problems: Problems, args: PodIdentityArgs): void {
    const partitions = clustersByPartition(args);
    if (partitions.size === 0) {
        return;
    }
    const check = (path: string, value: unknown) => {
        const arn = knownString(value);
        const partition = arn === undefined ? undefined : partitionOf(arn);
        if (arn === undefined || partition === undefined) {
            return;
        }
        for (const [, cluster] of partitions) {
            const problem = partitionProblem(
                arn,
                partition,
                cluster.region,
                `clusters.${cluster.key}'s region`,
            );
            if (problem) {
                problems.add(path, problem);
                return;
            }
        }
    };
    check("roleArn", args.roleArn);
    check("association.targetRoleArn", args.association?.targetRoleArn);
    check("role.permissionsBoundary", args.role?.permissionsBoundary);
    (args.role?.managedPolicyArns ?? []).forEach((arn, i) =>
        check(`role.managedPolicyArns[${i}]`, arn),
    );
    for (const [key, arn] of Object.entries(args.role?.policyArns ?? {})) {
        check(`role.policyArns.${key}`, arn);
    }
    // A cluster's own roles agree with its own region.
    for (const key of Object.keys(args.clusters ?? {}).sort()) {
        const cluster = args.clusters[key];
        if (typeof cluster.region !== "string") {
            continue;
        }
        for (const [path, value] of [
            [`clusters.${key}.assumeRoleArn`, cluster.assumeRoleArn],
            [`clusters.${key}.kubeconfigIdentity.roleArn`, cluster.kubeconfigIdentity?.roleArn],
        ] as const) {
            const arn = knownString(value);
            const partition = arn === undefined ? undefined : partitionOf(arn);
            const problem =
                arn && partition
                    ? partitionProblem(arn, partition, cluster.region, `clusters.${key}.region`)
                    : undefined;
            if (problem) {
                problems.add(path, problem);
            }
        }
    }
}
