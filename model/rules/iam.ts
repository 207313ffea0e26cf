import { parseRoleArn } from "../../iam/arn";
import { ROLE_ARN_RULE } from "./arns";
import { breach, defineRule } from "./rule";
import { SOURCES } from "./sources";

export { iamPathProblem, roleNameProblem } from "./names";

export const SESSION_DURATION_RULE = defineRule({
    id: "iam-max-session-duration",
    concern: "iam",
    rule: "a role's MaxSessionDuration is a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)",
    fix: "Pick a value in range; Pod Identity refreshes credentials itself, so 3600 is enough.",
    source: SOURCES.iamCreateRole,
});

/** Why a maximum session duration is invalid, or undefined when valid. */
export function sessionDurationProblem(seconds: number): string | undefined {
    if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
        return breach(SESSION_DURATION_RULE, seconds, "is outside IAM's range");
    }
    return undefined;
}

/** Why a value is not an IAM role ARN, or undefined when it is. */
export function roleArnProblem(arn: string): string | undefined {
    if (!parseRoleArn(arn)) {
        return breach(ROLE_ARN_RULE, arn, "is not an IAM role ARN");
    }
    return undefined;
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`, ...). */
export function partitionOfArn(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts[0] === "arn" ? parts[1] : undefined;
}

/** Partitions where AWS announced Pod Identity as unavailable. */
export const UNANNOUNCED_PARTITIONS: { [partition: string]: string } = {
    "aws-us-gov": "AWS GovCloud (US)",
    "aws-cn": "the AWS China regions",
};

/** The AWS managed policy that grants everything. */
export const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** True for a statement that allows every action on every resource. */
export function isAllowAll(statement: {
    Effect?: string;
    Action?: unknown;
    Resource?: unknown;
}): boolean {
    const all = (value: unknown) =>
        value === "*" || (Array.isArray(value) && value.some((item) => item === "*"));
    return (
        (statement.Effect ?? "Allow") === "Allow" &&
        all(statement.Action) &&
        all(statement.Resource)
    );
}
