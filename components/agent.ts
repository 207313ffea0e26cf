import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIXED_NAME } from "./fixedName";
import { stableStringify } from "./json";
import { JsonValue } from "./types";
import { checkAgentArgs } from "./validation/args";
import { kubernetesVersionProblem } from "./validation/kubernetes";
import { Problems } from "./validation/problems";

/** The EKS add-on name of the Pod Identity agent. */
export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

/** Arguments of {@link PodIdentityAgent}. */
export interface PodIdentityAgentArgs {
    /** Name of the EKS cluster to install the agent on (`clusterName`). */
    clusterName: pulumi.Input<string>;
    /**
     * The cluster's Kubernetes version, e.g. `1.31`, used to pick the add-on version.
     * Default: looked up with `aws.eks.getCluster` (one call).
     */
    kubernetesVersion?: pulumi.Input<string>;
    /**
     * Add-on version (`addonVersion`): `default` (AWS's default for the Kubernetes version,
     * from DescribeAddonVersions), `latest` (the newest compatible version), or an exact
     * version such as `v1.3.4-eksbuild.1`. `default` and `latest` are resolved on every run,
     * so the add-on follows AWS's choice; pin an exact version to control upgrades. AWS
     * documents v1.3.4-eksbuild.1 as the minimum for a cluster that turns EKS Auto Mode on.
     * Default: `default`.
     */
    version?: string;
    /**
     * Add-on configuration (`configurationValues`), an object matching the add-on's
     * configuration schema (e.g. `{ tolerations: [...] }`); serialised with sorted keys.
     * Default: none.
     */
    configurationValues?: pulumi.Input<{ [key: string]: JsonValue }>;
    /**
     * What EKS does with fields that conflict with an existing install when creating the
     * add-on: `OVERWRITE`, `NONE`. Default: `OVERWRITE` (adopts a self-managed agent).
     */
    resolveConflictsOnCreate?: pulumi.Input<string>;
    /**
     * What EKS does with fields changed in the cluster when updating the add-on:
     * `OVERWRITE`, `PRESERVE`, `NONE`. Default: `OVERWRITE`.
     */
    resolveConflictsOnUpdate?: pulumi.Input<string>;
    /**
     * Keep the agent running in the cluster when this component is deleted (`preserve`):
     * other roles' workloads on the cluster still need it. Default: true.
     */
    preserve?: pulumi.Input<boolean>;
    /** Tags on the add-on. Default: none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * The `eks-pod-identity-agent` EKS add-on for one cluster, with its version resolved for
 * the cluster's Kubernetes version. One per cluster, shared by every role on it.
 *
 * Installed on EKS Auto Mode clusters too: Auto Mode nodes run the agent themselves, and the
 * add-on's DaemonSet keeps off them (node affinity `eks.amazonaws.com/compute-type NotIn
 * [fargate, hybrid, auto]` in the upstream eks-pod-identity-agent chart), so it serves only
 * the managed and self-managed nodes a cluster mixes in, which need it.
 */
export class PodIdentityAgent extends pulumi.ComponentResource {
    /** The EKS add-on. */
    public readonly addon: aws.eks.Addon;
    /** The installed add-on version. */
    public readonly addonVersion: pulumi.Output<string>;

    constructor(name: string, args: PodIdentityAgentArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        checkAgentArgs(problems, args);
        problems.throwIfAny("PodIdentityAgent", name);
        // The args are not recorded as the component's inputs, as in every component here: the
        // SDK would hold the add-on back until each Output in them resolved.
        super("eks-pod-identity:index:PodIdentityAgent", name, {}, opts);

        this.addon = new aws.eks.Addon(
            name,
            {
                clusterName: args.clusterName,
                addonName: AGENT_ADDON_NAME,
                addonVersion: resolveAddonVersion(args, this),
                configurationValues: args.configurationValues
                    ? pulumi.output(args.configurationValues).apply(stableStringify)
                    : undefined,
                resolveConflictsOnCreate: args.resolveConflictsOnCreate ?? "OVERWRITE",
                resolveConflictsOnUpdate: args.resolveConflictsOnUpdate ?? "OVERWRITE",
                preserve: args.preserve ?? true,
                tags: args.tags,
            },
            // `preserve` keeps the agent's pods running while a replacement deletes first.
            { parent: this, ...FIXED_NAME },
        );
        this.addonVersion = this.addon.addonVersion;

        this.registerOutputs({ addon: this.addon, addonVersion: this.addonVersion });
    }
}

/**
 * The add-on version to install: an exact version as given, or AWS's choice for the
 * cluster's Kubernetes version (one DescribeAddonVersions call, plus one DescribeCluster
 * when the Kubernetes version is not given).
 */
function resolveAddonVersion(
    args: PodIdentityAgentArgs,
    agent: PodIdentityAgent,
): pulumi.Input<string> {
    const invokeOpts: pulumi.InvokeOutputOptions = { parent: agent };
    const version = args.version ?? "default";
    if (version !== "default" && version !== "latest") {
        return version;
    }
    const kubernetesVersion =
        args.kubernetesVersion ??
        aws.eks.getClusterOutput({ name: args.clusterName }, invokeOpts).version.apply((found) => {
            const problem = kubernetesVersionProblem(found);
            if (problem) {
                throw new pulumi.ResourceError(`clusterName: ${problem}`, agent);
            }
            return found;
        });
    return aws.eks.getAddonVersionOutput(
        { addonName: AGENT_ADDON_NAME, kubernetesVersion, mostRecent: version === "latest" },
        invokeOpts,
    ).version;
}
