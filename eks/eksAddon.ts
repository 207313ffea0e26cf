import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableJsonText } from "../core/json";
import { JsonValue } from "../core/types";
import { CheckFailure } from "../model/checkFailure";
import { ClusterUse, lookupAddonVersion, lookupCluster } from "../model/lookups";
import { kubernetesVersionProblem } from "../model/rules/kubernetes";

const VERSION_ONLY: ReadonlySet<ClusterUse> = new Set(["version"]);

/**
 * Settings of every EKS add-on this package installs (PodIdentityAgent, PodIdentityAddon,
 * PodIdentity's `addon`), apart from `preserve`, whose meaning differs between them.
 */
export interface EksAddonSettings {
    /**
     * Add-on version (`addonVersion`): `default` (AWS's default for the Kubernetes version,
     * from DescribeAddonVersions), `latest` (the newest compatible version), or an exact
     * version such as `v1.3.4-eksbuild.1`. `default` and `latest` are resolved on every run,
     * so the add-on follows AWS's choice; pin an exact version to control upgrades. Add-ons
     * with their own Pod Identity association refuse versions older than AWS's documented
     * minimum for it. Default: `default`.
     */
    version?: string;
    /**
     * Add-on configuration (`configurationValues`), an object matching the add-on's
     * configuration schema (e.g. `{ tolerations: [...] }`), or its JSON text from languages
     * and configuration that hold it as a string; serialised with sorted keys. Default: none.
     */
    configurationValues?: pulumi.Input<{ [key: string]: JsonValue }>;
    /**
     * What EKS does with fields that conflict with an existing install when creating the
     * add-on: `OVERWRITE`, `NONE`. Default: `OVERWRITE` (adopts a self-managed install, such
     * as the VPC CNI every cluster starts with).
     */
    resolveConflictsOnCreate?: pulumi.Input<string>;
    /**
     * What EKS does with fields changed in the cluster when updating the add-on:
     * `OVERWRITE`, `PRESERVE`, `NONE`. Default: `OVERWRITE`.
     */
    resolveConflictsOnUpdate?: pulumi.Input<string>;
    /** Tags on the add-on. Default: none. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** Options of the agent add-on: the shared settings and `preserve`. */
export interface EksAddonOptions extends EksAddonSettings {
    /**
     * Keep the add-on's software running in the cluster when this component is deleted
     * (`preserve`): the agent hands every pod its credentials. Default: true.
     */
    preserve?: pulumi.Input<boolean>;
}

/** The add-on inputs that follow from the settings, with their defaults. */
export function eksAddonInputs(
    settings: EksAddonOptions,
): Pick<
    aws.eks.AddonArgs,
    | "configurationValues"
    | "resolveConflictsOnCreate"
    | "resolveConflictsOnUpdate"
    | "preserve"
    | "tags"
> {
    return {
        configurationValues: settings.configurationValues
            ? pulumi.output(settings.configurationValues).apply(stableJsonText)
            : undefined,
        resolveConflictsOnCreate: settings.resolveConflictsOnCreate ?? "OVERWRITE",
        resolveConflictsOnUpdate: settings.resolveConflictsOnUpdate ?? "OVERWRITE",
        preserve: settings.preserve ?? true,
        tags: settings.tags,
    };
}

/** How an EKS add-on's version is chosen: `default`, `latest`, or an exact version. */
export interface AddonVersionChoice {
    /** The EKS add-on name, e.g. `eks-pod-identity-agent`. */
    addonName: string;
    /** The cluster, looked up for its Kubernetes version when that is not given. */
    clusterName: pulumi.Input<string>;
    /** The cluster's Kubernetes version. Default: from `aws.eks.getCluster`. */
    kubernetesVersion?: pulumi.Input<string>;
    /** `default`, `latest` or an exact version. Default: `default`. */
    version?: string;
}

/**
 * The add-on version to install: an exact version as given, or AWS's choice for the
 * cluster's Kubernetes version (DescribeAddonVersions: the default version, or the most
 * recent with `latest`), with one DescribeCluster when the Kubernetes version is not given
 * (through `lookupCluster`, so a component that also reads the cluster asks once). Lookups run
 * with `owner` as their parent (and so its provider).
 */
export function resolveAddonVersion(
    choice: AddonVersionChoice,
    owner: pulumi.Resource,
    clusterLookup: (use: ClusterUse) => pulumi.Output<aws.eks.GetClusterResult> = () =>
        lookupCluster(owner, choice.clusterName, VERSION_ONLY, { parent: owner }),
): pulumi.Input<string> {
    const invokeOpts: pulumi.InvokeOutputOptions = { parent: owner };
    const version = choice.version ?? "default";
    if (version !== "default" && version !== "latest") {
        return version;
    }
    const kubernetesVersion =
        choice.kubernetesVersion ??
        supportedKubernetesVersion(owner, "clusterName", clusterLookup("version"));
    // Looked up once the Kubernetes version is known and accepted: a version refused by its
    // check (a CheckFailure) then stops the add-on with that one error, where an Output passed
    // to the invoke would be reported again, wrapped ("Error serializing arguments for invoke").
    return pulumi.output(kubernetesVersion).apply((known) =>
        lookupAddonVersion(
            owner,
            {
                addonName: choice.addonName,
                kubernetesVersion: known,
                mostRecent: version === "latest",
            },
            invokeOpts,
        ),
    );
}

/**
 * The cluster's Kubernetes version from its lookup, refused when Pod Identity cannot run on it
 * (`propertyPath` names the cluster in the message).
 */
export function supportedKubernetesVersion(
    owner: pulumi.Resource,
    propertyPath: string,
    found: pulumi.Output<aws.eks.GetClusterResult>,
): pulumi.Output<string> {
    return found.version.apply((version) => {
        const problem = kubernetesVersionProblem(version);
        if (problem) {
            // One message, however many resources take the version (model/checkFailure.ts).
            throw new CheckFailure(`${propertyPath}: ${problem}`, owner);
        }
        return version;
    });
}

/** The numbers of an EKS add-on version `v<major>.<minor>.<patch>-eksbuild.<build>`. */
function versionNumbers(version: string): number[] | undefined {
    const match = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
    return match ? match.slice(1).map(Number) : undefined;
}

/** True when `version` is certainly older than `minimum` (both EKS add-on versions). */
export function addonVersionOlderThan(version: string, minimum: string): boolean {
    const have = versionNumbers(version);
    const need = versionNumbers(minimum);
    if (!have || !need) {
        return false;
    }
    for (let i = 0; i < need.length; i++) {
        if (have[i] !== need[i]) {
            return have[i] < need[i];
        }
    }
    return false;
}
