/**
 * Permissions that only work while EKS sends its session tags: with `disableSessionTags` the
 * role session carries no `eks-cluster-name`, `kubernetes-namespace`, ... principal tags, so
 * an Allow statement that needs one never matches and its requests are denied.
 *
 * IAM's rules this follows (IAM User Guide, "IAM policy elements: Variables and tags",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value):
 * a policy variable AWS cannot resolve makes the statement invalid unless it has a default
 * (`${aws:PrincipalTag/key, 'default'}`); and a condition on a key that is absent from the
 * request is false, except for `...IfExists`, `Null`, negated operators and `ForAllValues:`
 * ("Condition operators", reference_policies_elements_condition_operators.html).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RolePermissionArgs } from "../iam/permissions";
import { EKS_SESSION_TAGS } from "../iam/trustPolicy";

// `${aws:PrincipalTag/<key>}` with no default value (a default follows a comma).
const VARIABLE = /\$\{aws:PrincipalTag\/([^},\s]+)\}/gi;
const KEY = /^aws:PrincipalTag\/(.+)$/i;

function eksTag(key: string): string | undefined {
    return EKS_SESSION_TAGS.find((tag) => tag.toLowerCase() === key.toLowerCase());
}

/** The EKS session tags a string reads as policy variables without a default. */
export function sessionTagVariables(text: string): string[] {
    return [...text.matchAll(VARIABLE)].flatMap((match) => eksTag(match[1]) ?? []);
}

function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value)
        ? value.filter((item): item is string => typeof item === "string")
        : [];
}

/** True for operators that are false when the key is missing from the request. */
function failsWithoutKey(operator: string): boolean {
    const bare = operator.replace(/^ForAnyValue:/, "");
    return !(
        operator.startsWith("ForAllValues:") ||
        bare.endsWith("IfExists") ||
        bare === "Null" ||
        /Not/.test(bare)
    );
}

/**
 * A statement as written: plain JSON, or this package's statement type with Inputs; parts
 * that are not known yet (Outputs, the policy pack's unknown marker) are simply not read.
 */
export interface LooseStatement {
    Effect?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Condition?: unknown;
}

/**
 * The EKS session tags an Allow statement cannot match without (sorted, each once). A tag in
 * `roleTagKeys` is not counted: IAM fills `aws:PrincipalTag/<key>` from the role's own tags
 * too. Only known parts count, and a known need stays a need whatever the unknown parts are.
 */
export function sessionTagsNeededBy(
    statement: LooseStatement,
    roleTagKeys: string[] = [],
): string[] {
    const effect = statement.Effect;
    if (effect !== undefined && effect !== "Allow") {
        return [];
    }
    const needed = new Set<string>();
    for (const text of [...strings(statement.Resource), ...strings(statement.NotResource)]) {
        sessionTagVariables(text).forEach((tag) => needed.add(tag));
    }
    const condition = statement.Condition;
    if (condition !== null && typeof condition === "object" && !Array.isArray(condition)) {
        for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
            if (keys === null || typeof keys !== "object" || Array.isArray(keys)) {
                continue;
            }
            for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
                const tag = eksTag(KEY.exec(key)?.[1] ?? "");
                if (tag && failsWithoutKey(operator)) {
                    needed.add(tag);
                }
                if (!operator.endsWith("IfExists")) {
                    strings(values).forEach((text) =>
                        sessionTagVariables(text).forEach((found) => needed.add(found)),
                    );
                }
            }
        }
    }
    const own = new Set(roleTagKeys.map((key) => key.toLowerCase()));
    return [...needed].filter((tag) => !own.has(tag.toLowerCase())).sort();
}

function known(value: unknown): boolean {
    return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

function anyString(value: unknown, test: (text: string) => boolean): boolean {
    if (typeof value === "string") {
        return test(value);
    }
    if (Array.isArray(value)) {
        return value.some((item) => anyString(item, test));
    }
    if (value !== null && typeof value === "object" && known(value)) {
        return Object.values(value).some((item) => anyString(item, test));
    }
    return false;
}

/**
 * The preset options that make a preset's policy read session tags. By convention an option
 * named `...SessionTag` / `...SessionTags` holds session tags; `scopeToCluster` compares the
 * cluster tag with `${aws:PrincipalTag/eks-cluster-name}`; any other option may carry such a
 * variable in a string (e.g. an S3 prefix). tests/sessionTagPermissions.spec.ts renders every
 * preset of the catalogue to check that this finds exactly the presets whose policy needs them.
 */
function presetOptionsNeedingTags(options: unknown, roleTagKeys: string[]): string[] {
    const own = new Set(roleTagKeys.map((key) => key.toLowerCase()));
    const eks = (tag: unknown) =>
        typeof tag === "string" && eksTag(tag) !== undefined && !own.has(tag.toLowerCase());
    if (options === null || typeof options !== "object" || !known(options)) {
        return [];
    }
    return Object.entries(options as Record<string, unknown>)
        .filter(([option, value]) => {
            if (!known(value) || value === undefined || value === null) {
                return false;
            }
            if (/SessionTags?$/.test(option)) {
                return [value].flat().some(eks);
            }
            if (option === "scopeToCluster") {
                return value === true && eks("eks-cluster-name");
            }
            return anyString(value, (text) => sessionTagVariables(text).some(eks));
        })
        .map(([option]) => option);
}

/**
 * Property paths (prefixed by `at`) of the permissions in role args that need EKS session
 * tags: preset options that scope by them, and inline statements that read them. Values not
 * known yet are not judged. Empty when the role's own tags are not known (they may supply
 * the principal tags).
 */
export function sessionTagPermissionPaths(
    args: RolePermissionArgs & { tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }> },
    at = "",
): string[] {
    if (args.tags !== undefined && !known(args.tags)) {
        return [];
    }
    const roleTagKeys = Object.keys((args.tags as object | undefined) ?? {});
    const paths: string[] = [];
    for (const [key, options] of Object.entries(args.presets ?? {}) as [string, unknown][]) {
        for (const option of presetOptionsNeedingTags(options, roleTagKeys)) {
            paths.push(`${at}presets.${key}.${option}`);
        }
    }
    (args.statements ?? []).forEach((statement, i) => {
        if (sessionTagsNeededBy(statement, roleTagKeys).length > 0) {
            paths.push(`${at}statements[${i}]`);
        }
    });
    return paths;
}
