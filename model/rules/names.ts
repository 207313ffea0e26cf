/**
 * Names AWS checks when a resource is created: EKS cluster names, and IAM role names, paths and
 * descriptions. Kubernetes names are in kubernetes.ts.
 */
import { breach, defineRule, Rule } from "./rule";
import { parseArn } from "./arns";
import { SOURCES } from "./sources";

export const EKS_CLUSTER_NAME_RULE = defineRule({
    id: "eks-cluster-name",
    concern: "names",
    rule: "EKS cluster names have 1 to 100 characters: letters, digits, '-' and '_', starting with a letter or digit (^[0-9A-Za-z][A-Za-z0-9\\-_]*$)",
    fix: "Give the cluster's name (an aws.eks.Cluster's `name` output), not its ARN or endpoint.",
    source: SOURCES.eksCreateCluster,
});

export const IAM_ROLE_NAME_RULE = defineRule({
    id: "iam-role-name",
    concern: "names",
    rule: "IAM role names have 1 to 64 characters: letters, digits and + = , . @ _ -",
    fix: "Shorten or rename it, or leave name unset for a generated one.",
    source: SOURCES.iamCreateRole,
});

export const IAM_PATH_RULE = defineRule({
    id: "iam-path",
    concern: "names",
    rule: 'IAM paths are "/" or start and end with "/", with printable ASCII between (no "//"), at most 512 characters',
    fix: 'Use e.g. "/pods/" or "/team/app/".',
    source: SOURCES.iamCreateRole,
});

export const IAM_DESCRIPTION_RULE = defineRule({
    id: "iam-role-description",
    concern: "names",
    rule: "IAM role descriptions have at most 1,000 characters: tab, line breaks, printable ASCII and Latin-1 letters (U+00A1 to U+00FF)",
    fix: "Shorten it, or write it without emoji and characters beyond Latin-1.",
    source: SOURCES.iamCreateRole,
});

/** All the name rules, for the catalogue. */
export const NAME_RULES: Rule[] = [
    EKS_CLUSTER_NAME_RULE,
    IAM_ROLE_NAME_RULE,
    IAM_PATH_RULE,
    IAM_DESCRIPTION_RULE,
];

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]*$/;
const CLUSTER_NAME_PATTERN = /^[0-9A-Za-z*?][A-Za-z0-9_*?-]*$/;

/**
 * Why a value cannot be an EKS cluster name, or undefined when it can. With `patterns`, `*`
 * and `?` stand for any characters (trust conditions and preset options match names with
 * StringLike). An ARN is refused with the name it holds.
 */
export function clusterNameProblem(name: string, patterns = false): string | undefined {
    const arn = parseArn(name);
    if (arn) {
        const held = /^cluster\/(.+)$/.exec(arn.resource)?.[1];
        return breach(
            EKS_CLUSTER_NAME_RULE,
            name,
            "is an ARN, not a cluster name",
            held ? `Give the name it holds, "${held}".` : EKS_CLUSTER_NAME_RULE.fix,
        );
    }
    if (name.length === 0 || name.length > 100) {
        return breach(EKS_CLUSTER_NAME_RULE, name, `has ${name.length} characters`);
    }
    if (!(patterns ? CLUSTER_NAME_PATTERN : CLUSTER_NAME).test(name)) {
        return breach(EKS_CLUSTER_NAME_RULE, name, "has characters EKS does not allow");
    }
    return undefined;
}

/** Why an IAM role name is invalid, or undefined when valid. */
export function roleNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 64) {
        return breach(
            IAM_ROLE_NAME_RULE,
            name,
            `has ${name.length} characters; IAM role names have 1 to 64`,
        );
    }
    if (!/^[\w+=,.@-]+$/.test(name)) {
        return breach(IAM_ROLE_NAME_RULE, name, "has characters IAM does not allow in role names");
    }
    return undefined;
}

/** Why an IAM path is invalid, or undefined when valid. */
export function iamPathProblem(path: string): string | undefined {
    if (path === "/") {
        return undefined;
    }
    if (path.length > 512 || !/^\/[\x21-\x7e]+\/$/.test(path) || path.includes("//")) {
        return breach(
            IAM_PATH_RULE,
            path,
            'is not an IAM path: it must start and end with "/"',
            `Use e.g. "/pods/".`,
        );
    }
    return undefined;
}

const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

/** Why an IAM role description is invalid, or undefined when valid. */
export function roleDescriptionProblem(description: string): string | undefined {
    if (description.length > 1000) {
        return breach(IAM_DESCRIPTION_RULE, description, `has ${description.length} characters`);
    }
    if (!DESCRIPTION.test(description)) {
        const bad = [...description].find((c) => !DESCRIPTION.test(c)) ?? "";
        return breach(
            IAM_DESCRIPTION_RULE,
            description,
            `has ${JSON.stringify(bad)} (U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}), which IAM refuses`,
        );
    }
    return undefined;
}
