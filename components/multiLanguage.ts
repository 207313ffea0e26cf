import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental";
import { PodIdentityAddon } from "./addon";
import { PodIdentityAgent } from "./agent";
import { PodIdentityBinding } from "./binding";
import { PodIdentity } from "./podIdentity";
import { PodIdentityRole } from "./role";
import { PodIdentityTargetRole } from "./targetRole";

/** The Pulumi package name: the first part of every type token, and of the generated SDKs. */
export const PACKAGE_NAME = "eks-pod-identity";

/**
 * The folder of the package (relative to its root) whose package.json and tsconfig.json the
 * plugin's schema analyzer reads: a TypeScript program of the shipped sources from index.ts,
 * apart from the repository's development tsconfig.json.
 */
export const SCHEMA_DIR = "schema";

/**
 * The components offered to Python, Go, C# and YAML through the plugin (PulumiPlugin.yaml).
 * Their args are what the component schema can express: interfaces, lists, maps, enums,
 * resources of @pulumi packages, JSON (see docs/other-languages.md). PodIdentity declares the
 * schema's form of its args (PodIdentitySettings: each cluster names its region, the agent is
 * one object); TypeScript's provider objects and short agent forms stay TypeScript's.
 */
export const MULTI_LANGUAGE_COMPONENTS: ComponentResourceConstructor[] = [
    PodIdentityRole,
    PodIdentityTargetRole,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentity,
    PodIdentityAddon,
];
