/** Shape checks of the `role` configuration key (PodIdentityRole arguments). */
import type { PodIdentityRoleArgs } from "../index";
import { IAM_QUOTAS } from "../model/rules/quotas";
import {
    checkInteger,
    checkObject,
    checkString,
    checkStringList,
    checkStringMap,
    optional,
    Problems,
} from "./checks";

const POLICY_ARN = {
    pattern: /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
    hint: "an IAM policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
};

type Check = (value: unknown, path: string, problems: Problems) => unknown;

const ROLE_CHECKS: Record<string, Check> = {
    name: (v, p, pr) => checkString(v, p, pr),
    path: (v, p, pr) => checkString(v, p, pr),
    description: (v, p, pr) => checkString(v, p, pr),
    maxSessionDuration: (v, p, pr) => checkInteger(v, p, pr, { min: 3600, max: 43200 }),
    permissionsBoundary: (v, p, pr) => checkString(v, p, pr, POLICY_ARN),
    tags: (v, p, pr) => checkStringMap(v, p, pr, 50),
    trust: checkTrust,
    managedPolicyArns: (v, p, pr) => checkStringList(v, p, pr, POLICY_ARN),
    policyArns: checkPolicyArnMap,
    statements: checkStatements,
    quotas: (v, p, pr) => {
        const quotas = checkObject(v, p, pr, ["managedPoliciesPerRole", "trustPolicySize"]);
        for (const name of Object.keys(IAM_QUOTAS) as (keyof typeof IAM_QUOTAS)[]) {
            optional(quotas ?? {}, name, p, (item, itemPath) =>
                checkInteger(item, itemPath, pr, { min: 1, max: IAM_QUOTAS[name].max }),
            );
        }
        return quotas;
    },
};

/** One string or a list of strings: IAM's grammar takes both in statements and conditions. */
function checkStringOrList(value: unknown, path: string, problems: Problems): unknown {
    return typeof value === "string" ? value : checkStringList(value, path, problems);
}

/**
 * Checks the shape of the role's arguments. Other keys (`presets`, and any argument
 * PodIdentityRole gains later) pass through to PodIdentityRole, whose own checks judge them
 * and report by configuration key (see `parseRootConfig`).
 */
export function checkRole(
    value: unknown,
    path: string,
    problems: Problems,
): PodIdentityRoleArgs | undefined {
    const fields = checkObject(value, path, problems);
    if (!fields) {
        return undefined;
    }
    const before = problems.list.length;
    for (const [name, check] of Object.entries(ROLE_CHECKS)) {
        optional(fields, name, path, (item, itemPath) => check(item, itemPath, problems));
    }
    return problems.list.length === before ? fields : undefined;
}

const TRUST_LISTS = [
    "sourceAccounts",
    "sourceOrgIds",
    "namespaces",
    "serviceAccounts",
    "clusterNames",
];

function checkTrust(value: unknown, path: string, problems: Problems): unknown {
    const fields = checkObject(value, path, problems, [...TRUST_LISTS, "conditions"]);
    if (fields) {
        for (const list of TRUST_LISTS) {
            optional(fields, list, path, (item, itemPath) =>
                checkStringList(item, itemPath, problems),
            );
        }
        optional(fields, "conditions", path, (item, itemPath) =>
            checkConditionBlock(item, itemPath, problems),
        );
    }
    return fields;
}

function checkPolicyArnMap(value: unknown, path: string, problems: Problems): unknown {
    const map = checkStringMap(value, path, problems);
    for (const [name, arn] of Object.entries(map ?? {})) {
        checkString(arn, `${path}.${name}`, problems, POLICY_ARN);
    }
    return map;
}

function checkConditionBlock(value: unknown, path: string, problems: Problems): unknown {
    const operators = checkObject(value, path, problems);
    for (const [operator, keys] of Object.entries(operators ?? {})) {
        const block = checkObject(keys, `${path}.${operator}`, problems);
        for (const [conditionKey, values] of Object.entries(block ?? {})) {
            checkStringOrList(values, `${path}.${operator}.${conditionKey}`, problems);
        }
    }
    return operators;
}

const STATEMENT_KEYS = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

function checkStatements(value: unknown, path: string, problems: Problems): unknown {
    if (!Array.isArray(value)) {
        problems.add(path, "must be a list of IAM statements");
        return undefined;
    }
    value.forEach((item, index) => {
        const at = `${path}[${index}]`;
        const statement = checkObject(item, at, problems, STATEMENT_KEYS);
        if (!statement) {
            return;
        }
        optional(statement, "Sid", at, (v, p) =>
            checkString(v, p, problems, { pattern: /^[A-Za-z0-9]*$/, hint: "letters and digits" }),
        );
        optional(statement, "Effect", at, (v, p) => checkString(v, p, problems));
        for (const list of ["Action", "NotAction", "Resource", "NotResource"]) {
            optional(statement, list, at, (v, p) => checkStringOrList(v, p, problems));
        }
        optional(statement, "Condition", at, (v, p) => checkConditionBlock(v, p, problems));
    });
    return value;
}
