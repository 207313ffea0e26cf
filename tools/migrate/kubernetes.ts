/**
 * Where a Kubernetes resource of the export lives (namespace, cluster, kubeconfig context),
 * from its Kubernetes provider, and the workloads that run as a service account.
 */
import * as yaml from "js-yaml";
import { clusterNameOfKubeconfig } from "../../kubernetes/kubeconfig";
import { ExportedResource, member, property } from "./stackExport";

/**
 * Workload kinds, by type token, with the path of their pod template's spec: a CronJob's is
 * `spec.jobTemplate.spec.template.spec` (Kubernetes API, batch/v1 CronJobSpec).
 */
const WORKLOADS: Record<string, { kind: WorkloadKind; podSpec: string[] }> = {
    "kubernetes:apps/v1:Deployment": { kind: "Deployment", podSpec: ["template", "spec"] },
    "kubernetes:apps/v1:StatefulSet": { kind: "StatefulSet", podSpec: ["template", "spec"] },
    "kubernetes:apps/v1:DaemonSet": { kind: "DaemonSet", podSpec: ["template", "spec"] },
    "kubernetes:batch/v1:Job": { kind: "Job", podSpec: ["template", "spec"] },
    "kubernetes:batch/v1:CronJob": {
        kind: "CronJob",
        podSpec: ["jobTemplate", "spec", "template", "spec"],
    },
};

/** The Kubernetes kinds of workload the plan lists. */
export type WorkloadKind = "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob";

/** A workload that runs as a service account. */
export interface Workload {
    /** Its Kubernetes kind: `Deployment`, `StatefulSet`, `DaemonSet`, `Job` or `CronJob`. */
    kind: WorkloadKind;
    name: string;
}

/** Where a Kubernetes resource of the export lives. */
export interface Place {
    namespace: string;
    /** The cluster its provider's kubeconfig names; undefined when it does not say. */
    clusterName?: string;
    /** The kubeconfig context its provider uses, when the export says. */
    context?: string;
    /** Its Kubernetes provider's name (the URN's last part); undefined for the default one. */
    kubernetesProvider?: string;
    /** Its Kubernetes provider's URN. */
    provider?: string;
}

/** The context a kubeconfig makes current; undefined when it cannot be read. */
export function currentContext(kubeconfig: unknown): string | undefined {
    let parsed: unknown = kubeconfig;
    if (typeof kubeconfig === "string") {
        try {
            parsed = yaml.load(kubeconfig);
        } catch {
            return undefined;
        }
    }
    const context = member(parsed, "current-context");
    return typeof context === "string" && context !== "" ? context : undefined;
}

/** A resource's `metadata`, or an empty object. */
export function metadataOf(resource: ExportedResource): Record<string, unknown> {
    const metadata = property(resource, "metadata");
    return metadata !== null && typeof metadata === "object"
        ? (metadata as Record<string, unknown>)
        : {};
}

/** Where a Kubernetes resource lives, from its metadata and its provider's settings. */
export function placeOf(resource: ExportedResource, byUrn: Map<string, ExportedResource>): Place {
    const provider = resource.provider ? byUrn.get(resource.provider) : undefined;
    const providerNamespace = provider ? property(provider, "namespace") : undefined;
    const namespace = metadataOf(resource).namespace ?? providerNamespace ?? "default";
    const kubeconfig = provider ? property(provider, "kubeconfig") : undefined;
    // The provider's `context` setting wins over the kubeconfig's current context.
    const context = provider ? property(provider, "context") : undefined;
    return {
        namespace: typeof namespace === "string" ? namespace : "default",
        clusterName: provider ? clusterNameOfKubeconfig(kubeconfig) : undefined,
        context:
            typeof context === "string" && context !== "" ? context : currentContext(kubeconfig),
        kubernetesProvider: provider?.name,
        provider: resource.provider,
    };
}

/** A workload of the export, with the service account it runs as and where. */
export interface PlacedWorkload extends Workload {
    account: string;
    place: Place;
}

/** The export's workloads that name their service account. */
export function workloadsOf(
    resources: ExportedResource[],
    byUrn: Map<string, ExportedResource>,
): PlacedWorkload[] {
    return resources.flatMap((resource) => {
        const known = WORKLOADS[resource.type];
        const name = metadataOf(resource).name;
        if (!known || typeof name !== "string") {
            return [];
        }
        const podSpec = member(property(resource, "spec"), ...known.podSpec);
        const account = member(podSpec, "serviceAccountName") ?? "default";
        return typeof account === "string"
            ? [{ kind: known.kind, name, account, place: placeOf(resource, byUrn) }]
            : [];
    });
}
