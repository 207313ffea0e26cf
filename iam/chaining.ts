import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseRoleArn } from "./arn";
import { stableStringify } from "../core/json";
import { policyDocument, PolicyDocument } from "./policyDocument";
import { iamNamePrefix } from "./autoName";

/** What EKS needs the association role to be allowed on a target role: nothing more. */
export const CHAIN_ACTIONS = ["sts:AssumeRole", "sts:TagSession"];
/** Statement id of the chaining permission. */
export const CHAIN_SID = "AssumePodIdentityTargetRoles";

/**
 * The association role's permission to chain into its target roles: `sts:AssumeRole` and
 * `sts:TagSession` on exactly those roles, listed sorted and once each.
 */
export function chainingPolicyDocument(targetRoleArns: string[]): PolicyDocument {
    targetRoleArns.forEach((arn, i) => {
        if (!parseRoleArn(arn)) {
            throw new Error(
                `targetRoleArn${targetRoleArns.length > 1 ? `[${i}]` : ""}: "${arn}" is not an ` +
                    `IAM role ARN (arn:<partition>:iam::<account>:role/<name>).`,
            );
        }
    });
    return policyDocument([
        {
            Sid: CHAIN_SID,
            Effect: "Allow",
            Action: [...CHAIN_ACTIONS],
            Resource: [...new Set(targetRoleArns)].sort(),
        },
    ]);
}

/**
 * One inline policy (`<name>`) on the association role that lets it assume the target roles.
 * The policy goes to the account of the AWS provider in `opts` (or of its parent), which
 * must be the role's account: callers check it (see accountCheck.ts).
 */
export function grantTargetRoleAssumption(
    name: string,
    roleName: pulumi.Input<string>,
    targetRoleArns: pulumi.Input<string>[],
    opts: pulumi.CustomResourceOptions,
): aws.iam.RolePolicy {
    return new aws.iam.RolePolicy(
        name,
        {
            ...iamNamePrefix(name, "policy"),
            role: roleName,
            policy: pulumi
                .all(targetRoleArns)
                .apply((arns) => stableStringify(chainingPolicyDocument(arns))),
        },
        opts,
    );
}
