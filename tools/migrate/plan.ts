/**
 * The migration plan: for each IRSA role of the export, the Pod Identity associations that
 * replace its trust (on the same role, or on a new one with `--new-roles`), the add-ons that
 * move to their own associations, the trust change, everything that names the role, the
 * annotations to remove, and what a person must decide.
 */
import { parseRoleArn } from "../../components/arn";
import { serviceAccountSubject } from "../../components/irsaTrust";
import { wildcardMatch } from "../../components/wildcard";
import { AddonMove, addonInventory } from "./addons";
import {
    AnnotatedServiceAccount,
    annotatedServiceAccounts,
    ClusterRef,
    clustersByIssuer,
    TYPES,
} from "./inventory";
import {
    CarriedStatement,
    inlinePoliciesOf,
    inlineStatementsOf,
    managedPoliciesOf,
    RoleSettings,
    roleSettingsOf,
} from "./permissions";
import { identityOf, Reference, referencesTo } from "./references";
import { ExportedResource, property, StackExport } from "./stackExport";
import { IrsaGrant, irsaGrants } from "./trust";
import { policyLength, TRUST_POLICY_LIMIT, TrustUpdate, trustUpdateOf } from "./trustUpdate";

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

const key = (namespace: string, name: string) => `${namespace}/${name}`;

function roleNameOf(role: ExportedResource, arn: string): string {
    const name = property(role, "name");
    return typeof name === "string" ? name : (parseRoleArn(arn)?.roleName ?? role.name);
}

/** The annotated service accounts that may be on the grant's cluster. */
function onCluster(accounts: AnnotatedServiceAccount[], cluster: ClusterRef | undefined) {
    return accounts.filter(
        (sa) => sa.clusterName === undefined || sa.clusterName === cluster?.clusterName,
    );
}

/** What every role's plan reads from the export. */
interface Inventory {
    resources: ExportedResource[];
    clusters: Map<string, ClusterRef>;
    annotated: AnnotatedServiceAccount[];
    addons: AddonMove[];
    mode: MigrationMode;
}

/** `cluster/namespace/name` of each add-on's service account: no standalone association there. */
const addonKey = (clusterName: string, namespace: string, name: string) =>
    `${clusterName}/${namespace}/${name}`;

function planRole(role: ExportedResource, grants: IrsaGrant[], inventory: Inventory): RolePlan {
    const { resources, clusters, annotated, mode } = inventory;
    const arnValue = property(role, "arn");
    const roleArn = typeof arnValue === "string" ? arnValue : "";
    const roleName = roleNameOf(role, roleArn);
    const mine = annotated.filter((sa) => sa.roleArn === roleArn);
    const addons = inventory.addons.filter((addon) => addon.roleArn === roleArn);
    const addonAccounts = new Set(
        inventory.addons.map((a) => addonKey(a.clusterName, a.namespace, a.serviceAccount)),
    );
    const settings = roleSettingsOf(role);
    const plan: RolePlan = {
        roleName,
        roleArn,
        urn: role.urn,
        path: settings.path,
        clusters: [],
        migrations: [],
        irsaTrust: [],
        annotated: mine,
        managedPolicyArns: managedPoliciesOf(role, resources),
        inlinePolicies: inlinePoliciesOf(role, resources),
        inlineStatements: inlineStatementsOf(role, resources),
        settings,
        addons,
        references: referencesTo(identityOf(role) ?? { arn: roleArn }, resources),
        // The kept role's trust changes; with --new-roles only an add-on's role is kept.
        trustUpdate:
            mode === "keep-role" || addons.length > 0
                ? trustUpdateOf(role, roleArn, roleName)
                : undefined,
        flagged: [],
    };
    const covered = new Set<AnnotatedServiceAccount>();
    for (const grant of grants) {
        const cluster = clusters.get(grant.issuer);
        plan.clusters.push({
            issuer: grant.issuer,
            oidcProviderArn: grant.oidcProviderArn,
            ...cluster,
        });
        const candidates = onCluster(mine, cluster);
        const bound = new Map<string, "subject" | "wildcard">();
        const isAddon = (namespace: string, name: string) =>
            cluster !== undefined &&
            addonAccounts.has(addonKey(cluster.clusterName, namespace, name));
        for (const subject of grant.subjects) {
            if (subject.kind === "exact") {
                if (!isAddon(subject.namespace, subject.name)) {
                    bound.set(key(subject.namespace, subject.name), "subject");
                }
                continue;
            }
            const matches = candidates.filter((sa) =>
                wildcardMatch(subject.pattern, serviceAccountSubject(sa.namespace, sa.name)),
            );
            for (const sa of matches) {
                if (!bound.has(key(sa.namespace, sa.name)) && !isAddon(sa.namespace, sa.name)) {
                    bound.set(key(sa.namespace, sa.name), "wildcard");
                }
            }
            const where = cluster ? `cluster ${cluster.clusterName}` : `issuer ${grant.issuer}`;
            const found = matches.map((sa) => key(sa.namespace, sa.name)).join(", ");
            plan.flagged.push(
                subject.pattern === "*"
                    ? `${where} trusts every service account (no :sub condition): associations need exact names; ` +
                          (found ? `bound the annotated ${found}; ` : "") +
                          `decide which other service accounts to bind.`
                    : `${where} trusts the pattern ${subject.pattern}: associations need exact names; ` +
                          (found
                              ? `expanded to the annotated ${found}; check no other service account relies on it.`
                              : `no annotated service account of the export matches it: decide which to bind.`),
            );
        }
        for (const sa of candidates) {
            if (bound.has(key(sa.namespace, sa.name)) || isAddon(sa.namespace, sa.name)) {
                covered.add(sa);
            }
        }
        const serviceAccounts = [...bound.keys()].sort();
        if (serviceAccounts.length > 0) {
            plan.irsaTrust.push({ oidcProviderArn: grant.oidcProviderArn, serviceAccounts });
        }
        if (!cluster) {
            plan.flagged.push(
                `no EKS cluster of the export has the issuer ${grant.issuer}: pass ` +
                    `--cluster ${grant.issuer}=<cluster-name> to plan its ${serviceAccounts.length} association(s).`,
            );
            continue;
        }
        for (const [ref, source] of [...bound.entries()].sort()) {
            const [namespace, serviceAccount] = ref.split("/");
            plan.migrations.push({
                clusterName: cluster.clusterName,
                namespace,
                serviceAccount,
                roleArn,
                roleName,
                region: cluster.region,
                oidcProviderArn: grant.oidcProviderArn,
                source,
                annotated: candidates.some((sa) => key(sa.namespace, sa.name) === ref),
            });
        }
    }
    for (const sa of mine.filter((each) => !covered.has(each))) {
        plan.flagged.push(
            `service account ${key(sa.namespace, sa.name)}` +
                (sa.clusterName ? ` on cluster ${sa.clusterName}` : "") +
                ` is annotated with this role, but the role's trust does not admit it: it gets no ` +
                `credentials today; bind it only if it should.`,
        );
    }
    if (plan.trustUpdate && policyLength(plan.trustUpdate.trustPolicy) > TRUST_POLICY_LIMIT) {
        plan.flagged.push(
            `the trust policy with the Pod Identity statement is ` +
                `${policyLength(plan.trustUpdate.trustPolicy)} characters, over IAM's default ` +
                `${TRUST_POLICY_LIMIT}: raise the role trust policy length quota before the change, ` +
                `or remove OIDC statements no workload uses any more.`,
        );
    }
    return plan;
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
