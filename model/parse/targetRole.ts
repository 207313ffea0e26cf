/** PodIdentityTargetRole's args -> the target role's model. */
import * as pulumi from "@pulumi/pulumi";
import { targetTrustProblems } from "../../iam/targetTrustPolicy";
import { checkRoleArgs, sessionTagPermissionReason } from "../args";
import { entered } from "../entries";
import type { PodIdentityTargetRoleArgs } from "../inputs/targetRole";
import { isUnknown, Problems } from "../problems";
import { checkTargetTrustSize } from "../roleSizes";
import { sessionTagPermissionPaths } from "../sessionTags";
import { Parsed } from "./parsed";
import { flag, input, list, readArgs, text } from "./read";
import { PERMISSIONS, ROLE_SETTINGS } from "./role";

/** The target role's model: its args, each of its declared type and judged by the rules. */
export type TargetRoleModel = Readonly<PodIdentityTargetRoleArgs>;

/** The trust lists of a target role, the properties its trust policy is written from. */
const TRUST_LISTS = [
    "trustedRoleArns",
    "clusterArns",
    "namespaces",
    "serviceAccounts",
    "externalIds",
] as const;

/** PodIdentityTargetRole's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseTargetRole(name: string, raw: unknown): Parsed<TargetRoleModel> {
    entered("PodIdentityTargetRole");
    const problems = new Problems();
    const strings = list(input(text));
    const args = readArgs<PodIdentityTargetRoleArgs>(
        "PodIdentityTargetRole",
        raw,
        {
            ...ROLE_SETTINGS,
            ...PERMISSIONS,
            trustedRoleArns: strings,
            clusterArns: strings,
            namespaces: strings,
            serviceAccounts: strings,
            externalIds: strings,
            sessionTags: flag,
        },
        {},
        problems,
    );
    if (args) {
        for (const problem of targetTrustProblems(args)) {
            problems.add(problem.propertyPath, problem.reason);
        }
        checkRoleArgs(problems, args);
        checkTargetTrustSize(problems, args, args.quotas);
        if (args.sessionTags === false) {
            // Session tags are transitive into the target role's session (EKS User Guide,
            // pod-id-abac.html, "Cross-account tags"); with them off there are none to read.
            for (const path of sessionTagPermissionPaths(args)) {
                problems.add("sessionTags", sessionTagPermissionReason(path, "sessionTags: false"));
            }
        }
        laterTrustCheck(problems, args);
    }
    problems.throwIfAny("PodIdentityTargetRole", name);
    return {
        model: args as TargetRoleModel,
        later: problems.later,
        component: `PodIdentityTargetRole "${name}"`,
        at: "",
    };
}

/**
 * The trust lists' rules once their Outputs resolve (e.g. an association role's ARN): the
 * trust policy is written from them, and one it cannot be written from is refused then.
 */
function laterTrustCheck(problems: Problems, args: PodIdentityTargetRoleArgs): void {
    const lists = TRUST_LISTS.map((key) => args[key] ?? []);
    if (!lists.some((values) => values.some(isUnknown))) {
        return;
    }
    problems.addLater({
        propertyPath: "trustedRoleArns",
        kind: "rule",
        value: pulumi.all(lists.map((values) => pulumi.all(values))),
        check: (resolved) => {
            const [trustedRoleArns, clusterArns, namespaces, serviceAccounts, externalIds] =
                resolved as string[][];
            const found = targetTrustProblems({
                trustedRoleArns,
                clusterArns,
                namespaces,
                serviceAccounts,
                externalIds,
                sessionTags: args.sessionTags,
            });
            return found.length === 0
                ? undefined
                : found
                      .map((problem) =>
                          problem.propertyPath === "trustedRoleArns"
                              ? problem.reason
                              : `${problem.propertyPath}: ${problem.reason}`,
                      )
                      .join("; ");
        },
    });
}
