export { PodIdentityRole } from "./components/role";
export type { PodIdentityRoleArgs } from "./model/inputs/role";
export { PodIdentityTargetRole } from "./components/targetRole";
export type { PodIdentityTargetRoleArgs } from "./model/inputs/targetRole";
export { RoleQuotas, RoleSettingsArgs } from "./iam/iamRole";
export { RolePermissionArgs } from "./iam/permissions";
export { PodIdentityAgent, AGENT_ADDON_NAME } from "./components/agent";
export type { PodIdentityAgentArgs } from "./model/inputs/agent";
export { PodIdentityBinding, PodIdentityBindingOutputs } from "./components/binding";
export type { PodIdentityBindingArgs, AgentReadiness } from "./model/inputs/binding";
export {
    TrustConditions,
    podIdentityTrustDocument,
    podIdentityTrustPolicy,
    POD_IDENTITY_PRINCIPAL,
    POD_IDENTITY_ACTIONS,
    POD_IDENTITY_TRUST_SID,
} from "./iam/trustPolicy";
export { IrsaTrust } from "./iam/irsaTrust";
export * from "./iam/podIdentityTrustStatement";
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
export { PodIdentityConstructor, AssociationSummary } from "./components/podIdentity";
export type { PodIdentityArgs, ClusterSpec, AgentOptions } from "./model/inputs/podIdentity";
export type {
    PodIdentitySettings,
    ClusterSettings,
    AgentSettings,
    SharedRole,
    ServiceAccountSpec,
    AssociationDefaults,
} from "./model/inputs/settings";
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
    UpstreamPart,
    UpstreamPolicy,
    MinimumVersion,
    KnownMinimumVersion,
    NoMinimumVersionYet,
    UnverifiedMinimumVersion,
} from "./presets";
export * from "./presets/options";
export { PodIdentityAddon } from "./components/addon";
export type { PodIdentityAddonArgs, FleetAddon } from "./model/inputs/addon";
export { KNOWN_ADDONS, KnownAddon } from "./eks/knownAddons";
export { EksAddonOptions } from "./eks/eksAddon";
export type { VerifyOptions, VerifyToleration } from "./model/verify";
export type { AdoptOptions, FleetAdoptOptions } from "./model/adopt";
export { DEFAULT_VERIFY_IMAGE } from "./kubernetes/verify/defaults";
