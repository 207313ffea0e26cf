/**
 * The steps of a migration, in the order they must happen. None deletes a role: resource
 * policies and other trust name roles by ARN, and IAM stores a trust principal as the role's
 * unique id, so a role re-created under the same name is a different principal (IAM User
 * Guide, "IAM identifiers", unique ids). The OIDC statements leave the kept role's trust last,
 * once every workload runs on Pod Identity.
 */
import { MigrationMode } from "./plan";

/** What the plan holds that changes the steps. */
export interface StepContext {
    mode: MigrationMode;
    /** Add-ons move to their own associations. */
    addons: boolean;
    /** Resource policies or trust name a role that a new role replaces (`--new-roles`). */
    references: boolean;
}

const trust = (roles: string) =>
    `Add the Pod Identity statement to the trust of ${roles} (its URN names the stack ` +
    "that owns it): `assumeRolePolicy: withPodIdentityTrust(<its trust policy>)`, imported from " +
    "eks-pod-identity, then `pulumi up` there (roles of other stacks change in those stacks). " +
    "The role stays, with its ARN, unique id and permissions, so every policy that names it " +
    "keeps working; pods stay on IRSA.";

const ANNOTATIONS =
    "Remove the eks.amazonaws.com/role-arn annotation from each service account listed: AWS " +
    "SDKs try web identity (IRSA) before Pod Identity, so an annotated service account keeps IRSA.";

const RESTART =
    "Restart the workloads that run as those service accounts (kubectl rollout restart): pods " +
    "get Pod Identity credentials only when started after the association exists and the " +
    "annotation is gone. A CronJob's next run picks the change up; a Job already running " +
    "keeps IRSA until it ends.";

const ADDONS =
    "Move each add-on listed in the stack that owns it (its URN): set podIdentityAssociations " +
    "(its service account, the same role) and remove serviceAccountRoleArn in the same change, " +
    "then `pulumi up`; EKS restarts the add-on's pods. Its service account gets no standalone " +
    "association: an add-on cannot adopt one (EKS User Guide, add-ons-iam).";

const OIDC_PROVIDERS =
    "Then each cluster's IAM OIDC provider, once nothing trusts it any more (add-ons or " +
    "controllers outside this plan may still use IRSA).";

/** The steps for a plan. */
export function migrationSteps(context: StepContext): string[] {
    if (context.mode === "keep-role") {
        return [
            trust("each role listed"),
            "Deploy the eks-pod-identity-agent add-on (once per cluster; none where the export " +
                "has it) and the associations, each with its IRSA role's own ARN (the " +
                "configuration or the TypeScript below, then `pulumi up`). Keep the annotations " +
                "for now: pods stay on IRSA.",
            ...(context.addons ? [ADDONS] : []),
            ANNOTATIONS,
            RESTART,
            "Remove the OIDC statements from each kept role's trust once every workload, add-ons " +
                "included, runs on Pod Identity, and `pulumi up`; the role, its ARN and its " +
                "permissions stay. " +
                OIDC_PROVIDERS,
        ];
    }
    return [
        ...(context.addons ? [trust("each add-on's role, which add-ons keep")] : []),
        "Deploy the new Pod Identity roles (each carries its IRSA role's managed policies, " +
            "inline statements, permissions boundary, tags, session length and path; irsaTrust " +
            "keeps IRSA working on it during the window), the eks-pod-identity-agent add-on once " +
            "per cluster and the associations (the configuration or the TypeScript below, then " +
            "`pulumi up`). Keep the annotations for now: pods stay on IRSA.",
        ...(context.references
            ? [
                  'Update every resource policy and trust listed under "must be updated before ' +
                      "the switch\" to name the new role as well (PodIdentity's roleArn output): " +
                      "once the annotations go, pods run as the new role, and a policy that names " +
                      "only the old one denies them.",
              ]
            : []),
        ...(context.addons ? [ADDONS] : []),
        ANNOTATIONS,
        RESTART,
        "Remove the OIDC trust once every workload runs on Pod Identity: drop irsaTrust from the " +
            "new roles and `pulumi up` (the policy rule pod-identity-no-oidc-trust flags it until " +
            "then), and the OIDC statements from the add-ons' roles. Keep the old IRSA roles while " +
            "anything names them: a role re-created under the same name is a new principal. " +
            OIDC_PROVIDERS,
    ];
}
