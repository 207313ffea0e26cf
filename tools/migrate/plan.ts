/**
 * The migration plan: for each IRSA role of the export, the Pod Identity associations that
 * replace its trust (on the same role, or on a new one with `--new-roles`), the add-ons that
 * move to their own associations, the trust change, everything that names the role, the
 * annotations to remove, and what a person must decide.
 */
import { parseRoleArn } from "../../iam/arn";
import { AddonMove, addonInventory } from "./addons";
import {
    AnnotatedServiceAccount,
    annotatedServiceAccounts,
    ClusterRef,
    clustersByIssuer,
    TYPES,
} from "./inventory";
import { CarriedStatement, RoleSettings } from "./permissions";
import { Reference, referencesTo } from "./references";
import { Inventory, planRole } from "./rolePlan";
import { ExportedResource, property, StackExport } from "./stackExport";
import { irsaGrants } from "./trust";
import { TrustUpdate } from "./trustUpdate";

/**
 * `keep-role` (the default): each association uses the IRSA role itself, whose trust gains the
 * Pod Identity statement. `new-roles`: a new Pod Identity role per IRSA role, carrying its
 * permissions and settings (add-ons keep their role either way).
 */
export type MigrationMode = "keep-role" | "new-roles";

/** One association to create: the `migrations` entry of the JSON document. */
export interface Migration {
    clusterName: string;
    namespace: string;
    serviceAccount: string;
    /**
     * The IRSA role the service account uses today: the role the association uses, kept (with
     * `--new-roles`, the role the new one replaces).
     */
    roleArn: string;
    roleName: string;
    /** The cluster's region, when the issuer or the cluster ARN says. */
    region?: string;
    /** The OIDC provider whose trust this association replaces. */
    oidcProviderArn: string;
    /** `subject`: named exactly in the trust; `wildcard`: an annotated match of a pattern. */
    source: "subject" | "wildcard";
    /** An annotated service account of the export was found for it. */
    annotated: boolean;
}

/** A cluster that trusts the role through its OIDC provider. */
export interface RoleCluster extends Partial<ClusterRef> {
    issuer: string;
    oidcProviderArn: string;
}

/** The plan of one IRSA role. */
export interface RolePlan {
    roleName: string;
    roleArn: string;
    urn: string;
    /** The IAM path, e.g. `/controllers/`. */
    path: string;
    /** The clusters (OIDC providers) that trust it; more than one makes it a fleet role. */
    clusters: RoleCluster[];
    migrations: Migration[];
    /** Its IRSA trust, every service account pinned, for `irsaTrust` during the window. */
    irsaTrust: { oidcProviderArn: string; serviceAccounts: string[] }[];
    /** Service accounts annotated with this role: the annotations to remove. */
    annotated: AnnotatedServiceAccount[];
    managedPolicyArns: string[];
    inlinePolicies: string[];
    /** The statements of its inline policies, for a new role's `statements`. */
    inlineStatements: CarriedStatement[];
    /** Path, permissions boundary, tags and session length, for a new role. */
    settings: RoleSettings;
    /** Its add-ons, which move to their own associations on this role. */
    addons: AddonMove[];
    /** Resources of the export whose policy or trust names the role. */
    references: Reference[];
    /** The role's trust with the Pod Identity statement; undefined when it is not changed. */
    trustUpdate?: TrustUpdate;
    /** What a person must decide before or during the migration. */
    flagged: string[];
}

/** A role the service accounts or add-ons of the export use, defined in another stack or outside Pulumi. */
export interface ExternalRole {
    roleArn: string;
    roleName: string;
    /** Its annotated service accounts of this export. */
    serviceAccounts: AnnotatedServiceAccount[];
    /** Its add-ons of this export. */
    addons: AddonMove[];
    /** Resources of the export whose policy or trust names it. */
    references: Reference[];
}

/** The whole plan. */
export interface MigrationPlan {
    mode: MigrationMode;
    roles: RolePlan[];
    /** Every add-on that moves, across roles (those of external roles too). */
    addons: AddonMove[];
    /** Clusters whose `eks-pod-identity-agent` add-on is in the export already, to its URN. */
    agents: Map<string, string>;
    /** Roles of the annotations and add-ons that no role of the export owns. */
    externalRoles: ExternalRole[];
    /** Roles of the export that are not IRSA roles, by name: left alone. */
    ignoredRoles: string[];
    /** Annotated service accounts whose role is not an IRSA role of this export. */
    otherAnnotated: AnnotatedServiceAccount[];
    /** Things to know about the export itself (encrypted values). */
    notes: string[];
}

/** The roles that annotations and add-ons name but no role of the export owns. */
function externalRoles(
    annotated: AnnotatedServiceAccount[],
    addons: AddonMove[],
    owned: Set<string>,
    resources: ExportedResource[],
): ExternalRole[] {
    const byArn = new Map<string, ExternalRole>();
    const entry = (roleArn: string) => {
        const found = byArn.get(roleArn) ?? {
            roleArn,
            roleName: parseRoleArn(roleArn)?.roleName ?? roleArn,
            serviceAccounts: [],
            addons: [],
            references: referencesTo({ arn: roleArn }, resources),
        };
        byArn.set(roleArn, found);
        return found;
    };
    for (const sa of annotated.filter((each) => !owned.has(each.roleArn))) {
        entry(sa.roleArn).serviceAccounts.push(sa);
    }
    for (const addon of addons.filter((each) => !owned.has(each.roleArn))) {
        entry(addon.roleArn).addons.push(addon);
    }
    return [...byArn.values()];
}

/** Builds the plan from a stack export and `--cluster` mappings (issuer to cluster name). */
export function migrationPlan(
    exported: StackExport,
    mappings: Map<string, string>,
    mode: MigrationMode = "keep-role",
): MigrationPlan {
    const { resources } = exported;
    const clusters = clustersByIssuer(resources, mappings);
    const annotated = annotatedServiceAccounts(resources);
    const allRoles = resources.filter((r) => r.type === TYPES.role);
    const byArn = new Map(
        allRoles.flatMap((role) => {
            const arn = property(role, "arn");
            return typeof arn === "string" ? [[arn, role] as const] : [];
        }),
    );
    const addons = addonInventory(resources, byArn, clusters);
    const inventory: Inventory = { resources, clusters, annotated, addons: addons.moves, mode };
    const roles: RolePlan[] = [];
    const ignoredRoles: string[] = [];
    for (const role of allRoles) {
        const grants = irsaGrants(property(role, "assumeRolePolicy"));
        if (grants.length === 0) {
            ignoredRoles.push(role.name);
            continue;
        }
        roles.push(planRole(role, grants, inventory));
    }
    const notes: string[] = [];
    for (const flag of addons.flagged) {
        const role = roles.find((r) => r.roleArn === flag.roleArn);
        if (role) {
            role.flagged.push(flag.message);
        } else {
            notes.push(flag.message);
        }
    }
    const irsaArns = new Set(roles.map((role) => role.roleArn));
    if (exported.encrypted > 0) {
        notes.push(
            `${exported.encrypted} value(s) of the export are encrypted (such as a kubeconfig, ` +
                `which tells a service account's cluster): export with --show-secrets to read them.`,
        );
    }
    return {
        mode,
        roles,
        addons: addons.moves,
        agents: addons.agents,
        externalRoles: externalRoles(annotated, addons.moves, new Set(byArn.keys()), resources),
        ignoredRoles: ignoredRoles.sort(),
        otherAnnotated: annotated.filter((sa) => !irsaArns.has(sa.roleArn)),
        notes,
    };
}
