/**
 * One IRSA role's plan: the associations that replace its IRSA trust (none on an add-on's
 * service account), its trust change, what names it, and what a person must decide.
 */
import { parseRoleArn } from "../../iam/arn";
import { serviceAccountSubject } from "../../iam/irsaTrust";
import { wildcardMatch } from "../../iam/wildcard";
import type { AddonMove } from "./addons";
import type { AnnotatedServiceAccount, ClusterRef } from "./inventory";
import {
    inlinePoliciesOf,
    inlineStatementsOf,
    managedPoliciesOf,
    roleSettingsOf,
} from "./permissions";
import type { MigrationMode, RolePlan } from "./plan";
import { identityOf, referencesTo } from "./references";
import { ExportedResource, property } from "./stackExport";
import type { IrsaGrant } from "./trust";
import { policyLength, TRUST_POLICY_LIMIT, trustUpdateOf } from "./trustUpdate";

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
export interface Inventory {
    resources: ExportedResource[];
    clusters: Map<string, ClusterRef>;
    annotated: AnnotatedServiceAccount[];
    addons: AddonMove[];
    mode: MigrationMode;
}

/** `cluster/namespace/name` of each add-on's service account: no standalone association there. */
const addonKey = (clusterName: string, namespace: string, name: string) =>
    `${clusterName}/${namespace}/${name}`;

export function planRole(
    role: ExportedResource,
    grants: IrsaGrant[],
    inventory: Inventory,
): RolePlan {
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
