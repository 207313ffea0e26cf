/**
 * What the export holds besides roles: the EKS clusters behind OIDC issuers, and the service
 * accounts annotated for IRSA with the workloads that run as them.
 */
import { normaliseIssuer, regionOfIssuer } from "../../iam/irsaTrust";
import { IRSA_ANNOTATION } from "../../model/rules/kubernetes";
import { metadataOf, placeOf, Workload, workloadsOf } from "./kubernetes";
import { ExportedResource, member, property } from "./stackExport";

/** Type tokens read from the export. */
export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    addon: "aws:eks/addon:Addon",
    cluster: "aws:eks/cluster:Cluster",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    serviceAccountPatch: "kubernetes:core/v1:ServiceAccountPatch",
} as const;

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

/** A service account carrying the IRSA annotation. */
export interface AnnotatedServiceAccount {
    urn: string;
    namespace: string;
    name: string;
    /** The annotation's value: the role the pods get through IRSA. */
    roleArn: string;
    /** The cluster its Kubernetes provider's kubeconfig names; undefined when it does not say. */
    clusterName?: string;
    /** The kubeconfig context of its Kubernetes provider, when the export says. */
    context?: string;
    /** Its Kubernetes provider's name; undefined for the default provider. */
    kubernetesProvider?: string;
    /** Workloads of the export in the same namespace and cluster that run as it. */
    workloads: Workload[];
}

/** The service accounts (and service account patches) annotated with a role ARN. */
export function annotatedServiceAccounts(resources: ExportedResource[]): AnnotatedServiceAccount[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const workloads = workloadsOf(resources, byUrn);
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
                context: place.context,
                kubernetesProvider: place.kubernetesProvider,
                workloads: workloads
                    .filter(
                        (w) =>
                            w.account === name &&
                            w.place.namespace === place.namespace &&
                            w.place.provider === place.provider,
                    )
                    .map((w) => ({ kind: w.kind, name: w.name })),
            },
        ];
    });
}
