import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ADDON_NAMESPACE_UNKNOWN,
    AddonAssociationModel,
    checkAddonArgs,
    checkResolvedVersion,
} from "../model/addon";
import { EksAddonSettings, eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import { ownAssociations, standaloneAssociations } from "../eks/addonAssociations";
import { defaultRoleArgs } from "../eks/addonRole";
import { ipFamilyOf } from "../eks/ipFamily";
import { FIXED_NAME } from "../core/fixedName";
import { PodIdentityRole, PodIdentityRoleArgs } from "./role";
import { claimServiceAccounts } from "../model/claims";
import { Problems } from "../model/problems";

/** The namespace an add-on installs into (`namespaceConfig` of the EKS add-on). */
export interface AddonNamespaceConfig {
    /** The namespace, a DNS-1123 label, e.g. `storage`. */
    namespace: string;
}

/** One of an add-on's service accounts and the role it takes. */
export interface AddonServiceAccount {
    /**
     * The add-on's service account (`podIdentityAssociations[].serviceAccount`), e.g.
     * `adot-col-otlp-ingest`.
     */
    serviceAccount: string;
    /**
     * Creates this service account's role with these arguments (as PodIdentityRole does),
     * named `<name>/<service account>`. At most one of `role` and `roleArn`. Default: a role
     * with the service account's known permissions (docs/addons.md) when they need no
     * options; otherwise one of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /** An existing role for this service account. Default: none. */
    roleArn?: pulumi.Input<string>;
}

/** Arguments of {@link PodIdentityAddon}. */
export interface PodIdentityAddonArgs extends EksAddonSettings {
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
     * namespace, minimum version and default permissions from this package.
     */
    addonName: string;
    /**
     * Creates the add-on's role with these arguments (as PodIdentityRole does). At most one of
     * `role` and `roleArn`; not with `serviceAccounts`. Default: for a known add-on whose
     * default permissions need no options, a role with them (e.g. the `ebsCsi` preset for
     * `aws-ebs-csi-driver`); otherwise one of the two is required.
     */
    role?: PodIdentityRoleArgs;
    /**
     * An existing role for the add-on (`podIdentityAssociations[].roleArn`). Not with
     * `serviceAccounts`. Default: none.
     */
    roleArn?: pulumi.Input<string>;
    /**
     * The add-on's service account the association names
     * (`podIdentityAssociations[].serviceAccount`). Not with `serviceAccounts`. Default: the
     * one DescribeAddonConfiguration reports for a known add-on (e.g. `ebs-csi-controller-sa`);
     * required for other add-ons and for add-ons with several (ADOT).
     */
    serviceAccount?: string;
    /**
     * Several of the add-on's service accounts, each with its own role, e.g. ADOT's
     * collectors. EKS replaces all of an add-on's associations whenever one changes, so one
     * component owns them all. Instead of `serviceAccount`, `role` and `roleArn`. Default:
     * none (one association, from those three).
     */
    serviceAccounts?: AddonServiceAccount[];
    /**
     * The namespace to install the add-on into (`namespaceConfig`). EKS cannot move an
     * installed add-on: changing it replaces the add-on (deleted first, then created in the
     * new namespace), and with it the associations. Default: the add-on's own namespace.
     */
    namespaceConfig?: AddonNamespaceConfig;
    /**
     * The cluster's IP family, `ipv4` or `ipv6`, for a `vpc-cni` add-on's default permissions
     * (IPv6 clusters need `ec2:AssignIpv6Addresses` and the CNI's IPv6 policy). Default: the
     * cluster's `kubernetesNetworkConfig.ipFamily`, from the cluster lookup.
     */
    ipFamily?: string;
    /**
     * Keep the add-on's software running in the cluster when this component is deleted or
     * the add-on replaced (`preserve`). With it, the add-on's associations are standalone
     * `aws.eks.PodIdentityAssociation` children instead of the add-on's own (which EKS would
     * keep after the add-on, pointing at the role this component deletes), deleted with the
     * component. Without it, deleting the component deletes the add-on's software from the
     * cluster, and its associations with it. Default: true for `vpc-cni` (every pod's network
     * runs on it), false for other add-ons.
     */
    preserve?: boolean;
}

/**
 * An EKS add-on (EBS CSI, VPC CNI, EFS CSI, ...) that takes its IAM role through Pod Identity
 * associations for its own service accounts, owned by this component: nothing of them is
 * left when it is deleted. No Kubernetes service account is created (the add-on brings its
 * own); the cluster needs the Pod Identity agent (PodIdentityAgent) like any association.
 */
export class PodIdentityAddon extends pulumi.ComponentResource {
    /** The IAM role, when this component creates the role of its one association. */
    public readonly role?: aws.iam.Role;
    /**
     * The ARN of the role the add-on's association uses (with several, the first by service
     * account name; see `roleArns`).
     */
    public readonly roleArn: pulumi.Output<string>;
    /** The ARN of each association's role, by service account. */
    public readonly roleArns: pulumi.Output<{ [serviceAccount: string]: string }>;
    /** The EKS add-on. */
    public readonly addon: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;
    /**
     * The service account the add-on's association names (with several, the first by name;
     * see `serviceAccounts`).
     */
    public readonly serviceAccount: string;
    /** Every service account the add-on's associations name, sorted. */
    public readonly serviceAccounts: string[];

    constructor(name: string, args: PodIdentityAddonArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const model = checkAddonArgs(problems, name, args);
        problems.throwIfAny("PodIdentityAddon", name);
        // The args are not recorded as the component's inputs (see PodIdentityRole): the role's
        // and the add-on's resources record what matters.
        super("eks-pod-identity:index:PodIdentityAddon", name, {}, opts);
        const { associations, namespace, preserve } = model!;
        this.serviceAccounts = associations.map((a) => a.serviceAccount);
        this.serviceAccount = this.serviceAccounts[0];

        // EKS allows one association per service account: a standalone one (PodIdentity,
        // PodIdentityBinding) or another add-on's for the same service account is refused in
        // the program-wide register before anything here is created; with a cluster name not
        // known yet, the roles and the add-on wait for the check.
        const claimGuard = claimServiceAccounts(
            this,
            associations.map((association) => ({
                clusterName: args.clusterName,
                namespace: namespace ?? ADDON_NAMESPACE_UNKNOWN,
                serviceAccount: association.serviceAccount,
                awsProvider: this.getProvider("aws::"),
                claimant: `PodIdentityAddon "${name}"`,
                addon: args.addonName,
                within: opts?.parent,
            })),
        );
        const guarded: pulumi.CustomResourceOptions = claimGuard ? { dependsOn: claimGuard } : {};

        // One DescribeCluster at most, shared by the version and the IP family.
        let cluster: pulumi.Output<aws.eks.GetClusterResult> | undefined;
        const lookupCluster = () =>
            (cluster ??= aws.eks.getClusterOutput({ name: args.clusterName }, { parent: this }));
        let partition: pulumi.Output<string> | undefined;
        const context = {
            partition: () => (partition ??= aws.getPartitionOutput({}, { parent: this }).partition),
            ipFamilies: () => [args.ipFamily ?? ipFamilyOf(lookupCluster())],
            tags: args.tags,
        };
        const roleOf = (association: AddonAssociationModel) => {
            if (association.roleArn !== undefined) {
                return { arn: pulumi.output(association.roleArn) };
            }
            const roleArgs = association.role ?? defaultRoleArgs(association.defaults!, context);
            const role = new PodIdentityRole(association.roleName, roleArgs, {
                parent: this,
                ...guarded,
            });
            // The role's ARN once its permissions exist: the add-on's pods start with them (a
            // VPC CNI without them leaves new nodes NotReady).
            return { role, arn: role.readyArn };
        };
        const roles = associations.map(roleOf);
        if (associations.length === 1) {
            this.role = roles[0].role?.role;
        }
        const withRoles = associations.map((association, i) => ({
            serviceAccount: association.serviceAccount,
            roleArn: roles[i].arn,
        }));
        this.roleArn = roles[0].arn;
        this.roleArns = pulumi.output(
            Object.fromEntries(withRoles.map((a) => [a.serviceAccount, a.roleArn])),
        );

        const addonVersion = checkResolvedVersion(
            this,
            args.addonName,
            resolveAddonVersion(args, this, lookupCluster),
        );
        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: args.addonName,
                addonVersion,
                namespaceConfig: args.namespaceConfig,
                podIdentityAssociations: ownAssociations(withRoles, preserve),
                ...eksAddonInputs({ ...args, preserve }),
            },
            // One add-on of a name per cluster: replaced delete-first (see fixedName.ts).
            { parent: this, ...guarded, ...FIXED_NAME },
        );
        standaloneAssociations(
            name,
            withRoles,
            preserve,
            {
                clusterName: args.clusterName,
                namespace: namespace!,
                addon: this.addon,
                tags: args.tags,
            },
            this,
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({
            role: this.role,
            roleArn: this.roleArn,
            roleArns: this.roleArns,
            addon: this.addon,
            addonVersion: this.addonVersion,
            serviceAccount: this.serviceAccount,
            serviceAccounts: this.serviceAccounts,
        });
    }
}
