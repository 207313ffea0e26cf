/** The parts of an IAM role ARN (`arn:<partition>:iam::<account>:role/<path><name>`). */
export interface RoleArnParts {
    partition: string;
    accountId: string;
    /** The role name: the last segment, unique in its account whatever the path. */
    roleName: string;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;
const CLUSTER_ARN = /^arn:[^:]+:eks:[^:]*:[^:]*:cluster\/.+$/;

/** Splits an IAM role ARN into its parts; undefined when it is not one. */
export function parseRoleArn(arn: string): RoleArnParts | undefined {
    const match = ROLE_ARN.exec(arn);
    return match ? { partition: match[1], accountId: match[2], roleName: match[3] } : undefined;
}

/** True for an EKS cluster ARN; wildcards (`*`, `?`) may stand for any part. */
export function isClusterArn(value: string): boolean {
    return CLUSTER_ARN.test(value);
}

/**
 * The name of the role an IAM role ARN names. Throws, naming `property`, when `arn` is not
 * an IAM role ARN.
 */
export function roleNameFromArn(arn: string, property = "roleArn"): string {
    const parts = parseRoleArn(arn);
    if (!parts) {
        throw new Error(
            `${property}: "${arn}" is not an IAM role ARN; expected ` +
                `arn:<partition>:iam::<12-digit account>:role/<name>.`,
        );
    }
    return parts.roleName;
}

/** The account root principal (`arn:<partition>:iam::<account>:root`) of a role ARN. */
export function accountRootOf(roleArn: string, property = "trustedRoleArns"): string {
    const parts = parseRoleArn(roleArn);
    if (!parts) {
        throw new Error(
            `${property}: "${roleArn}" is not an IAM role ARN; expected ` +
                `arn:<partition>:iam::<12-digit account>:role/<name>.`,
        );
    }
    return `arn:${parts.partition}:iam::${parts.accountId}:root`;
}
