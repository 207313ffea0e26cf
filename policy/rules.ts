/**
 * Every rule of the pack, for the pack entry (`policy/index.ts`), the tests and offline
 * tools: importing this module starts nothing.
 */
import { Policies } from "@pulumi/policy";
import { addonAssociationConflictPolicy, addonWithoutAssociationPolicy } from "./checks/addons";
import { roleNoAdminAttachedPolicy, roleNoAdminPolicy } from "./checks/admin";
import { agentAddonPolicy } from "./checks/agent";
import { sessionPolicyPolicy, systemNamespacePolicy } from "./checks/association";
import {
    associationRoleTrustPolicy,
    sessionTagsForTrustConditionsPolicy,
} from "./checks/associationRole";
import { noIrsaAnnotationPolicy } from "./checks/irsa";
import { nodeRolePermissionPolicy } from "./checks/nodeRole";
import { noOidcTrustPolicy } from "./checks/oidcTrust";
import { sessionTagsForPermissionsPolicy } from "./checks/sessionTagPermissions";
import { trustActionsPolicy, trustExclusivePrincipalPolicy } from "./checks/trust";
import { uniqueAssociationPolicy } from "./checks/unique";

export { addonAssociationConflictPolicy, addonWithoutAssociationPolicy } from "./checks/addons";
export { roleNoAdminAttachedPolicy, roleNoAdminPolicy } from "./checks/admin";
export { agentAddonPolicy } from "./checks/agent";
export { sessionPolicyPolicy, systemNamespacePolicy } from "./checks/association";
export {
    associationRoleTrustPolicy,
    sessionTagsForTrustConditionsPolicy,
} from "./checks/associationRole";
export { noIrsaAnnotationPolicy } from "./checks/irsa";
export { nodeRolePermissionPolicy } from "./checks/nodeRole";
export { noOidcTrustPolicy } from "./checks/oidcTrust";
export { sessionTagsForPermissionsPolicy } from "./checks/sessionTagPermissions";
export { trustActionsPolicy, trustExclusivePrincipalPolicy } from "./checks/trust";
export { uniqueAssociationPolicy } from "./checks/unique";

/** The pack's name, as `pulumi preview` reports it. */
export const PACK_NAME = "eks-pod-identity";

/** The rules of the pack, in the order they run. */
export const policies: Policies = [
    // Resource rules: one resource at a time.
    trustActionsPolicy,
    trustExclusivePrincipalPolicy,
    roleNoAdminPolicy,
    sessionPolicyPolicy,
    systemNamespacePolicy,
    noOidcTrustPolicy,
    // Stack rules: resources read together.
    roleNoAdminAttachedPolicy,
    associationRoleTrustPolicy,
    sessionTagsForTrustConditionsPolicy,
    sessionTagsForPermissionsPolicy,
    agentAddonPolicy,
    uniqueAssociationPolicy,
    nodeRolePermissionPolicy,
    noIrsaAnnotationPolicy,
    addonAssociationConflictPolicy,
    addonWithoutAssociationPolicy,
];
