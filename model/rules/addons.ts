/**
 * EKS add-ons: names (a typo of a known add-on is caught and the right name suggested),
 * versions of EKS's form, the conflict-resolution values the API takes, and configuration
 * values as an object or its JSON text.
 */
import { KNOWN_ADDONS } from "../../eks/knownAddons";
import { editDistance } from "./editDistance";
import { breach, defineRule, Rule } from "./rule";
import { SOURCES } from "./sources";

/** The Pod Identity agent's add-on name. */
export const AGENT_ADDON = "eks-pod-identity-agent";

/**
 * EKS add-ons that exist but that this package does not configure (no Pod Identity role of
 * their own, or not known here): names a typo check must not mistake for typos of known ones.
 * From the EKS User Guide's "AWS add-ons" and "Community add-ons" pages.
 */
export const OTHER_EKS_ADDONS: readonly string[] = [
    "coredns",
    "kube-proxy",
    "snapshot-controller",
    "aws-guardduty-agent",
    "eks-node-monitoring-agent",
    "aws-secrets-store-csi-driver-provider",
    "amazon-sagemaker-hyperpod-taskgovernance",
    "amazon-sagemaker-hyperpod-observability",
    "metrics-server",
    "kube-state-metrics",
    "prometheus-node-exporter",
    "cert-manager",
];

export const ADDON_NAME_RULE = defineRule({
    id: "eks-addon-name",
    concern: "addons",
    rule: "an add-on is named as EKS names it (DescribeAddonVersions), e.g. aws-ebs-csi-driver; a name one or two letters off a known add-on is a typo",
    fix: "Use the add-on's EKS name.",
    source: SOURCES.eksCreateAddon,
});

export const ADDON_VERSION_RULE = defineRule({
    id: "eks-addon-version",
    concern: "addons",
    rule: 'add-on versions are "default", "latest" or EKS\'s exact form v<major>.<minor>.<patch>-eksbuild.<build>',
    fix: 'Use "default", "latest" or a version `aws eks describe-addon-versions` lists, e.g. "v1.3.4-eksbuild.1".',
    source: SOURCES.eksAddonVersions,
});

export const RESOLVE_CONFLICTS_RULE = defineRule({
    id: "eks-addon-resolve-conflicts",
    concern: "addons",
    rule: "resolveConflictsOnCreate is NONE or OVERWRITE; resolveConflictsOnUpdate is NONE, OVERWRITE or PRESERVE",
    fix: "Use one of those values, in capitals.",
    source: SOURCES.pulumiEksAddon,
});

export const CONFIGURATION_VALUES_RULE = defineRule({
    id: "eks-addon-configuration-values",
    concern: "addons",
    rule: "configurationValues is a JSON object (or its JSON text) matching the add-on's configuration schema",
    fix: "Give an object, e.g. { tolerations: [...] }, or valid JSON text of one.",
    source: SOURCES.eksCreateAddon,
});

/** All the add-on rules, for the catalogue. */
export const ADDON_RULES: Rule[] = [
    ADDON_NAME_RULE,
    ADDON_VERSION_RULE,
    RESOLVE_CONFLICTS_RULE,
    CONFIGURATION_VALUES_RULE,
];

/** The add-on names this package knows: those of docs/addons.md and the agent's. */
export function knownAddonNames(): string[] {
    return [...Object.keys(KNOWN_ADDONS), AGENT_ADDON].sort();
}

/**
 * The known add-on a name is a typo of (at most two edits away, and not another real add-on),
 * or undefined.
 */
export function addonTypoOf(name: string): string | undefined {
    const known = knownAddonNames();
    if (known.includes(name) || OTHER_EKS_ADDONS.includes(name)) {
        return undefined;
    }
    const lower = name.toLowerCase();
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = editDistance(lower, candidate);
        if (distance <= 2 && (!best || distance < best.distance)) {
            best = { name: candidate, distance };
        }
    }
    return best?.name;
}

/** Why an add-on name is a typo of a known one, or undefined. */
export function addonNameProblem(name: string): string | undefined {
    if (name.trim() === "") {
        return breach(
            ADDON_NAME_RULE,
            name,
            "is empty",
            "Name the EKS add-on, e.g. aws-ebs-csi-driver.",
        );
    }
    const typo = addonTypoOf(name);
    return typo
        ? breach(ADDON_NAME_RULE, name, "is not an EKS add-on", `Did you mean "${typo}"?`)
        : undefined;
}

const EXACT_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/** Why an add-on version is not of EKS's form, or undefined. */
export function addonVersionProblem(version: string): string | undefined {
    if (version === "default" || version === "latest" || EXACT_VERSION.test(version)) {
        return undefined;
    }
    const near = /^v?(\d+\.\d+\.\d+)(?:-eksbuild\.(\d+))?$/.exec(version);
    const fix = near
        ? `Write "v${near[1]}-eksbuild.${near[2] ?? "1"}" (check the build with \`aws eks describe-addon-versions\`).`
        : ADDON_VERSION_RULE.fix;
    return breach(ADDON_VERSION_RULE, version, "is not an add-on version", fix);
}

/** The values each conflict setting takes (the API's, as the AWS provider documents them). */
export const RESOLVE_CONFLICTS = {
    resolveConflictsOnCreate: ["NONE", "OVERWRITE"],
    resolveConflictsOnUpdate: ["NONE", "OVERWRITE", "PRESERVE"],
} as const;

/** Why a conflict setting's value is not one the API takes, or undefined. */
export function resolveConflictsProblem(
    setting: keyof typeof RESOLVE_CONFLICTS,
    value: string,
): string | undefined {
    const allowed: readonly string[] = RESOLVE_CONFLICTS[setting];
    if (allowed.includes(value)) {
        return undefined;
    }
    const fix = allowed.includes(value.toUpperCase())
        ? `Write "${value.toUpperCase()}".`
        : `Use ${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}.`;
    return breach(RESOLVE_CONFLICTS_RULE, value, `is not a ${setting} value`, fix);
}

/** Configuration values once parsed: the object, or why there is none. */
export type ParsedConfiguration =
    { ok: true; value: { [key: string]: unknown } } | { ok: false; reason: string };

/** Parses configuration values given as an object or its JSON text; judges the result. */
export function parseConfigurationValues(value: unknown): ParsedConfiguration {
    let parsed = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value) as unknown;
        } catch (error) {
            return {
                ok: false,
                reason: breach(
                    CONFIGURATION_VALUES_RULE,
                    value,
                    `is not valid JSON (${(error as Error).message})`,
                ),
            };
        }
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return {
            ok: false,
            reason: breach(CONFIGURATION_VALUES_RULE, value, "is not a JSON object"),
        };
    }
    return { ok: true, value: parsed as { [key: string]: unknown } };
}
