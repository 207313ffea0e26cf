import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createRole } from "../iam/iamRole";
import { attachPermissions } from "../iam/permissions";
import type { PodIdentityTargetRoleArgs } from "../model/inputs/targetRole";
import { targetRoleTrustPolicy } from "../iam/targetTrustPolicy";
import { allGuards } from "../model/checkFailure";
import { LaterGuards } from "../model/later";
import { claimRoleName } from "../model/register/claims";
import { isPermissionPath } from "../model/parse/role";
import { parseTargetRole } from "../model/parse/targetRole";
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
        // Parsed before super(): bad input must not register even the component.
        const parsed = parseTargetRole(name, args);
        const role = parsed.model;
        // Args are not recorded as inputs, so the role does not wait for what its permissions name.
        super("eks-pod-identity:index:PodIdentityTargetRole", name, {}, opts);
        warnOnAdminPermissions(role.managedPolicyArns, role.statements, this);

        // Values known only at deployment (e.g. the association roles' ARNs) are checked once
        // known; the trust policy is written only from values that passed.
        const guards = new LaterGuards(this, parsed.component, parsed.later);
        const roleGuard = allGuards([
            guards.of("role", (path) => !isPermissionPath(path)),
            claimRoleName(this, role.name, parsed),
        ]);
        const sessionTags = role.sessionTags ?? true;
        const lists = pulumi.all([
            pulumi.all(role.trustedRoleArns ?? []),
            pulumi.all(role.clusterArns ?? []),
            pulumi.all(role.namespaces ?? []),
            pulumi.all(role.serviceAccounts ?? []),
            pulumi.all(role.externalIds ?? []),
        ]);
        // Written once the checks of values known only now have passed: a trust policy that
        // cannot be written is reported by the check, once.
        const checked = roleGuard ? pulumi.all([lists, roleGuard]).apply(([read]) => read) : lists;
        this.trustPolicy = checked.apply(
            ([trustedRoleArns, clusterArns, namespaces, serviceAccounts, externalIds]) =>
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
            role,
            this.trustPolicy,
            `EKS Pod Identity target role ${name}`,
            this,
            roleGuard,
        );
        this.arn = this.role.arn;
        this.roleName = this.role.name;
        attachPermissions(
            name,
            this.role,
            role,
            this,
            guards.of("permissions", (path) => isPermissionPath(path)),
        );

        this.registerOutputs({
            role: this.role,
            arn: this.arn,
            roleName: this.roleName,
            trustPolicy: this.trustPolicy,
        });
    }
}
