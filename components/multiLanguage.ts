import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { PodIdentityAddon } from "./addon";
import { PodIdentityAgent } from "./agent";
import { PodIdentityBinding } from "./binding";
import { PodIdentityRole } from "./role";
import { PodIdentityTargetRole } from "./targetRole";

/** The Pulumi package name: the first part of every type token, and of the generated SDKs. */
export const PACKAGE_NAME = "eks-pod-identity";

/**
 * The components offered to Python, Go, C# and YAML through the plugin (PulumiPlugin.yaml).
 * Their args are what the component schema can express: interfaces, lists, maps, enums,
 * resources of @pulumi packages, JSON. PodIdentity is TypeScript-only: its per-cluster
 * providers, and its `agent: boolean | agent | options` union, have no schema form; from other
 * languages, compose the four components instead (one agent and one binding per cluster, each
 * with that cluster's providers as resource options).
 */
export const MULTI_LANGUAGE_COMPONENTS: ComponentResourceConstructor[] = [
    PodIdentityRole,
    PodIdentityTargetRole,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityAddon,
];
