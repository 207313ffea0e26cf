/**
 * The external id EKS Pod Identity sends (`sts:ExternalId`) when it chains into a target role
 * for an association with session tags off. It is made only of the association's own parts,
 * so a target role's trust policy can name it before the association exists: no cycle
 * between the association (which needs the target role's ARN) and the target role's trust
 * (which needs the id).
 *
 * Source: Amazon EKS User Guide, "Access AWS Resources using EKS Pod Identity Target IAM
 * Roles" (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-assign-target-role.html):
 * with session tags disabled, "EKS Pod Identity also sets the `sts:ExternalId`", shown as
 * `region/111122223333/cluster-name/namespace/service-account-name`, 111122223333 being the
 * account hosting the cluster (and so the association role, which EKS requires there). The EKS
 * API reference (PodIdentityAssociation `externalId`,
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_PodIdentityAssociation.html) returns
 * the same id as the association's `externalId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { namespaceNameProblem, serviceAccountNameProblem } from "../model/rules/kubernetes";

/** What an association's external id is made of. */
export interface PodIdentityExternalIdParts<T = string> {
    /** The cluster's region, e.g. `us-east-1`. */
    region: T;
    /** The 12-digit account of the cluster (and of the association role). */
    accountId: T;
    /** The EKS cluster's name (not its ARN). */
    clusterName: T;
    /** The Kubernetes namespace of the service account. */
    namespace: T;
    /** The Kubernetes service account name. */
    serviceAccount: T;
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;

/** Why one part of an external id is wrong, or undefined when every part is plausible. */
export function externalIdPartsProblem(parts: PodIdentityExternalIdParts): string | undefined {
    if (!REGION.test(parts.region)) {
        return `region "${parts.region}" is not an AWS region such as us-east-1`;
    }
    if (!ACCOUNT.test(parts.accountId)) {
        return `accountId "${parts.accountId}" is not a 12-digit AWS account id`;
    }
    if (!CLUSTER_NAME.test(parts.clusterName) || parts.clusterName.length > 100) {
        return `clusterName "${parts.clusterName}" is not an EKS cluster name (the name, not the ARN)`;
    }
    const namespace = namespaceNameProblem(parts.namespace);
    if (namespace) {
        return `namespace ${namespace}`;
    }
    const serviceAccount = serviceAccountNameProblem(parts.serviceAccount);
    return serviceAccount ? `serviceAccount ${serviceAccount}` : undefined;
}

/** The parts of an external id, or undefined when it does not have the five of EKS's form. */
export function parseExternalId(id: string): PodIdentityExternalIdParts | undefined {
    const segments = id.split("/");
    if (segments.length !== 5) {
        return undefined;
    }
    const [region, accountId, clusterName, namespace, serviceAccount] = segments;
    const parts = { region, accountId, clusterName, namespace, serviceAccount };
    return externalIdPartsProblem(parts) === undefined ? parts : undefined;
}

function join(parts: PodIdentityExternalIdParts): string {
    const problem = externalIdPartsProblem(parts);
    if (problem) {
        throw new Error(`podIdentityExternalId: ${problem.replace(/\.$/, "")}.`);
    }
    return [
        parts.region,
        parts.accountId,
        parts.clusterName,
        parts.namespace,
        parts.serviceAccount,
    ].join("/");
}

/**
 * The external id EKS sends when an association with session tags off chains into its target
 * role: `region/accountId/clusterName/namespace/serviceAccount`, equal to the association's
 * `externalId` output. Plain parts give a plain string (usable in a target role's trust before
 * any association exists); Inputs give an Output. Throws on a part that cannot be right (a
 * region, account, cluster name, namespace or service account name of the wrong form).
 */
export function podIdentityExternalId(parts: PodIdentityExternalIdParts): string;
export function podIdentityExternalId(
    parts: PodIdentityExternalIdParts<pulumi.Input<string>>,
): pulumi.Output<string>;
export function podIdentityExternalId(
    parts: PodIdentityExternalIdParts<pulumi.Input<string>>,
): string | pulumi.Output<string> {
    const values = Object.values(parts) as pulumi.Input<string>[];
    if (values.every((value) => typeof value === "string")) {
        return join(parts as PodIdentityExternalIdParts);
    }
    return pulumi
        .all([
            parts.region,
            parts.accountId,
            parts.clusterName,
            parts.namespace,
            parts.serviceAccount,
        ])
        .apply(([region, accountId, clusterName, namespace, serviceAccount]) =>
            join({ region, accountId, clusterName, namespace, serviceAccount }),
        );
}
