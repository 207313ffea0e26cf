export { PodIdentityRole, PodIdentityRoleArgs } from "./components/role";
export { PodIdentityTargetRole, PodIdentityTargetRoleArgs } from "./components/targetRole";
export { RoleQuotas, RoleSettingsArgs } from "./iam/iamRole";
export { RolePermissionArgs } from "./iam/permissions";
export { PodIdentityAgent, PodIdentityAgentArgs, AGENT_ADDON_NAME } from "./components/agent";
export {
    PodIdentityBinding,
    PodIdentityBindingArgs,
    PodIdentityBindingOutputs,
    AgentReadiness,
} from "./components/binding";
export {
    TrustConditions,
    podIdentityTrustDocument,
    podIdentityTrustPolicy,
    POD_IDENTITY_PRINCIPAL,
    POD_IDENTITY_ACTIONS,
    POD_IDENTITY_TRUST_SID,
} from "./iam/trustPolicy";
export { IrsaTrust } from "./iam/irsaTrust";
export {
    TargetTrust,
    targetRoleTrustDocument,
    targetRoleTrustPolicy,
    TARGET_TRUST_SID,
} from "./iam/targetTrustPolicy";
export { chainingPolicyDocument, CHAIN_ACTIONS, CHAIN_SID } from "./iam/chaining";
export { podIdentityExternalId, PodIdentityExternalIdParts } from "./iam/externalId";
export {
    PolicyStatement,
    PolicyDocument,
    ConditionBlock,
    StatementEffect,
} from "./iam/policyDocument";
export { JsonValue } from "./core/types";
import {
    PodIdentity as PodIdentityComponent,
    PodIdentityConstructor,
} from "./components/podIdentity";
export {
    PodIdentityArgs,
    PodIdentityConstructor,
    ClusterSpec,
    ServiceAccountSpec,
    AgentOptions,
    AssociationDefaults,
    AssociationSummary,
} from "./components/podIdentity";
export {
    PodIdentitySettings,
    ClusterSettings,
    AgentSettings,
    SharedRole,
} from "./components/fleet/settings";
export { ClusterPlacement } from "./eks/placement";
/**
 * The whole Pod Identity workflow for a fleet (see the class in components/podIdentity.ts).
 * TypeScript callers construct it with PodIdentityArgs; the plugin serves the same class with
 * the schema's PodIdentitySettings.
 */
// The class's body takes every ClusterSpec (it resolves providers and agent forms itself); only
// its declared parameter is the narrower schema form, which the schema analyzer reads.
export const PodIdentity = PodIdentityComponent as PodIdentityConstructor;
export type PodIdentity = PodIdentityComponent;
export {
    presetCatalog,
    PermissionPresets,
    PresetCatalogEntry,
    PresetName,
    PresetOptionInfo,
    SessionTag,
    OmittedAction,
    UpstreamPolicy,
} from "./presets";
export * from "./presets/options";
export { PodIdentityAddon, PodIdentityAddonArgs } from "./components/addon";
export { KNOWN_ADDONS, KnownAddon } from "./eks/knownAddons";
export { EksAddonOptions } from "./eks/eksAddon";
export { FleetAddon } from "./components/fleet/addon";
