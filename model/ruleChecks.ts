/**
 * The rules of model/rules/ applied to one property each: what the component checks call to
 * add a problem at a property path. A value only known at deploy time (an Output, a promise)
 * is judged by the same rule once it resolves (`Problems.whenKnown`, model/later.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { asList } from "../core/lists";
import {
    addonNameProblem,
    addonVersionProblem,
    parseConfigurationValues,
    resolveConflictsProblem,
    RESOLVE_CONFLICTS,
} from "./rules/addons";
import { arnProblems, ArnExpectation, RegionContext } from "./rules/arns";
import { clusterNameProblem, roleDescriptionProblem } from "./rules/names";
import { accountIdProblem, organizationIdProblem } from "./rules/iam";
import { namespaceNameProblem, serviceAccountNameProblem } from "./rules/kubernetes";
import { regionProblem } from "./rules/regions";
import {
    actionFormProblem,
    conditionBlockProblems,
    resourceFormProblem,
    statementListProblem,
    trustListProblem,
} from "./rules/statements";
import { tagProblems } from "./rules/tags";
import { PRESET_OPTION_EXPECTATIONS } from "./rules/presetOptions";
import { isUnknown, known, Problems } from "./problems";

/** True when a value, or anything in it, is only known at deploy time. */
export function hasUnknowns(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(hasUnknowns);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(hasUnknowns);
    }
    return false;
}

/** A known string, or undefined (Outputs, promises, other types). */
export function knownString(value: unknown): string | undefined {
    const plain = known(value);
    return typeof plain === "string" ? plain : undefined;
}

/** Tags of any resource: count, keys and known values. */
export function checkTags(problems: Problems, path: string, tags: unknown): void {
    if (isUnknown(tags)) {
        problems.whenKnown(path, tags as pulumi.Output<Record<string, unknown>>, (resolved) => {
            if (resolved === null || typeof resolved !== "object" || Array.isArray(resolved)) {
                return undefined;
            }
            const found = tagProblems(resolved, knownString).map((problem) =>
                problem.key === undefined ? problem.reason : `["${problem.key}"] ${problem.reason}`,
            );
            return found.length > 0 ? found.join(" ") : undefined;
        });
        return;
    }
    const map = known(tags);
    if (map === null || typeof map !== "object" || Array.isArray(map)) {
        return;
    }
    for (const problem of tagProblems(map as Record<string, unknown>, knownString)) {
        problems.add(
            problem.key === undefined ? path : `${path}["${problem.key}"]`,
            problem.reason,
        );
    }
}

/** One ARN argument, when known. */
export function checkArnArg(
    problems: Problems,
    path: string,
    value: unknown,
    expect: ArnExpectation,
    region?: RegionContext,
): void {
    if (isUnknown(value)) {
        problems.whenKnown(path, value, (resolved) =>
            typeof resolved === "string"
                ? arnProblems(resolved, expect, region).join(" ") || undefined
                : undefined,
        );
        return;
    }
    const arn = knownString(value);
    if (arn !== undefined) {
        for (const reason of arnProblems(arn, expect, region)) {
            problems.add(path, reason);
        }
    }
}

/** A list of ARN arguments, each when known. */
export function checkArnList(
    problems: Problems,
    path: string,
    values: unknown,
    expect: ArnExpectation,
    region?: RegionContext,
): void {
    const list = known(values);
    if (Array.isArray(list)) {
        list.forEach((value, i) => checkArnArg(problems, `${path}[${i}]`, value, expect, region));
    }
}

/** An EKS cluster name, when known. */
export function checkClusterName(
    problems: Problems,
    path: string,
    value: unknown,
    patterns = false,
): void {
    if (isUnknown(value)) {
        problems.whenKnown(path, value, (resolved) =>
            typeof resolved === "string" ? clusterNameProblem(resolved, patterns) : undefined,
        );
        return;
    }
    const name = knownString(value);
    const problem = name === undefined ? undefined : clusterNameProblem(name, patterns);
    if (problem) {
        problems.add(path, problem);
    }
}

/** A region, when known. */
export function checkRegion(problems: Problems, path: string, value: unknown): void {
    const region = knownString(value);
    const problem = region === undefined ? undefined : regionProblem(region);
    if (problem) {
        problems.add(path, problem);
    }
}

/** A role's description, when known. */
export function checkRoleDescription(problems: Problems, path: string, value: unknown): void {
    const description = knownString(value);
    const problem = description === undefined ? undefined : roleDescriptionProblem(description);
    if (problem) {
        problems.add(path, problem);
    }
}

/** A condition block: operators IAM knows, keys with values. */
export function checkConditionBlock(problems: Problems, path: string, block: unknown): void {
    for (const problem of conditionBlockProblems(block)) {
        problems.add(`${path}${problem.at}`, problem.reason);
    }
}

/** A statement's Action, NotAction, Resource and NotResource: one string or a non-empty list. */
export function checkStatementLists(problems: Problems, path: string, statement: object): void {
    const fields = statement as Record<string, unknown>;
    for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
        const problem = statementListProblem(fields[key]);
        if (problem) {
            problems.add(`${path}.${key}`, problem);
        }
    }
    for (const key of ["Action", "NotAction"]) {
        (asList(fields[key]) ?? []).forEach((value, i) => {
            const action = knownString(value);
            const problem = action === undefined ? undefined : actionFormProblem(action);
            if (problem) {
                problems.add(`${path}.${key}[${i}]`, problem);
            }
        });
    }
    // Resources: "*" or ARNs; an ARN whose region does not exist or is in another partition
    // never matches anything.
    for (const key of ["Resource", "NotResource"]) {
        (asList(fields[key]) ?? []).forEach((value, i) => {
            const arn = knownString(value);
            const form = arn === undefined ? undefined : resourceFormProblem(arn);
            if (form) {
                problems.add(`${path}.${key}[${i}]`, form);
            }
            if (arn?.startsWith("arn:")) {
                for (const reason of arnProblems(arn, { kind: "any" })) {
                    problems.add(`${path}.${key}[${i}]`, reason);
                }
            }
        });
    }
}

/** The lists of a role's trust fields: set, they must name something. */
export function checkTrustLists(problems: Problems, path: string, trust: object): void {
    for (const [key, value] of Object.entries(trust as Record<string, unknown>)) {
        if (key === "conditions") {
            continue;
        }
        const problem = trustListProblem(value);
        if (problem) {
            problems.add(`${path}.${key}`, problem);
        }
        const rule = TRUST_VALUE_RULES[key] as ((value: string) => string | undefined) | undefined;
        if (!rule) {
            continue;
        }
        (asList(value) ?? []).forEach((item, i) => {
            const plain = knownString(item);
            const reason = plain === undefined ? undefined : rule(plain);
            if (reason) {
                problems.add(`${path}.${key}[${i}]`, reason);
            }
        });
    }
}

/**
 * A pattern of StringLike (`*`, `?`) judged as the names it matches: each wildcard stands for
 * one character a name may have.
 */
const asName = (pattern: string) => pattern.replace(/[*?]/g, "a");

/**
 * The rule of each trust field's values: a value no request can carry would deny every pod
 * (the session tags EKS sets hold real names; EKS passes real account and organisation ids).
 */
const TRUST_VALUE_RULES: { [field: string]: (value: string) => string | undefined } = {
    sourceAccounts: accountIdProblem,
    sourceOrgIds: organizationIdProblem,
    namespaces: (value) =>
        namespaceNameProblem(asName(value)) ? namespaceNameProblem(value) : undefined,
    serviceAccounts: (value) =>
        serviceAccountNameProblem(asName(value)) ? serviceAccountNameProblem(value) : undefined,
    clusterNames: (value) => clusterNameProblem(value, true),
};

/** The options every EKS add-on of this package takes. */
export interface AddonOptionValues {
    version?: unknown;
    configurationValues?: unknown;
    resolveConflictsOnCreate?: unknown;
    resolveConflictsOnUpdate?: unknown;
    tags?: unknown;
}

/** An add-on's options (`at` prefixes their paths, e.g. `clusters.prod.agent.`). */
export function checkAddonOptions(
    problems: Problems,
    at: string,
    options: AddonOptionValues,
): void {
    const version = knownString(options.version);
    const versionProblem = version === undefined ? undefined : addonVersionProblem(version);
    if (versionProblem) {
        problems.add(`${at}version`, versionProblem);
    }
    for (const setting of Object.keys(RESOLVE_CONFLICTS) as (keyof typeof RESOLVE_CONFLICTS)[]) {
        const value = knownString(options[setting]);
        const problem = value === undefined ? undefined : resolveConflictsProblem(setting, value);
        if (problem) {
            problems.add(`${at}${setting}`, problem);
        }
    }
    if (hasUnknowns(options.configurationValues)) {
        problems.whenKnown(
            `${at}configurationValues`,
            pulumi.output(options.configurationValues),
            (resolved) => {
                const parsed = parseConfigurationValues(resolved);
                return parsed.ok ? undefined : parsed.reason;
            },
        );
    }
    const configuration = known(options.configurationValues);
    if (configuration !== undefined && !hasUnknowns(configuration)) {
        const parsed = parseConfigurationValues(configuration);
        if (!parsed.ok) {
            problems.add(`${at}configurationValues`, parsed.reason);
        }
    }
    checkTags(problems, `${at}tags`, options.tags);
}

/** An add-on's name: a typo of a known one is refused with the right name (returns true). */
export function checkAddonName(problems: Problems, path: string, name: unknown): boolean {
    const plain = knownString(name);
    const problem = plain === undefined ? undefined : addonNameProblem(plain);
    if (problem) {
        problems.add(path, problem);
    }
    return problem !== undefined;
}

/**
 * A preset's options that name AWS resources (`path` is the preset's, e.g.
 * `role.presets.s3Read`): ARNs of the kind each option takes, regions, cluster names.
 */
export function checkPresetOptionValues(
    problems: Problems,
    path: string,
    preset: string,
    options: Record<string, unknown>,
): void {
    const expectations = PRESET_OPTION_EXPECTATIONS[preset] ?? {};
    for (const [option, expect] of Object.entries(expectations)) {
        const value = known(options[option]);
        if (value === undefined || value === null) {
            continue;
        }
        const at = `${path}.${option}`;
        const values = Array.isArray(value) ? value : [value];
        values.forEach((item, i) => {
            const where = Array.isArray(value) ? `${at}[${i}]` : at;
            if (expect.kind === "region") {
                checkRegion(problems, where, item);
            } else if (expect.kind === "cluster-name") {
                checkClusterName(problems, where, item, expect.patterns);
            } else {
                checkArnArg(problems, where, item, expect);
            }
        });
    }
}
