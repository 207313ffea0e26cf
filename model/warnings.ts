import * as pulumi from "@pulumi/pulumi";
import {
    ADMINISTRATOR_ACCESS,
    isAllowAll,
    partitionOfArn,
    UNANNOUNCED_PARTITIONS,
} from "./rules/iam";
import { asList } from "../core/lists";
import { known } from "./problems";
import type { IrsaTrust } from "../iam/irsaTrust";
import type { PolicyStatement } from "../iam/policyDocument";
import type { TrustConditions } from "../iam/trustPolicy";

// One warning per partition per deployment is enough, however many clusters are there.
const warnedPartitions = new WeakMap<object, Set<string>>();

/**
 * Warns when an ARN shows a partition where AWS announced Pod Identity as unavailable. Not an
 * error: AWS's China documentation now covers Pod Identity and GovCloud is unconfirmed.
 */
export function warnOnUnannouncedPartition(
    arn: pulumi.Output<string>,
    resource: pulumi.Resource,
): void {
    arn.apply((value) => {
        const partition = value ? partitionOfArn(value) : undefined;
        const where = partition ? UNANNOUNCED_PARTITIONS[partition] : undefined;
        if (!partition || !where) {
            return;
        }
        const stack = pulumi.runtime.getStackResource() ?? warnedPartitions;
        const warned = warnedPartitions.get(stack) ?? new Set<string>();
        warnedPartitions.set(stack, warned);
        if (warned.has(partition)) {
            return;
        }
        warned.add(partition);
        void pulumi.log.warn(
            `EKS Pod Identity was announced as unavailable in ${where} (partition ${partition}). ` +
                `Check that your region supports it (the agent add-on and the EKS Auth API) before relying ` +
                `on it; once it does, set allowUnannouncedPartition: true to silence this warning.`,
            resource,
        );
    });
}

/** Warns about administrator-level permissions on a pod role: every pod on it could do anything. */
export function warnOnAdminPermissions(
    managedPolicyArns: string[] | undefined,
    statements: PolicyStatement[] | undefined,
    resource: pulumi.Resource,
): void {
    for (const arn of managedPolicyArns ?? []) {
        if (ADMINISTRATOR_ACCESS.test(arn)) {
            void pulumi.log.warn(
                `${arn} gives every pod that uses this role full control of the account. Grant the ` +
                    `actions the workload needs instead (see the presets).`,
                resource,
            );
        }
    }
    (statements ?? []).forEach((statement, i) => {
        const plain = {
            Effect: statement.Effect,
            Action: asList(statement.Action)?.map((a) => known(a)),
            Resource: asList(statement.Resource)?.map((r) => known(r)),
        };
        if (isAllowAll(plain)) {
            void pulumi.log.warn(
                `statements[${i}] allows "*" actions on "*" resources: every pod that uses this role ` +
                    `could do anything in the account. Name the actions and resources it needs.`,
                resource,
            );
        }
    });
}

/**
 * Warns about trust conditions on keys AWS does not document EKS Auth as sending: a condition
 * on a key that is absent denies every pod. `aws:SourceOrgId` is documented (EKS
 * best-practices guide); `aws:SourceAccount` is not.
 */
export function warnOnUnverifiedTrustConditions(
    trust: TrustConditions | undefined,
    resource: pulumi.Resource,
): void {
    const explicit = Object.values(trust?.conditions ?? {}).some((keys) =>
        Object.keys(keys).some((key) => key.toLowerCase() === "aws:sourceaccount"),
    );
    if ((trust?.sourceAccounts ?? []).length > 0 || explicit) {
        void pulumi.log.warn(
            "trust.sourceAccounts (aws:SourceAccount) is unverified: AWS does not document that " +
                "EKS Pod Identity sends aws:SourceAccount when it assumes the role, and if it does not, " +
                "every pod is denied. Test it on one association first, or use trust.sourceOrgIds " +
                "(aws:SourceOrgId, which AWS documents EKS as sending).",
            resource,
        );
    }
}

/**
 * Says, once for the role, that its trust names clusters again while `irsaTrust` is set:
 * every new cluster needs an entry, and the trust policy grows towards IAM's size limit.
 */
export function warnOnIrsaTrust(
    entries: IrsaTrust[] | undefined,
    roleName: string,
    resource: pulumi.Resource,
): void {
    if (!entries || entries.length === 0) {
        return;
    }
    const count = entries.length === 1 ? "1 OIDC provider" : `${entries.length} OIDC providers`;
    void pulumi.log.warn(
        `role "${roleName}" trusts ${count} for IRSA (irsaTrust): its trust policy depends on ` +
            `clusters again until irsaTrust is removed. Once the service accounts' ` +
            `eks.amazonaws.com/role-arn annotations are gone and their workloads restarted, ` +
            `remove irsaTrust (see docs/migration.md).`,
        resource,
    );
}
