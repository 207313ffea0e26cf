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

export const ACCOUNT_ID_RULE = defineRule({
    id: "aws-account-id",
    concern: "iam",
    rule: "an AWS account id is 12 digits (a policy variable such as ${aws:ResourceAccount} stands for one); a condition on another value matches no request",
    fix: 'Give the 12 digits, quoted in YAML ("012345678901") so that leading zeros stay.',
    source: SOURCES.accountIds,
});

export const ORGANIZATION_ID_RULE = defineRule({
    id: "aws-organization-id",
    concern: "iam",
    rule: "an AWS Organizations id is o- and 10 to 32 lower-case letters or digits (or the policy variable ${aws:ResourceOrgId}); a condition on another value matches no request",
    fix: "Copy the id from `aws organizations describe-organization`.",
    source: SOURCES.organizationIds,
});

/** Why a trust condition's account id can never match, or undefined. */
export function accountIdProblem(value: string): string | undefined {
    return /^\d{12}$/.test(value) || value.startsWith("${")
        ? undefined
        : breach(ACCOUNT_ID_RULE, value, "is not an AWS account id");
}

/** Why a trust condition's organisation id can never match, or undefined. */
export function organizationIdProblem(value: string): string | undefined {
    return /^o-[a-z0-9]{10,32}$/.test(value) || value.startsWith("${")
        ? undefined
        : breach(ORGANIZATION_ID_RULE, value, "is not an AWS Organizations id");
}

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
