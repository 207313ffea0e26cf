import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADDON_NAMESPACE_UNKNOWN, checkResolvedVersion } from "../model/addon";
import { eksAddonInputs, resolveAddonVersion } from "../eks/eksAddon";
import { FIXED_NAME } from "../core/fixedName";
import { allGuards, guardedBy } from "../model/checkFailure";
import type { PodIdentityAddonArgs } from "../model/inputs/addon";
import { LaterGuards, within } from "../model/later";
import { ADDON_HANDOVER, parseAddon } from "../model/parse/addon";
import { ROLE_HANDOVER } from "../model/parse/role";
import { PodIdentityRole } from "./role";
import { agentNeeded } from "../model/register/agentNeeded";
import { addonClaim, claim, serviceAccountClaim } from "../model/register/claims";

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
        // Parsed once: by this constructor, or by the PodIdentity that installs it on a cluster.
        const handed = ADDON_HANDOVER.take(args);
        const parsed = handed ?? parseAddon(name, args);
        const addon = parsed.model;
        // The args are not recorded as the component's inputs (see PodIdentityRole): the role's
        // and the add-on's resources record what matters.
        super("eks-pod-identity:index:PodIdentityAddon", name, {}, opts);
        this.serviceAccount = addon.target.serviceAccount;

        // EKS owns the add-on's association: a standalone one (PodIdentity, PodIdentityBinding)
        // or another add-on's for the same service account is refused in the program-wide
        // register before anything here is created, as is the same add-on twice on a cluster;
        // with a cluster name not known yet, the role and the add-on wait for the check. (The
        // PodIdentity that installs one claimed it already, for all it creates.)
        const awsProvider = this.getProvider("aws::");
        const claimant = `PodIdentityAddon "${name}"`;
        const claimGuard = handed
            ? undefined
            : claim(this, [
                  serviceAccountClaim({
                      clusterName: addon.clusterName,
                      namespace: addon.target.namespace ?? ADDON_NAMESPACE_UNKNOWN,
                      serviceAccount: this.serviceAccount,
                      awsProvider,
                      claimant,
                      addon: addon.addonName,
                  }),
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
        // Values known only at deployment are checked once known: the role's own by the role,
        // the rest before the role and the add-on.
        const later = new LaterGuards(this, parsed.component, parsed.later);
        const addonGuard = later.of("addon", (path) => !within(path, "role"));
        // A resolved version too old for Pod Identity associations stops the role too: the
        // add-on could not take it.
        const addonVersion = checkResolvedVersion(
            this,
            addon.addonName,
            resolveAddonVersion({ ...addon.options, ...addon }, this),
        );
        const version = addon.options.version ?? "default";
        const versionGuard =
            version === "default" || version === "latest" ? guardedBy(addonVersion) : undefined;
        const guarded: pulumi.CustomResourceOptions = {
            dependsOn: allGuards([claimGuard, agentGuard, addonGuard, versionGuard]),
        };

        if (addon.role) {
            this.role = new PodIdentityRole(
                name,
                ROLE_HANDOVER.pass({
                    model: addon.role,
                    later: parsed.later.filter((check) => within(check.propertyPath, "role")),
                    component: parsed.component,
                    at: "role.",
                }),
                { parent: this, ...guarded },
            ).role;
        }
        this.roleArn = this.role ? this.role.arn : pulumi.output(addon.roleArn!);

        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: addon.clusterName,
                addonName: addon.addonName,
                addonVersion,
                podIdentityAssociations: [
                    { roleArn: this.roleArn, serviceAccount: this.serviceAccount },
                ],
                ...eksAddonInputs(addon.options),
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
