/** The plan as one document: what `--json` prints and what the text rendering reads. */
import { componentName, rootConfig, typescriptSnippet } from "./config";
import { Data } from "./format";
import { AnnotatedServiceAccount } from "./inventory";
import { MigrationPlan, Migration, RoleCluster } from "./plan";

/** The steps of a migration, in the order they must happen. */
export const STEPS = [
    "Deploy the Pod Identity role, the eks-pod-identity-agent add-on on each cluster and the " +
        "associations (the configuration or the TypeScript below, then `pulumi up`). Keep the " +
        "annotations for now: pods stay on IRSA, and irsaTrust lets the new role be assumed " +
        "through IRSA as well during the window.",
    "Remove the eks.amazonaws.com/role-arn annotation from each service account listed: AWS " +
        "SDKs try web identity (IRSA) before Pod Identity, so an annotated service account keeps IRSA.",
    "Restart the workloads that run as those service accounts (kubectl rollout restart): pods " +
        "get Pod Identity credentials only when started after the association exists and the " +
        "annotation is gone.",
    "Remove the OIDC trust: drop irsaTrust and `pulumi up` (the policy rule " +
        "pod-identity-no-oidc-trust flags it until then); then retire the IRSA role, and each " +
        "cluster's IAM OIDC provider once nothing else trusts it.",
];

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

/** The whole document. */
export interface MigrationDocument {
    source: string;
    summary: { irsaRoles: number; migrations: number; clusters: number; flagged: number };
    /** Every association to create, across roles. */
    migrations: Migration[];
    roles: RoleDocument[];
    /** Annotated service accounts whose role is not an IRSA role of this export. */
    otherAnnotated: AnnotatedServiceAccount[];
    /** Roles that are not IRSA roles: left alone. */
    ignoredRoles: string[];
    steps: string[];
    notes: string[];
    /** One TypeScript program for every role; null when nothing can be deployed yet. */
    snippet: string | null;
}

/** The document of a plan read from `source`. */
export function migrationDocument(plan: MigrationPlan, source: string): MigrationDocument {
    const taken = new Set<string>();
    const roles = plan.roles.map((role): RoleDocument => {
        const name = componentName(role.roleName, taken);
        return {
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
            name,
            stackConfig: rootConfig(role, name) ?? null,
        };
    });
    const migrations = plan.roles.flatMap((role) => role.migrations);
    const otherFlags = plan.otherAnnotated.length;
    return {
        source,
        summary: {
            irsaRoles: roles.length,
            migrations: migrations.length,
            clusters: new Set(migrations.map((m) => m.clusterName)).size,
            flagged: roles.reduce((n, role) => n + role.flagged.length, 0) + otherFlags,
        },
        migrations,
        roles,
        otherAnnotated: plan.otherAnnotated,
        ignoredRoles: plan.ignoredRoles,
        steps: STEPS,
        notes: plan.notes,
        snippet:
            typescriptSnippet(plan.roles.map((role, i) => ({ role, name: roles[i].name }))) ?? null,
    };
}
