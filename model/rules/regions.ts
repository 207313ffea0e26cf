/**
 * AWS regions and the partitions they belong to. The regions are the ones the installed
 * `@pulumi/aws` knows (its `Region` enum, read at run time so upgrading the provider brings new
 * regions along); the partition of a region follows the AWS SDKs' partition table.
 */
import { Region } from "@pulumi/aws/types/enums";
import { breach, defineRule } from "./rule";
import { SOURCES } from "./sources";

/** Every region of the installed @pulumi/aws, sorted. */
export const KNOWN_REGIONS: readonly string[] = (Object.values(Region) as unknown[])
    .filter((value): value is string => typeof value === "string")
    .sort();

const KNOWN = new Set(KNOWN_REGIONS);

/**
 * The partitions, most specific first, each with the region names it holds (the `regionRegex`
 * of the AWS SDKs' partitions.json).
 */
export const PARTITIONS: readonly { partition: string; regions: RegExp }[] = [
    { partition: "aws-us-gov", regions: /^us-gov-\w+-\d+$/ },
    { partition: "aws-iso-b", regions: /^us-isob-\w+-\d+$/ },
    { partition: "aws-iso-f", regions: /^us-isof-\w+-\d+$/ },
    { partition: "aws-iso", regions: /^us-iso-\w+-\d+$/ },
    { partition: "aws-iso-e", regions: /^eu-isoe-\w+-\d+$/ },
    { partition: "aws-eusc", regions: /^eusc-(de)-\w+-\d+$/ },
    { partition: "aws-cn", regions: /^cn-\w+-\d+$/ },
    { partition: "aws", regions: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
];

/** Every partition name. */
export const PARTITION_NAMES: readonly string[] = PARTITIONS.map((p) => p.partition);

/** The partition a region is in; undefined for a name no partition holds. */
export function partitionOfRegion(region: string): string | undefined {
    return PARTITIONS.find((p) => p.regions.test(region))?.partition;
}

/** True for a region the installed @pulumi/aws knows. */
export function isKnownRegion(region: string): boolean {
    return KNOWN.has(region);
}

export const REGION_RULE = defineRule({
    id: "aws-region",
    concern: "regions",
    rule: "a region is one AWS has, as the installed @pulumi/aws lists them (e.g. us-east-1, eu-west-1, cn-north-1, us-gov-west-1)",
    fix: "Use the region's code, not its name or an availability zone.",
    source: SOURCES.pulumiAwsRegions,
});

export const PARTITION_RULE = defineRule({
    id: "arn-partition",
    concern: "regions",
    rule: "an ARN's partition is the partition of its region: aws, aws-cn for cn-*, aws-us-gov for us-gov-* (and aws-iso* / aws-eusc for theirs)",
    fix: "Write the ARN with its region's partition, e.g. arn:aws-cn:... for cn-north-1.",
    source: SOURCES.awsPartitions,
});

/** The closest known regions to a mistyped one (same prefix first), at most three. */
function nearRegions(region: string): string[] {
    const head = region.split("-")[0];
    const same = KNOWN_REGIONS.filter((r) => r.startsWith(`${head}-`));
    return (same.length > 0 ? same : KNOWN_REGIONS.filter((r) => r.startsWith("us-"))).slice(0, 3);
}

/** Why a region is not one AWS has, or undefined when it is. */
export function regionProblem(region: string): string | undefined {
    if (isKnownRegion(region)) {
        return undefined;
    }
    const zone = /^([a-z]+(?:-[a-z]+)+-\d+)[a-z]$/.exec(region);
    const fix = zone
        ? `That is an availability zone: use its region, "${zone[1]}".`
        : `Did you mean one of ${nearRegions(region).join(", ")}?`;
    return breach(REGION_RULE, region, "is not an AWS region", fix);
}

/**
 * Why an ARN's partition is not that of `region`, or undefined when they agree (or when
 * either is not known: a wildcard, a policy variable, an unknown region).
 */
export function partitionProblem(
    arn: string,
    partition: string,
    region: string,
    regionIs: string,
): string | undefined {
    const expected = partitionOfRegion(region);
    if (expected === undefined || !PARTITION_NAMES.includes(partition) || partition === expected) {
        return undefined;
    }
    return breach(
        PARTITION_RULE,
        arn,
        `is in partition ${partition}, but ${regionIs} ${region} is in ${expected}`,
        `Write it as arn:${expected}:..., or check the region.`,
    );
}
