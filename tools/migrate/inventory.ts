/**
 * What the export holds besides roles: the EKS clusters behind OIDC issuers, the service
 * accounts annotated for IRSA, and the workloads that run as them.
 */
import { normaliseIssuer, regionOfIssuer } from "../../iam/irsaTrust";
import { clusterNameOfKubeconfig } from "../../kubernetes/kubeconfig";
import { IRSA_ANNOTATION } from "../../model/rules/kubernetes";
import { ExportedResource, member, property } from "./stackExport";

/** Type tokens read from the export. */
export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    cluster: "aws:eks/cluster:Cluster",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    serviceAccountPatch: "kubernetes:core/v1:ServiceAccountPatch",
} as const;

/** Workload kinds `kubectl rollout restart` accepts, by type token. */
const WORKLOADS: Record<string, string> = {
    "kubernetes:apps/v1:Deployment": "deployment",
    "kubernetes:apps/v1:StatefulSet": "statefulset",
    "kubernetes:apps/v1:DaemonSet": "daemonset",
};

/** The EKS cluster behind an OIDC issuer. */
export interface ClusterRef {
    clusterName: string;
    /** From the issuer (`oidc.eks.<region>...`) or the cluster ARN; undefined when neither says. */
    region?: string;
    /** Where the name came from: the export's cluster resource, or a `--cluster` mapping. */
    source: "export" | "--cluster";
}

/**
 * Issuer (without `https://`) to cluster: each `aws:eks/cluster:Cluster` of the export by its
 * `identities[0].oidcs[0].issuer` output (as typed in @pulumi/aws `eks/cluster.d.ts`), then the
 * `--cluster` mappings, which win.
 */
export function clustersByIssuer(
    resources: ExportedResource[],
    mappings: Map<string, string>,
): Map<string, ClusterRef> {
    const clusters = new Map<string, ClusterRef>();
    for (const resource of resources.filter((r) => r.type === TYPES.cluster)) {
        const issuer = member(resource.outputs, "identities", 0, "oidcs", 0, "issuer");
        const name = property(resource, "name");
        if (typeof issuer !== "string" || typeof name !== "string") {
            continue;
        }
        const arn = property(resource, "arn");
        const region =
            regionOfIssuer(issuer) ?? (typeof arn === "string" ? arn.split(":")[3] : undefined);
        clusters.set(normaliseIssuer(issuer), { clusterName: name, region, source: "export" });
    }
    for (const [issuer, clusterName] of mappings) {
        clusters.set(normaliseIssuer(issuer), {
            clusterName,
            region: regionOfIssuer(issuer),
            source: "--cluster",
        });
    }
    return clusters;
}

/** A workload that runs as a service account. */
export interface Workload {
    /** `deployment`, `statefulset` or `daemonset`. */
    kind: string;
    name: string;
}

/** A service account carrying the IRSA annotation. */
export interface AnnotatedServiceAccount {
    urn: string;
    namespace: string;
    name: string;
    /** The annotation's value: the role the pods get through IRSA. */
    roleArn: string;
    /** The cluster its Kubernetes provider's kubeconfig names; undefined when it does not say. */
    clusterName?: string;
    /** Workloads of the export in the same namespace and cluster that run as it. */
    workloads: Workload[];
}

function metadataOf(resource: ExportedResource): Record<string, unknown> {
    const metadata = property(resource, "metadata");
    return metadata !== null && typeof metadata === "object"
        ? (metadata as Record<string, unknown>)
        : {};
}

function placeOf(resource: ExportedResource, byUrn: Map<string, ExportedResource>) {
    const provider = resource.provider ? byUrn.get(resource.provider) : undefined;
    const providerNamespace = provider ? property(provider, "namespace") : undefined;
    const namespace = metadataOf(resource).namespace ?? providerNamespace ?? "default";
    return {
        namespace: typeof namespace === "string" ? namespace : "default",
        clusterName: provider
            ? clusterNameOfKubeconfig(property(provider, "kubeconfig"))
            : undefined,
        provider: resource.provider,
    };
}

/** The service accounts (and service account patches) annotated with a role ARN. */
export function annotatedServiceAccounts(resources: ExportedResource[]): AnnotatedServiceAccount[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const workloads = resources.flatMap((resource) => {
        const kind = WORKLOADS[resource.type];
        const name = metadataOf(resource).name;
        const account = member(
            property(resource, "spec"),
            "template",
            "spec",
            "serviceAccountName",
        );
        return kind && typeof name === "string" && typeof account === "string"
            ? [{ kind, name, account, ...placeOf(resource, byUrn) }]
            : [];
    });
    return resources.flatMap((resource): AnnotatedServiceAccount[] => {
        if (resource.type !== TYPES.serviceAccount && resource.type !== TYPES.serviceAccountPatch) {
            return [];
        }
        const metadata = metadataOf(resource);
        const roleArn = member(metadata, "annotations", IRSA_ANNOTATION);
        if (typeof metadata.name !== "string" || typeof roleArn !== "string" || roleArn === "") {
            return [];
        }
        const name = metadata.name;
        const place = placeOf(resource, byUrn);
        return [
            {
                urn: resource.urn,
                namespace: place.namespace,
                name,
                roleArn,
                clusterName: place.clusterName,
                workloads: workloads
                    .filter(
                        (w) =>
                            w.account === name &&
                            w.namespace === place.namespace &&
                            w.provider === place.provider,
                    )
                    .map((w) => ({ kind: w.kind, name: w.name })),
            },
        ];
    });
}

/** Managed policy ARNs a role has in the export: its attachments and `managedPolicyArns`. */
export function managedPoliciesOf(role: ExportedResource, resources: ExportedResource[]): string[] {
    const roleName = property(role, "name");
    const arns = new Set<string>();
    const listed = property(role, "managedPolicyArns");
    for (const arn of Array.isArray(listed) ? listed : []) {
        if (typeof arn === "string") {
            arns.add(arn);
        }
    }
    for (const attachment of resources.filter((r) => r.type === TYPES.rolePolicyAttachment)) {
        const arn = property(attachment, "policyArn");
        if (property(attachment, "role") === roleName && typeof arn === "string") {
            arns.add(arn);
        }
    }
    return [...arns].sort();
}

/** Names of the inline policies a role has in the export (`inlinePolicies`, `RolePolicy`). */
export function inlinePoliciesOf(role: ExportedResource, resources: ExportedResource[]): string[] {
    const roleName = property(role, "name");
    const names = new Set<string>();
    const inline = property(role, "inlinePolicies");
    for (const policy of Array.isArray(inline) ? inline : []) {
        const name = member(policy, "name");
        if (typeof name === "string" && name !== "") {
            names.add(name);
        }
    }
    for (const policy of resources.filter((r) => r.type === TYPES.rolePolicy)) {
        const name = property(policy, "name");
        if (property(policy, "role") === roleName && typeof name === "string") {
            names.add(name);
        }
    }
    return [...names].sort();
}
