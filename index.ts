export { PodIdentityRole, PodIdentityRoleArgs } from "./components/role";
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
