import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksAddonSettings, eksAddonInputs, resolveAddonVersion } from "./eksAddon";
import { checkAgentArgs } from "./validation/args";
import { Problems } from "./validation/problems";

/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/** Arguments of {@link PodIdentityAgent}. */
export interface PodIdentityAgentArgs extends EksAddonSettings {
    /** Name of the EKS cluster to install the agent on (`clusterName`). */
    clusterName: pulumi.Input<string>;
    /**
     * Whether the cluster is an EKS Auto Mode cluster, which runs the agent itself: then no
     * add-on is created and `addonVersion` resolves to "". May be an Output of a cluster
     * lookup (PodIdentity passes its own lookup's `computeConfigs`); the add-on is then
     * registered once the lookup answers, which it does in previews too. Default: false.
     */
    autoMode?: pulumi.Input<boolean>;
}

/**
 * The `eks-pod-identity-agent` EKS add-on for one cluster, with its version resolved for
 * the cluster's Kubernetes version. One per cluster, shared by every role on it.
 */
export class PodIdentityAgent extends pulumi.ComponentResource {
    /**
     * The EKS add-on; undefined when `autoMode` is given as an Output, since the add-on then
     * exists only once the lookup answers (wait on `addonVersion` instead).
     */
    public readonly addon?: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;

    constructor(name: string, args: PodIdentityAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        checkAgentArgs(problems, args);
        problems.throwIfAny("PodIdentityAgent", name);
        super("eks-pod-identity:index:PodIdentityAgent", name, args, opts);

        const addonArgs: aws.eks.AddonArgs = {
            clusterName: args.clusterName,
            addonName: AGENT_ADDON_NAME,
            ...eksAddonInputs(args),
        };
        const install = () =>
            new aws.eks.Addon(
                name,
                {
                    ...addonArgs,
                    addonVersion: resolveAddonVersion(
                        { ...args, addonName: AGENT_ADDON_NAME },
                        this,
                    ),
                },
                { parent: this },
            );
        const autoMode = args.autoMode ?? false;
        if (typeof autoMode === "boolean") {
            this.addon = autoMode ? undefined : install();
            this.addonVersion = this.addon ? this.addon.addonVersion : pulumi.output("");
        } else {
            // Whether the add-on may exist at all is only known from the cluster lookup: the one
            // place where a resource is registered from a callback. Lookups answer in previews,
            // so previews still show the add-on.
            this.addonVersion = pulumi.output(autoMode).apply((isAutoMode) => {
                if (isAutoMode) {
                    void pulumi.log.info(
                        "EKS Auto Mode cluster: it runs the Pod Identity agent itself; no add-on installed.",
                        this,
                    );
                    return pulumi.output("");
                }
                return install().addonVersion;
            });
        }

        this.registerOutputs({ addon: this.addon, addonVersion: this.addonVersion });
    }
}
