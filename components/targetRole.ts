import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createRole } from "../iam/iamRole";
import { attachPermissions } from "../iam/permissions";
import type { PodIdentityTargetRoleArgs } from "../model/inputs/targetRole";
import { targetRoleTrustPolicy, targetTrustProblems } from "../iam/targetTrustPolicy";
import { checkRoleArgs, sessionTagPermissionReason } from "../model/args";
import { Problems } from "../model/problems";
import { sessionTagPermissionPaths } from "../model/sessionTags";
import { checkTargetTrustSize } from "../model/roleSizes";
import { warnOnAdminPermissions } from "../model/warnings";

export type { PodIdentityTargetRoleArgs } from "../model/inputs/targetRole";

/**
 * The IAM role, usually in another account, that pods reach through an association's
 * `targetRoleArn` (EKS Pod Identity role chaining): trusted by the association roles' accounts
 * only for those roles, and only for the clusters, namespaces and service accounts (or the
 * external ids) given. Create it with the target account's AWS provider.
 */
export class PodIdentityTargetRole extends pulumi.ComponentResource {
    /** The IAM role. */
    public readonly role: aws.iam.Role;
    /** The role's ARN, for associations (`targetRoleArn`). */
    public readonly arn: pulumi.Output<string>;
    /** The role's name. */
    public readonly roleName: pulumi.Output<string>;
    /** The trust policy JSON (sorted keys), exactly as sent to IAM. */
    public readonly trustPolicy: pulumi.Output<string>;

    constructor(
        name: string,
        args: PodIdentityTargetRoleArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        // Before super(): bad input must not register even the component.
        const problems = new Problems();
        for (const problem of targetTrustProblems(args)) {
            problems.add(problem.propertyPath, problem.reason);
        }
        checkRoleArgs(problems, args);
        checkTargetTrustSize(problems, args, args.quotas);
        if (args.sessionTags === false) {
            // Session tags are transitive into the target role's session (EKS User Guide,
            // pod-id-abac.html, "Cross-account tags"); with them off there are none to read.
            for (const path of sessionTagPermissionPaths(args)) {
                problems.add("sessionTags", sessionTagPermissionReason(path, "sessionTags: false"));
            }
        }
        problems.throwIfAny("PodIdentityTargetRole", name);
        // Args are not recorded as inputs, so the role does not wait for what its permissions name.
        super("eks-pod-identity:index:PodIdentityTargetRole", name, {}, opts);
        warnOnAdminPermissions(args.managedPolicyArns, args.statements, this);

        const sessionTags = args.sessionTags ?? true;
        this.trustPolicy = pulumi
            .all([
                pulumi.all(args.trustedRoleArns),
                pulumi.all(args.clusterArns ?? []),
                pulumi.all(args.namespaces ?? []),
                pulumi.all(args.serviceAccounts ?? []),
                pulumi.all(args.externalIds ?? []),
            ])
            .apply(([trustedRoleArns, clusterArns, namespaces, serviceAccounts, externalIds]) =>
                targetRoleTrustPolicy({
                    trustedRoleArns,
                    clusterArns,
                    namespaces,
                    serviceAccounts,
                    externalIds,
                    sessionTags,
                }),
            );
        this.role = createRole(
            name,
            args,
            this.trustPolicy,
            `EKS Pod Identity target role ${name}`,
            this,
        );
        this.arn = this.role.arn;
        this.roleName = this.role.name;
        attachPermissions(name, this.role, args, this);

        this.registerOutputs({
            role: this.role,
            arn: this.arn,
            roleName: this.roleName,
            trustPolicy: this.trustPolicy,
        });
    }
}
