/**
 * Which input changes make the AWS and Kubernetes providers replace a resource (delete and
 * create) rather than update it in place: the ForceNew / immutable fields of each type,
 * from the providers' schemas and the EKS and IAM APIs (e.g. UpdatePodIdentityAssociation
 * can change the role, target role, session tags and policy, but not the cluster,
 * namespace or service account).
 */
import { RecordedResource } from "../tools/mock-engine";

const REPLACE_ON: { [type: string]: string[] } = {
    "aws:iam/role:Role": ["name", "namePrefix", "path"],
    "aws:iam/policy:Policy": ["name", "namePrefix", "path", "description"],
    "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
    "aws:eks/addon:Addon": ["clusterName", "addonName"],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": [
        "clusterName",
        "namespace",
        "serviceAccount",
    ],
    "kubernetes:core/v1:Namespace": ["metadata.name"],
    "kubernetes:core/v1:ServiceAccount": ["metadata.name", "metadata.namespace"],
};

function at(value: unknown, path: string): unknown {
    return path
        .split(".")
        .reduce<unknown>(
            (current, key) =>
                current && typeof current === "object"
                    ? (current as Record<string, unknown>)[key]
                    : undefined,
            value,
        );
}

export type Change = "create" | "delete" | "replace" | "update" | "same";

/** What `pulumi up` would do to each cloud resource going from run `before` to run `after`. */
export function diffRuns(
    before: RecordedResource[],
    after: RecordedResource[],
): Map<string, Change> {
    const changes = new Map<string, Change>();
    const old = new Map(before.filter((r) => r.custom).map((r) => [r.urn, r]));
    for (const resource of after.filter((r) => r.custom)) {
        const previous = old.get(resource.urn);
        if (!previous) {
            changes.set(resource.urn, "create");
            continue;
        }
        old.delete(resource.urn);
        const keys = REPLACE_ON[resource.type] ?? [];
        if (
            keys.some(
                (key) =>
                    JSON.stringify(at(previous.inputs, key)) !==
                    JSON.stringify(at(resource.inputs, key)),
            )
        ) {
            changes.set(resource.urn, "replace");
        } else if (
            JSON.stringify(previous.inputs) !== JSON.stringify(resource.inputs) ||
            previous.provider !== resource.provider
        ) {
            changes.set(resource.urn, "update");
        } else {
            changes.set(resource.urn, "same");
        }
    }
    for (const urn of old.keys()) {
        changes.set(urn, "delete");
    }
    return changes;
}

/** The URNs with a given change, by resource type and name, for readable assertions. */
export function withChange(changes: Map<string, Change>, change: Change): string[] {
    return [...changes.entries()]
        .filter(([, c]) => c === change)
        .map(([urn]) => urn.split("::").slice(2).join("::").split("$").pop() ?? urn)
        .sort();
}
