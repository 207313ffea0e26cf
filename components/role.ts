import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createRole } from "../iam/iamRole";
import { attachPermissions } from "../iam/permissions";
import { podIdentityTrustPolicy } from "../iam/trustPolicy";
import type { PodIdentityRoleArgs } from "../model/inputs/role";
import { allGuards } from "../model/checkFailure";
import { LaterGuards } from "../model/later";
import { claimRoleName } from "../model/register/claims";
import { isPermissionPath, parseRole, ROLE_HANDOVER } from "../model/parse/role";
import {
    warnOnAdminPermissions,
    warnOnIrsaTrust,
    warnOnUnverifiedTrustConditions,
} from "../model/warnings";

export type { PodIdentityRoleArgs } from "../model/inputs/role";

/**
 * The IAM role that pods assume through EKS Pod Identity: trusted by
 * `pods.eks.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession`, and nothing in its
 * trust policy names a cluster, so one role serves any number of clusters.
 */
export class PodIdentityRole extends pulumi.ComponentResource {
    /** The IAM role. */
    public readonly role: aws.iam.Role;
    /** The role's ARN, for associations (`roleArn`). */
    public readonly arn: pulumi.Output<string>;
    /** The role's name. */
    public readonly roleName: pulumi.Output<string>;
    /** The trust policy JSON (sorted keys), exactly as sent to IAM. */
    public readonly trustPolicy: pulumi.Output<string>;
    /**
     * The role's ARN, resolved only once every permission of the role exists (inline policy,
     * managed-policy attachments, preset policies and their attachments). PodIdentity's
     * `ready` waits for it; give it as PodIdentityBinding's `roleArn` for the same there
     * (the association then waits for the permissions too).
     */
    public readonly readyArn: pulumi.Output<string>;

    constructor(
        name: string,
        args: PodIdentityRoleArgs = {},
        opts?: pulumi.ComponentResourceOptions,
    ) {
        // Parsed once: by this constructor, or by the component that builds this role from
        // its own parsed model (PodIdentity, PodIdentityAddon).
        const parsed = ROLE_HANDOVER.take(args) ?? parseRole(name, args);
        const role = parsed.model;
        // The args are not recorded as the component's inputs: the SDK would register the
        // component, and so the role, only once every Output in them had resolved, so the
        // role (and every association on it) would wait for whatever the permissions name,
        // such as a bucket being created. The role's resources record what matters.
        super("eks-pod-identity:index:PodIdentityRole", name, {}, opts);
        warnOnAdminPermissions(role.managedPolicyArns, role.statements, this);
        warnOnUnverifiedTrustConditions(role.trust, this);
        warnOnIrsaTrust(role.irsaTrust, name, this);

        // Values known only at deployment are checked once known: the role waits for the
        // checks of its settings and trust, each permission for those of the permissions.
        const guards = new LaterGuards(this, parsed.component, parsed.later);
        const relative = (path: string) => path.slice(parsed.at.length);
        const roleGuard = allGuards([
            guards.of("role", (path) => !isPermissionPath(relative(path))),
            // A name another role of the program has in the same account is refused.
            claimRoleName(this, role.name, parsed),
        ]);
        const permissionGuard = guards.of("permissions", (path) =>
            isPermissionPath(relative(path)),
        );

        this.trustPolicy = pulumi
            .output({ trust: role.trust ?? {}, irsa: role.irsaTrust ?? [] })
            .apply(({ trust, irsa }) => podIdentityTrustPolicy(trust, irsa));
        this.role = createRole(
            name,
            role,
            this.trustPolicy,
            `EKS Pod Identity role ${name}`,
            this,
            roleGuard,
        );
        this.arn = this.role.arn;
        this.roleName = this.role.name;
        const permissions = attachPermissions(name, this.role, role, this, permissionGuard);
        this.readyArn = pulumi
            .all([this.arn, ...permissions.map((permission) => permission.id)])
            .apply(([arn]) => arn);

        this.registerOutputs({
            role: this.role,
            arn: this.arn,
            roleName: this.roleName,
            trustPolicy: this.trustPolicy,
            readyArn: this.readyArn,
        });
    }
}
