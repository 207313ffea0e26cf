import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ADDON_NAMESPACE_UNKNOWN,
    checkAddonSettings,
    checkResolvedVersion,
    defaultAddonRole,
    missingRoleProblem,
} from "../model/addon";
import { eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import { FIXED_NAME } from "../core/fixedName";
import type { PodIdentityAddonArgs } from "../model/inputs/addon";
import { PodIdentityRole } from "./role";
import { claimServiceAccounts } from "../model/claims";
import { checkAgentArgs, checkRoleArgs } from "../model/args";
import { roleArnProblem } from "../model/rules/iam";
import { addonTypoOf } from "../model/rules/addons";
import { known, Problems } from "../model/problems";

export type { PodIdentityAddonArgs } from "../model/inputs/addon";

/**
 * An EKS add-on (EBS CSI, VPC CNI, EFS CSI, ...) that takes its IAM role through the add-on's
 * own Pod Identity association: EKS creates and deletes that association with the add-on. No
 * standalone association and no Kubernetes service account are created; the cluster needs
 * the Pod Identity agent (PodIdentityAgent) like any association.
 */
export class PodIdentityAddon extends pulumi.ComponentResource {
    /** The IAM role, when this component creates it (a PodIdentityRole child). */
    public readonly role?: aws.iam.Role;
    /** The ARN of the role the add-on's association uses. */
    public readonly roleArn: pulumi.Output<string>;
    /** The EKS add-on. */
    public readonly addon: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;
    /** The service account the add-on's association names. */
    public readonly serviceAccount: string;

    constructor(name: string, args: PodIdentityAddonArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const target = checkAddonSettings(problems, args, {
            addonName: "addonName",
            serviceAccount: "serviceAccount",
            version: "version",
        });
        // Explicit role args win; otherwise the add-on's own preset, when it needs no options.
        const preset =
            args.role || args.roleArn !== undefined ? undefined : defaultAddonRole(args.addonName);
        const roleArgs = args.role ?? (preset && { ...preset, tags: args.tags });
        if (args.role && args.roleArn !== undefined) {
            problems.add("roleArn", "give either role (to create the role) or roleArn, not both.");
        } else if (!roleArgs && args.roleArn === undefined && !addonTypoOf(args.addonName)) {
            problems.add("role", missingRoleProblem(args.addonName));
        }
        if (args.role) {
            checkRoleArgs(problems, args.role, "role.");
        }
        const arn = known(args.roleArn);
        const arnProblem = arn === undefined ? undefined : roleArnProblem(arn);
        if (arnProblem) {
            problems.add("roleArn", arnProblem);
        }
        checkAgentArgs(problems, { kubernetesVersion: args.kubernetesVersion });
        problems.throwIfAny("PodIdentityAddon", name);
        // The args are not recorded as the component's inputs (see PodIdentityRole): the role's
        // and the add-on's resources record what matters.
        super("eks-pod-identity:index:PodIdentityAddon", name, {}, opts);
        this.serviceAccount = target!.serviceAccount;

        // EKS owns the add-on's association: a standalone one (PodIdentity, PodIdentityBinding)
        // or another add-on's for the same service account is refused in the program-wide
        // register before anything here is created; with a cluster name not known yet, the
        // role and the add-on wait for the check.
        const claimGuard = claimServiceAccounts(this, [
            {
                clusterName: args.clusterName,
                namespace: target!.namespace ?? ADDON_NAMESPACE_UNKNOWN,
                serviceAccount: this.serviceAccount,
                awsProvider: this.getProvider("aws::"),
                claimant: `PodIdentityAddon "${name}"`,
                addon: args.addonName,
                within: opts?.parent,
            },
        ]);
        const guarded: pulumi.CustomResourceOptions = claimGuard ? { dependsOn: claimGuard } : {};

        if (roleArgs) {
            this.role = new PodIdentityRole(name, roleArgs, { parent: this, ...guarded }).role;
        }
        this.roleArn = this.role ? this.role.arn : pulumi.output(args.roleArn!);

        const addonVersion = checkResolvedVersion(
            this,
            args.addonName,
            resolveAddonVersion(args, this),
        );
        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: args.addonName,
                addonVersion,
                podIdentityAssociations: [
                    { roleArn: this.roleArn, serviceAccount: this.serviceAccount },
                ],
                ...eksAddonInputs(args),
            },
            // One add-on of a name per cluster: replaced delete-first (see fixedName.ts).
            { parent: this, ...guarded, ...FIXED_NAME },
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({
            role: this.role,
            roleArn: this.roleArn,
            addon: this.addon,
            addonVersion: this.addonVersion,
            serviceAccount: this.serviceAccount,
        });
    }
}
