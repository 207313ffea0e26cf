/** The plan as one document: what `--json` prints and what the text rendering reads. */
import { AgentPlacement, agentPlacements } from "./agents";
import { AddonMove } from "./addons";
import { componentName, deployedClusters, rootConfig } from "./config";
import { Data } from "./format";
import { AnnotatedServiceAccount } from "./inventory";
import { MigrationMode, MigrationPlan, Migration, RoleCluster } from "./plan";
import { typescriptSnippet } from "./program";
import { Reference } from "./references";
import { migrationSteps } from "./steps";
import { TrustUpdate } from "./trustUpdate";

/** One role's part of the document. */
export interface RoleDocument {
    roleName: string;
    roleArn: string;
    urn: string;
    /** Trusted by several clusters: it becomes one Pod Identity role for the fleet. */
    fleet: boolean;
    clusters: RoleCluster[];
    migrations: Migration[];
    irsaTrust: { oidcProviderArn: string; serviceAccounts: string[] }[];
    annotationsToRemove: AnnotatedServiceAccount[];
    managedPolicyArns: string[];
    inlinePolicies: string[];
    flagged: string[];
    /** The root project's `name` for this role's stack. */
    name: string;
    /** The root project's stack configuration; null when no cluster can be deployed yet. */
    stackConfig: { [key: string]: Data } | null;
}

/** An add-on that moves to its own association: the `addons` entry. */
export interface AddonDocument {
    clusterName: string;
    addonName: string;
    serviceAccount: string;
    /** The role it keeps: its `serviceAccountRoleArn` today. */
    roleArn: string;
    /** The `aws.eks.Addon` to change, in the stack that owns it. */
    urn: string;
}

/** A role that another stack, or no stack, owns: the `externalRoles` entry. */
export interface ExternalRoleDocument {
    roleArn: string;
    roleName: string;
    /** Its annotated service accounts of this export. */
    serviceAccounts: AnnotatedServiceAccount[];
    /** Its add-ons of this export. */
    addons: AddonDocument[];
    /** Resources of the export whose policy or trust names it. */
    references: Reference[];
}

/** The whole document. */
export interface MigrationDocument {
    source: string;
    /** `keep-role` (the default) or `new-roles` (`--new-roles`). */
    mode: MigrationMode;
    summary: {
        irsaRoles: number;
        migrations: number;
        clusters: number;
        flagged: number;
        addons: number;
        references: number;
    };
    /** Every association to create, across roles. */
    migrations: Migration[];
    roles: RoleDocument[];
    /** Add-ons that move from serviceAccountRoleArn to podIdentityAssociations. */
    addons: AddonDocument[];
    /** Each kept role's new trust policy. */
    trustUpdates: TrustUpdate[];
    /** Every resource of the export whose policy or trust names a role of the plan. */
    references: Reference[];
    /** Roles that annotations or add-ons use but another stack (or no stack) owns. */
    externalRoles: ExternalRoleDocument[];
    /** Where each cluster's agent add-on comes from. */
    agents: AgentPlacement[];
    /** Annotated service accounts whose role is not an IRSA role of this export. */
    otherAnnotated: AnnotatedServiceAccount[];
    /** Roles that are not IRSA roles: left alone. */
    ignoredRoles: string[];
    steps: string[];
    notes: string[];
    /** One TypeScript program for every role; null when nothing can be deployed yet. */
    snippet: string | null;
}

const addonDocument = (addon: AddonMove): AddonDocument => ({
    clusterName: addon.clusterName,
    addonName: addon.addonName,
    serviceAccount: addon.serviceAccount,
    roleArn: addon.roleArn,
    urn: addon.urn,
});

/** The document of a plan read from `source`. */
export function migrationDocument(plan: MigrationPlan, source: string): MigrationDocument {
    const taken = new Set<string>();
    const names = plan.roles.map((role) => componentName(role.roleName, taken));
    const agents = agentPlacements(
        plan.roles.map((role, i) => ({ name: names[i], clusters: deployedClusters(role) })),
        plan.agents,
    );
    const roles = plan.roles.map((role, i): RoleDocument => ({
        roleName: role.roleName,
        roleArn: role.roleArn,
        urn: role.urn,
        fleet: role.clusters.length > 1,
        clusters: role.clusters,
        migrations: role.migrations,
        irsaTrust: role.irsaTrust,
        annotationsToRemove: role.annotated,
        managedPolicyArns: role.managedPolicyArns,
        inlinePolicies: role.inlinePolicies,
        flagged: role.flagged,
        name: names[i],
        stackConfig: rootConfig(role, names[i], plan.mode, agents) ?? null,
    }));
    const migrations = plan.roles.flatMap((role) => role.migrations);
    const references = [
        ...plan.roles.flatMap((role) => role.references),
        ...plan.externalRoles.flatMap((role) => role.references),
    ];
    const otherFlags = plan.otherAnnotated.length;
    return {
        source,
        mode: plan.mode,
        summary: {
            irsaRoles: roles.length,
            migrations: migrations.length,
            clusters: new Set(migrations.map((m) => m.clusterName)).size,
            flagged: roles.reduce((n, role) => n + role.flagged.length, 0) + otherFlags,
            addons: new Set(plan.addons.map((a) => a.urn)).size,
            references: references.length,
        },
        migrations,
        roles,
        addons: plan.addons.map(addonDocument),
        trustUpdates: plan.roles.flatMap((role) => (role.trustUpdate ? [role.trustUpdate] : [])),
        references,
        externalRoles: plan.externalRoles.map((role) => ({
            ...role,
            addons: role.addons.map(addonDocument),
        })),
        agents: [...agents.values()],
        otherAnnotated: plan.otherAnnotated,
        ignoredRoles: plan.ignoredRoles,
        steps: migrationSteps({
            mode: plan.mode,
            addons: plan.addons.length > 0,
            references: plan.mode === "new-roles" && references.length > 0,
        }),
        notes: plan.notes,
        snippet:
            typescriptSnippet(
                plan.roles.map((role, i) => ({ role, name: names[i] })),
                plan.mode,
                agents,
                plan.addons,
            ) ?? null,
    };
}
