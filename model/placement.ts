import { roleArnProblem } from "./rules/iam";
import { checkRegion } from "./ruleChecks";
import { Problems } from "./problems";

/** How one cluster of a PodIdentity says where its AWS resources go. */
export interface PlacementArgs {
    awsProvider?: object;
    region?: string;
    assumeRoleArn?: string;
    profile?: string;
}

/**
 * Problems in a cluster's placement (`at` is its property path, e.g. `clusters.prod`): a
 * given provider or a region to build one for, not both; account settings only with a region.
 */
export function checkPlacement(problems: Problems, cluster: PlacementArgs, at: string): void {
    const settings = (["region", "assumeRoleArn", "profile"] as const).filter(
        (key) => cluster[key] !== undefined,
    );
    if (cluster.awsProvider && settings.length > 0) {
        problems.add(
            `${at}.${settings[0]}`,
            `give either awsProvider or ${settings.join(" and ")}, not both: the component builds ` +
                "a provider from region, assumeRoleArn and profile only when none is given.",
        );
    }
    if (cluster.region === undefined && settings.length > 0) {
        problems.add(
            `${at}.region`,
            `${settings.join(" and ")} ${settings.length === 1 ? "needs" : "need"} the cluster's ` +
                "region: set region, e.g. us-east-1.",
        );
    }
    checkRegion(problems, `${at}.region`, cluster.region);
    const roleProblem =
        cluster.assumeRoleArn === undefined ? undefined : roleArnProblem(cluster.assumeRoleArn);
    if (roleProblem) {
        problems.add(`${at}.assumeRoleArn`, roleProblem);
    }
    if (cluster.profile !== undefined && cluster.profile.trim() === "") {
        problems.add(`${at}.profile`, "is empty: name an AWS CLI profile, or remove it.");
    }
}
