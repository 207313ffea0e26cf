import { ResolvedStatement } from "../iam/policyDocument";
import { PresetContext } from "./preset";

/** A condition block of resolved values: operator -> key -> values. */
export type Conditions = { [operator: string]: { [conditionKey: string]: string[] } };

/**
 * Condition blocks merged operator by operator (a plain spread would let a later block's
 * `StringEquals` replace an earlier one's instead of adding to it).
 */
export function allOf(...blocks: (Conditions | undefined)[]): Conditions {
    const merged: Conditions = {};
    for (const block of blocks) {
        for (const [operator, keys] of Object.entries(block ?? {})) {
            merged[operator] = { ...(merged[operator] ?? {}), ...keys };
        }
    }
    return merged;
}

/** The wildcard resource, for actions that support no resource-level permissions. */
export const ANY_RESOURCE = ["*"];

/** An Allow statement. `sid` names the intent for whoever reads the policy in the console. */
export function allow(
    sid: string,
    actions: string[],
    resources: string[],
    condition?: Conditions,
): ResolvedStatement {
    const statement: ResolvedStatement = {
        Sid: sid,
        Effect: "Allow",
        Action: [...new Set(actions)],
        Resource: [...new Set(resources)],
    };
    if (condition && Object.keys(condition).length > 0) {
        statement.Condition = condition;
    }
    return statement;
}

/**
 * An ARN in the role's partition: `arn:<partition>:<service>:<region>:<account>:<resource>`.
 * Region defaults to any; account to the role's own (pass "" for global resources such as
 * S3 buckets or AWS-owned SSM parameters).
 */
export function arn(
    context: PresetContext,
    service: string,
    resource: string,
    options: { region?: string; account?: string } = {},
): string {
    const region = options.region ?? "*";
    const account = options.account ?? context.accountId;
    return `arn:${context.partition}:${service}:${region}:${account}:${resource}`;
}

/** A KMS condition that limits key use to requests a service makes on the pod's behalf. */
export function viaService(context: PresetContext, service: string): Conditions {
    return { StringLike: { "kms:ViaService": [`${service}.*.${context.dnsSuffix}`] } };
}

/** The KMS statements for reading data a service encrypted with customer managed keys. */
export function kmsDecrypt(
    sid: string,
    keyArns: string[] | undefined,
    condition?: Conditions,
): ResolvedStatement[] {
    return keyArns && keyArns.length > 0
        ? [allow(sid, ["kms:Decrypt", "kms:DescribeKey"], keyArns, condition)]
        : [];
}

/** The KMS statements for writing data a service encrypts with customer managed keys. */
export function kmsEncryptDecrypt(
    sid: string,
    keyArns: string[] | undefined,
    condition?: Conditions,
): ResolvedStatement[] {
    return keyArns && keyArns.length > 0
        ? [
              allow(
                  sid,
                  ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
                  keyArns,
                  condition,
              ),
          ]
        : [];
}

/** An optional list as a list, so preset files read without `?? []`. */
export function list<T>(values: T[] | undefined): T[] {
    return values ?? [];
}
