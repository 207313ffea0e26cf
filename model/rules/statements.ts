/**
 * Policy statements and condition blocks: the operators IAM knows, value lists that hold
 * something, and the lists IAM accepts as one string too (`"Action": "s3:GetObject"`).
 */
export { asList } from "../../core/lists";
import { editDistance } from "./editDistance";
import { breach, defineRule, Rule } from "./rule";
import { SOURCES } from "./sources";

export const CONDITION_OPERATOR_RULE = defineRule({
    id: "iam-condition-operator",
    concern: "statements",
    rule: "a condition operator is one IAM knows (String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn*, Null), optionally with the IfExists suffix (not on Null) and the ForAllValues: or ForAnyValue: prefix",
    fix: "Fix the operator's spelling (operators are case-sensitive).",
    source: SOURCES.iamConditionOperators,
});

export const CONDITION_VALUES_RULE = defineRule({
    id: "iam-condition-values",
    concern: "statements",
    rule: "each condition key lists at least one value (a string, or a list of strings)",
    fix: "Name the values the key must match, or remove the key.",
    source: SOURCES.iamPolicyGrammar,
});

export const STATEMENT_LIST_RULE = defineRule({
    id: "iam-statement-lists",
    concern: "statements",
    rule: "Action, NotAction, Resource and NotResource hold one string or a non-empty list of strings",
    fix: 'Write e.g. Action: ["s3:GetObject"] (or the one string), and name at least one.',
    source: SOURCES.iamPolicyGrammar,
});

export const TRUST_LIST_RULE = defineRule({
    id: "trust-condition-list",
    concern: "statements",
    rule: "a trust field that is set narrows who may assume the role, so it names at least one value; an empty list would silently admit everyone",
    fix: "Name at least one value, or remove the field to admit any.",
    source: SOURCES.iamPolicyGrammar,
});

export const ACTION_FORM_RULE = defineRule({
    id: "iam-action-form",
    concern: "statements",
    rule: 'an action is "*" or <service prefix>:<action>, e.g. s3:GetObject (wildcards * and ? allowed in the action); IAM refuses any other form with MalformedPolicyDocument',
    fix: 'Write the service prefix, a colon and the action, e.g. "s3:GetObject".',
    source: SOURCES.iamPolicyGrammar,
});

export const RESOURCE_FORM_RULE = defineRule({
    id: "iam-resource-form",
    concern: "statements",
    rule: 'a resource is "*" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>); IAM refuses any other form with MalformedPolicyDocument',
    fix: 'Give the resource\'s ARN, e.g. arn:aws:s3:::my-bucket (not the bare name), or "*".',
    source: SOURCES.iamPolicyGrammar,
});

/** All the statement rules, for the catalogue. */
export const STATEMENT_RULES: Rule[] = [
    CONDITION_OPERATOR_RULE,
    CONDITION_VALUES_RULE,
    STATEMENT_LIST_RULE,
    TRUST_LIST_RULE,
    ACTION_FORM_RULE,
    RESOURCE_FORM_RULE,
];

/** Why an action (of Action or NotAction) is not of a form IAM takes; undefined when it is. */
export function actionFormProblem(action: string): string | undefined {
    return action === "*" || /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(action)
        ? undefined
        : breach(ACTION_FORM_RULE, action, "is not of the form <service prefix>:<action>");
}

/** Why a resource (of Resource or NotResource) is not "*" or an ARN; undefined when it is. */
export function resourceFormProblem(resource: string): string | undefined {
    return resource === "*" || resource.startsWith("arn:")
        ? undefined
        : breach(RESOURCE_FORM_RULE, resource, 'is neither an ARN nor "*"');
}

/** The operators of the IAM User Guide's condition operators page, without qualifiers. */
export const CONDITION_OPERATORS: readonly string[] = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

/** The set qualifiers of multivalued context keys. */
export const SET_QUALIFIERS: readonly string[] = ["ForAllValues:", "ForAnyValue:"];

/** True for an operator IAM accepts, qualifiers included. */
export function isConditionOperator(operator: string): boolean {
    const qualifier = SET_QUALIFIERS.find((q) => operator.startsWith(q));
    const rest = qualifier ? operator.slice(qualifier.length) : operator;
    const base = rest.endsWith("IfExists") ? rest.slice(0, -"IfExists".length) : rest;
    if (base === "Null") {
        return rest === "Null";
    }
    return CONDITION_OPERATORS.includes(base);
}

/**
 * The operator a mistyped one was probably meant to be: the same letters in another case, or
 * the nearest at most two edits away.
 */
function meant(operator: string): string | undefined {
    const lower = operator.toLowerCase();
    const candidates = CONDITION_OPERATORS.flatMap((op) => [
        op,
        `${op}IfExists`,
        ...SET_QUALIFIERS.flatMap((q) => [`${q}${op}`, `${q}${op}IfExists`]),
    ]).filter(isConditionOperator);
    const sameLetters = candidates.find((op) => op.toLowerCase() === lower);
    if (sameLetters) {
        return sameLetters;
    }
    let best: { op: string; distance: number } | undefined;
    for (const op of candidates) {
        const distance = editDistance(lower, op.toLowerCase());
        if (distance <= 2 && (!best || distance < best.distance)) {
            best = { op, distance };
        }
    }
    return best?.op;
}

/** Why an operator is not one IAM knows, or undefined when it is. */
export function conditionOperatorProblem(operator: string): string | undefined {
    if (isConditionOperator(operator)) {
        return undefined;
    }
    const fix = meant(operator);
    return breach(
        CONDITION_OPERATOR_RULE,
        operator,
        "is not a condition operator",
        fix ? `Write "${fix}".` : CONDITION_OPERATOR_RULE.fix,
    );
}

/** One problem of a condition block, at a path under the block. */
export interface BlockProblem {
    /** Path under the block, e.g. `.StringEquals["aws:SourceAccount"]`. */
    at: string;
    reason: string;
}

/** Unknown operators and keys without values in a condition block. */
export function conditionBlockProblems(block: unknown): BlockProblem[] {
    const problems: BlockProblem[] = [];
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
        return problems;
    }
    for (const [operator, keys] of Object.entries(block as Record<string, unknown>)) {
        const problem = conditionOperatorProblem(operator);
        if (problem) {
            problems.push({ at: `.${operator}`, reason: problem });
        }
        if (keys === null || typeof keys !== "object" || Array.isArray(keys)) {
            continue;
        }
        for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
            if (Array.isArray(values) && values.length === 0) {
                problems.push({
                    at: `.${operator}["${key}"]`,
                    reason: breach(CONDITION_VALUES_RULE, values, "is an empty list"),
                });
            }
        }
    }
    return problems;
}

/** Why a statement's list (Action, Resource, ...) is not one IAM takes; undefined when fine. */
export function statementListProblem(value: unknown): string | undefined {
    if (value === undefined || typeof value === "string") {
        return undefined;
    }
    if (Array.isArray(value) && value.length === 0) {
        return breach(STATEMENT_LIST_RULE, value, "is an empty list");
    }
    return undefined;
}

/** Why a trust field's list is empty; undefined when it names something (or is absent). */
export function trustListProblem(value: unknown): string | undefined {
    return Array.isArray(value) && value.length === 0
        ? breach(TRUST_LIST_RULE, value, "is an empty list")
        : undefined;
}
