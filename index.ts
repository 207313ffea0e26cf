export { PodIdentityRole, PodIdentityRoleArgs } from "./components/role";
export { PodIdentityTargetRole, PodIdentityTargetRoleArgs } from "./components/targetRole";
export { RoleSettingsArgs } from "./components/iamRole";
export { RolePermissionArgs } from "./components/permissions";
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
} from "./components/trustPolicy";
export { IrsaTrust } from "./components/irsaTrust";
export * from "./iam/podIdentityTrustStatement";
export {
    TargetTrust,
    targetRoleTrustDocument,
    targetRoleTrustPolicy,
    TARGET_TRUST_SID,
} from "./components/targetTrustPolicy";
export { chainingPolicyDocument, CHAIN_ACTIONS, CHAIN_SID } from "./components/chaining";
export { podIdentityExternalId, PodIdentityExternalIdParts } from "./components/externalId";
export {
    PolicyStatement,
    PolicyDocument,
    ConditionBlock,
    StatementEffect,
} from "./components/policyDocument";
export { JsonValue } from "./components/types";
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
} from "./components/fleetSettings";
export { ClusterPlacement } from "./components/placement";
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
} from "./components/presets";
export * from "./components/presets/options";
export { PodIdentityAddon, PodIdentityAddonArgs } from "./components/addon";
export { KNOWN_ADDONS, KnownAddon } from "./components/addons/knownAddons";
export { EksAddonOptions } from "./components/eksAddon";
export { FleetAddon } from "./components/addons/fleet";
