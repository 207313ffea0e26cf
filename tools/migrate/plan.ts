/**
 * The migration plan: for each IRSA role of the export, the Pod Identity associations that
 * replace its trust, the annotations to remove, and what a person must decide.
 */
import { parseRoleArn } from "../../iam/arn";
import { serviceAccountSubject } from "../../iam/irsaTrust";
import {
    AnnotatedServiceAccount,
    annotatedServiceAccounts,
    ClusterRef,
    clustersByIssuer,
    inlinePoliciesOf,
    managedPoliciesOf,
    TYPES,
} from "./inventory";
import { ExportedResource, property, StackExport } from "./stackExport";
import { wildcardMatch } from "../../iam/wildcard";
import { IrsaGrant, irsaGrants } from "./trust";

/** One association to create: the `migrations` entry of the JSON document. */
export interface Migration {
    clusterName: string;
    namespace: string;
    serviceAccount: string;
    /** The IRSA role the service account uses today. */
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
    /** What a person must decide before or during the migration. */
    flagged: string[];
}

/** The whole plan. */
export interface MigrationPlan {
    roles: RolePlan[];
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

function planRole(
    role: ExportedResource,
    grants: IrsaGrant[],
    clusters: Map<string, ClusterRef>,
    annotated: AnnotatedServiceAccount[],
    resources: ExportedResource[],
): RolePlan {
    const arnValue = property(role, "arn");
    const roleArn = typeof arnValue === "string" ? arnValue : "";
    const roleName = roleNameOf(role, roleArn);
    const mine = annotated.filter((sa) => sa.roleArn === roleArn);
    const plan: RolePlan = {
        roleName,
        roleArn,
        urn: role.urn,
        path: typeof property(role, "path") === "string" ? (property(role, "path") as string) : "/",
        clusters: [],
        migrations: [],
        irsaTrust: [],
        annotated: mine,
        managedPolicyArns: managedPoliciesOf(role, resources),
        inlinePolicies: inlinePoliciesOf(role, resources),
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
        for (const subject of grant.subjects) {
            if (subject.kind === "exact") {
                bound.set(key(subject.namespace, subject.name), "subject");
                continue;
            }
            const matches = candidates.filter((sa) =>
                wildcardMatch(subject.pattern, serviceAccountSubject(sa.namespace, sa.name)),
            );
            for (const sa of matches) {
                if (!bound.has(key(sa.namespace, sa.name))) {
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
            if (bound.has(key(sa.namespace, sa.name))) {
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
    if (plan.inlinePolicies.length > 0) {
        plan.flagged.push(
            `inline policies (${plan.inlinePolicies.join(", ")}) are not copied: add their ` +
                `statements to role.statements.`,
        );
    }
    return plan;
}

/** Builds the plan from a stack export and `--cluster` mappings (issuer to cluster name). */
export function migrationPlan(exported: StackExport, mappings: Map<string, string>): MigrationPlan {
    const { resources } = exported;
    const clusters = clustersByIssuer(resources, mappings);
    const annotated = annotatedServiceAccounts(resources);
    const roles: RolePlan[] = [];
    const ignoredRoles: string[] = [];
    for (const role of resources.filter((r) => r.type === TYPES.role)) {
        const grants = irsaGrants(property(role, "assumeRolePolicy"));
        if (grants.length === 0) {
            ignoredRoles.push(role.name);
            continue;
        }
        roles.push(planRole(role, grants, clusters, annotated, resources));
    }
    const irsaArns = new Set(roles.map((role) => role.roleArn));
    const notes: string[] = [];
    if (exported.encrypted > 0) {
        notes.push(
            `${exported.encrypted} value(s) of the export are encrypted (such as a kubeconfig, ` +
                `which tells a service account's cluster): export with --show-secrets to read them.`,
        );
    }
    return {
        roles,
        ignoredRoles: ignoredRoles.sort(),
        otherAnnotated: annotated.filter((sa) => !irsaArns.has(sa.roleArn)),
        notes,
    };
}
