import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { claimAddonServiceAccount } from "./addons/claims";
import {
    checkAddonSettings,
    checkResolvedVersion,
    defaultAddonRole,
    missingRoleProblem,
} from "./addons/validate";
import { EksAddonOptions, eksAddonInputs, resolveAddonVersion } from "./eksAddon";
import { FIXED_NAME } from "./fixedName";
import { PodIdentityRole, PodIdentityRoleArgs } from "./role";
import { checkAgentArgs, checkRoleArgs } from "./validation/args";
import { roleArnProblem } from "./validation/iam";
import { known, Problems } from "./validation/problems";

/** Arguments of {@link PodIdentityAddon}. */
export interface PodIdentityAddonArgs extends EksAddonOptions {
    /** Name of the EKS cluster to install the add-on on (`clusterName`). */
    clusterName: pulumi.Input<string>;
    /**
     * The cluster's Kubernetes version, e.g. `1.31`, used to pick the add-on version.
     * Default: looked up with `aws.eks.getCluster` (one call) when `version` is `default` or
     * `latest`.
     */
    kubernetesVersion?: pulumi.Input<string>;
    /**
     * The EKS add-on (`addonName`), e.g. `aws-ebs-csi-driver`, `vpc-cni`,
     * `aws-efs-csi-driver`. The add-ons listed in docs/addons.md get their service account,
     * minimum version and permission preset from this package.
     */
    addonName: string;
    /**
     * Creates the add-on's role with these arguments (as PodIdentityRole does). At most one
     * of `role` and `roleArn`. Default: for a known add-on whose permission preset needs no
     * options, a role with that preset (e.g. `ebsCsi` for `aws-ebs-csi-driver`); otherwise one
     * of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /** An existing role for the add-on (`podIdentityAssociations[].roleArn`). Default: none. */
    roleArn?: pulumi.Input<string>;
    /**
     * The add-on's service account the association names
     * (`podIdentityAssociations[].serviceAccount`). Default: the one DescribeAddonConfiguration
     * reports for a known add-on (e.g. `ebs-csi-controller-sa`); required for other add-ons
     * and for add-ons with several (ADOT).
     */
    serviceAccount?: string;
}

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
        } else if (!roleArgs && args.roleArn === undefined) {
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
        if (target && problems.list.length === 0) {
            const clash = claimAddonServiceAccount({
                clusterName: args.clusterName,
                provider: opts?.provider,
                namespace: target.namespace,
                serviceAccount: target.serviceAccount,
                owner: `PodIdentityAddon "${name}"`,
            });
            if (clash) {
                problems.add("serviceAccount", clash);
            }
        }
        problems.throwIfAny("PodIdentityAddon", name);
        // The args are not recorded as the component's inputs (see PodIdentityRole): the role's
        // and the add-on's resources record what matters.
        super("eks-pod-identity:index:PodIdentityAddon", name, {}, opts);
        this.serviceAccount = target!.serviceAccount;

        if (roleArgs) {
            this.role = new PodIdentityRole(name, roleArgs, { parent: this }).role;
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
            { parent: this, ...FIXED_NAME },
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
