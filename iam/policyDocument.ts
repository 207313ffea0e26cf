import * as pulumi from "@pulumi/pulumi";
import { asList } from "../core/lists";

/**
 * `Allow` or `Deny`, the two IAM statement effects.
 */
export const StatementEffect = {
    Allow: "Allow",
    Deny: "Deny",
} as const;
/** See {@link StatementEffect}. */
export type StatementEffect = (typeof StatementEffect)[keyof typeof StatementEffect];

/**
 * IAM condition block: operator (e.g. `StringEquals`) -> condition key (e.g.
 * `aws:SourceAccount`) -> accepted values. Values are always lists, which is valid IAM JSON
 * and keeps the shape expressible in every Pulumi language.
 *
 * A type alias, not an interface: the component schema analyzer turns an interface into an
 * object type with its declared properties (here: none, so every condition would be lost in
 * Python, Go, C# and YAML), and an index-signature type into a map.
 */
export type ConditionBlock = {
    [operator: string]: { [conditionKey: string]: pulumi.Input<string>[] };
};

/**
 * One statement of an identity-based IAM policy, in AWS's JSON shape (`Effect`, `Action`,
 * `Resource`, `Condition`). Lists only, so that the same type works from Python, Go, C# and
 * YAML through the component schema.
 */
export interface PolicyStatement {
    /** Statement id. Default: none. */
    Sid?: string;
    /** `Allow` or `Deny`. Default: `Allow`. */
    Effect?: StatementEffect;
    /** Actions, e.g. `["s3:ListBucket"]`. One of `Action` / `NotAction` is required. */
    Action?: pulumi.Input<string>[];
    /** Actions excluded, instead of `Action`. */
    NotAction?: pulumi.Input<string>[];
    /** Resource ARNs the statement applies to. One of `Resource` / `NotResource` is required. */
    Resource?: pulumi.Input<string>[];
    /** Resources excluded, instead of `Resource`. */
    NotResource?: pulumi.Input<string>[];
    /** Condition block. Default: none. */
    Condition?: ConditionBlock;
}

/** A statement once every Input in it has resolved. */
export interface ResolvedStatement {
    Sid?: string;
    Effect: StatementEffect;
    Action?: string[];
    NotAction?: string[];
    Resource?: string[];
    NotResource?: string[];
    Principal?: { [kind: string]: string | string[] };
    Condition?: { [operator: string]: { [conditionKey: string]: string[] } };
}

/** An IAM policy document. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: ResolvedStatement[];
}

/** Wraps statements in a policy document with the current policy language version. */
export function policyDocument(statements: ResolvedStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * Fills in the default effect so that the rendered JSON is explicit, and writes Action,
 * NotAction, Resource and NotResource as lists: IAM's grammar takes one string or a list, and
 * a statement from another language or from JavaScript may hold one string.
 */
export function normaliseStatement(statement: pulumi.Unwrap<PolicyStatement>): ResolvedStatement {
    const lists = (["Action", "NotAction", "Resource", "NotResource"] as const).flatMap((key) => {
        const value = asList(statement[key] as string | string[] | undefined);
        return value === undefined ? [] : [[key, value] as const];
    });
    return {
        ...statement,
        ...Object.fromEntries(lists),
        Effect: statement.Effect ?? StatementEffect.Allow,
    };
}
