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
export {
    TargetTrust,
    targetRoleTrustDocument,
    targetRoleTrustPolicy,
    TARGET_TRUST_SID,
} from "./components/targetTrustPolicy";
export { chainingPolicyDocument, CHAIN_ACTIONS, CHAIN_SID } from "./components/chaining";
export {
    PolicyStatement,
    PolicyDocument,
    ConditionBlock,
    StatementEffect,
} from "./components/policyDocument";
export { JsonValue } from "./components/types";
export {
    PodIdentity,
    PodIdentityArgs,
    ClusterSpec,
    ServiceAccountSpec,
    AgentOptions,
    AssociationDefaults,
    AssociationSummary,
} from "./components/podIdentity";
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
