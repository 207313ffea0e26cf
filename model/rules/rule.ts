/**
 * One AWS or Kubernetes rule that arguments are checked against, as data: what it says, where
 * AWS (or Kubernetes) says it, and how to fix a value that breaks it. The rules of each concern
 * live in their own file beside this one (names, arns, regions, tags, quotas, statements,
 * addons, iam, kubernetes); `catalog.ts` lists them all, and docs/troubleshooting.md is
 * generated from that list (`npm run docs:rules`).
 */

/** Where a rule comes from: a page of AWS's or Kubernetes' documentation, or a file we ship. */
export interface RuleSource {
    /** What the page is, as its readers know it, e.g. `IAM API reference, CreateRole`. */
    title: string;
    /** Its address. */
    url: string;
}

/** The concerns rules are filed under (one file each in model/rules/). */
export type RuleConcern =
    | "names"
    | "arns"
    | "regions"
    | "tags"
    | "quotas"
    | "statements"
    | "addons"
    | "iam"
    | "kubernetes";

/** One rule. */
export interface Rule {
    /** A stable id, e.g. `eks-cluster-name`; messages and the troubleshooting page name it. */
    id: string;
    /** The file it lives in. */
    concern: RuleConcern;
    /** What the rule says, as one sentence a user can act on. */
    rule: string;
    /** The usual fix; a check may give a more specific one. */
    fix: string;
    /** Where the rule is written down. */
    source: RuleSource;
}

/** Declares a rule (identity, for type checking and one place to find every declaration). */
export function defineRule(rule: Rule): Rule {
    return rule;
}

/** A value as a message shows it: strings quoted, long ones shortened, others as JSON. */
export function shown(value: unknown): string {
    if (typeof value === "string") {
        const short = value.length > 80 ? `${value.slice(0, 60)}…${value.slice(-12)}` : value;
        return JSON.stringify(short);
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/**
 * The reason of a problem: the value, what is wrong with it, the rule (with its id and
 * source) and the fix. The property path is added by the Problems collector.
 */
export function breach(rule: Rule, value: unknown, what: string, fix: string = rule.fix): string {
    return `${shown(value)} ${what}: ${rule.rule} (${rule.source.title}; rule ${rule.id}). ${fix}`;
}
