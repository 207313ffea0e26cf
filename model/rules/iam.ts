import { parseRoleArn } from "../../iam/arn";

/** Why an IAM role name is invalid, or undefined when valid. */
export function roleNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 64) {
        return `"${name}" has ${name.length} characters; IAM role names have 1 to 64.`;
    }
    if (!/^[\w+=,.@-]+$/.test(name)) {
        return `"${name}" has characters IAM does not allow in role names: use letters, digits and + = , . @ _ -.`;
    }
    return undefined;
}

/** Why an IAM path is invalid, or undefined when valid. */
export function iamPathProblem(path: string): string | undefined {
    if (path === "/") {
        return undefined;
    }
    if (path.length > 512 || !/^\/[\x21-\x7e]+\/$/.test(path) || path.includes("//")) {
        return `"${path}" is not an IAM path: it must start and end with "/", e.g. "/pods/".`;
    }
    return undefined;
}

/** Why a maximum session duration is invalid, or undefined when valid. */
export function sessionDurationProblem(seconds: number): string | undefined {
    if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
        return `${seconds} is outside IAM's range: use whole seconds from 3600 (1 hour) to 43200 (12 hours).`;
    }
    return undefined;
}

/** Why a value is not an IAM role ARN, or undefined when it is. */
export function roleArnProblem(arn: string): string | undefined {
    if (!parseRoleArn(arn)) {
        return (
            `"${arn}" is not an IAM role ARN such as arn:aws:iam::123456789012:role/my-role ` +
            `(an instance profile, user or policy ARN will not do).`
        );
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
