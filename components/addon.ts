import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    ADDON_NAMESPACE_UNKNOWN,
    AddonAssociationModel,
    checkResolvedVersion,
} from "../model/addon";
import { eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import type { PodIdentityAddonArgs } from "../model/inputs/addon";
import { ownAssociations, standaloneAssociations } from "../eks/addonAssociations";
import { defaultRoleArgs } from "../eks/addonRole";
import { ipFamilyOf } from "../eks/ipFamily";
import { FIXED_NAME } from "../core/fixedName";
import { allGuards, guardedBy } from "../model/checkFailure";
import { LaterGuards, within } from "../model/later";
import { ClusterLookup, ClusterUse } from "../model/lookups";
import { ADDON_HANDOVER, parseAddon } from "../model/parse/addon";
import { ROLE_HANDOVER } from "../model/parse/role";
import { agentNeeded } from "../model/register/agentNeeded";
import { addonClaim, claim, serviceAccountClaim } from "../model/register/claims";
import { PodIdentityRole } from "./role";

export type {
    AddonNamespaceConfig,
    AddonServiceAccount,
    PodIdentityAddonArgs,
} from "../model/inputs/addon";

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
        // Parsed once: by this constructor, or by the PodIdentity that installs it on a cluster.
        const handed = ADDON_HANDOVER.take(args);
        const parsed = handed ?? parseAddon(name, args);
        const addon = parsed.model;
        // The args are not recorded as the component's inputs (see PodIdentityRole): the role's
        // and the add-on's resources record what matters.
        super("eks-pod-identity:index:PodIdentityAddon", name, {}, opts);
        const { associations, namespace, preserve } = addon;
        this.serviceAccounts = associations.map((a) => a.serviceAccount);
        this.serviceAccount = this.serviceAccounts[0];

        // EKS allows one association per service account: a standalone one (PodIdentity,
        // PodIdentityBinding) or another add-on's for the same service account is refused in
        // the program-wide register before anything here is created, as is the same add-on
        // twice on a cluster; with a cluster name not known yet, the roles and the add-on wait
        // for the check. (The PodIdentity that installs one claimed it already.)
        const awsProvider = this.getProvider("aws::");
        const claimant = `PodIdentityAddon "${name}"`;
        const claimGuard = handed
            ? undefined
            : claim(this, [
                  ...this.serviceAccounts.map((serviceAccount) =>
                      serviceAccountClaim({
                          clusterName: addon.clusterName,
                          namespace: namespace ?? ADDON_NAMESPACE_UNKNOWN,
                          serviceAccount,
                          awsProvider,
                          claimant,
                          addon: addon.addonName,
                      }),
                  ),
                  addonClaim({
                      clusterName: addon.clusterName,
                      addonName: addon.addonName,
                      awsProvider,
                      claimant,
                  }),
              ]);
        // Its pods get credentials only through the Pod Identity agent (agentNeeded.ts).
        const agentGuard = addon.agent
            ? agentNeeded(this, {
                  clusterName: addon.clusterName,
                  awsProvider,
                  claimant,
                  addonName: addon.addonName,
              })
            : undefined;
        // Values known only at deployment are checked once known: each role's own by the role,
        // the rest before the roles and the add-on.
        const later = new LaterGuards(this, parsed.component, parsed.later);
        const addonGuard = later.of(
            "addon",
            (path) => !associations.some((a) => within(path, `${a.roleAt}role`)),
        );

        // One DescribeCluster at most, shared by the version and the IP family.
        const cluster = new ClusterLookup(this, addon.clusterName, { parent: this });
        const clusterLookup = (use: ClusterUse) => cluster.of(use);
        // A resolved version too old for Pod Identity associations stops the roles too: the
        // add-on could not take them.
        const addonVersion = checkResolvedVersion(
            this,
            addon.addonName,
            resolveAddonVersion({ ...addon.options, ...addon }, this, clusterLookup),
        );
        const version = addon.options.version ?? "default";
        const versionGuard =
            version === "default" || version === "latest" ? guardedBy(addonVersion) : undefined;
        const guarded: pulumi.CustomResourceOptions = {
            dependsOn: allGuards([claimGuard, agentGuard, addonGuard, versionGuard]),
        };

        let partition: pulumi.Output<string> | undefined;
        const context = {
            partition: () => (partition ??= aws.getPartitionOutput({}, { parent: this }).partition),
            ipFamilies: () => [addon.ipFamily ?? ipFamilyOf(clusterLookup("ipFamily"))],
            tags: addon.options.tags,
        };
        const roleOf = (association: AddonAssociationModel) => {
            if (association.roleArn !== undefined) {
                return { arn: pulumi.output(association.roleArn) };
            }
            const role = new PodIdentityRole(
                association.roleName,
                ROLE_HANDOVER.pass({
                    model: association.role ?? defaultRoleArgs(association.defaults!, context),
                    later: parsed.later.filter((check) =>
                        within(check.propertyPath, `${association.roleAt}role`),
                    ),
                    component: parsed.component,
                    at: `${association.roleAt}role.`,
                }),
                { parent: this, ...guarded },
            );
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

        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: addon.clusterName,
                addonName: addon.addonName,
                addonVersion,
                namespaceConfig: addon.namespaceConfig,
                podIdentityAssociations: ownAssociations(withRoles, preserve),
                ...eksAddonInputs({ ...addon.options, preserve }),
            },
            // One add-on of a name per cluster: replaced delete-first (see fixedName.ts).
            { parent: this, ...guarded, ...FIXED_NAME },
        );
        standaloneAssociations(
            name,
            withRoles,
            preserve,
            {
                clusterName: addon.clusterName,
                namespace: namespace!,
                addon: this.addon,
                tags: addon.options.tags,
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
