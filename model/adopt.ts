/**
 * `adopt`: take over what already exists instead of creating it, with Pulumi's `import`
 * resource option (Pulumi docs, "Resource option: import"): an association that makes
 * creating one fail with 409 "Association already exists", and the namespace and service
 * account, which Pulumi then owns. The arguments, their import ids and the checks.
 */
import * as pulumi from "@pulumi/pulumi";
import { known, Problems } from "./problems";
import { SYSTEM_NAMESPACES } from "./rules/kubernetes";

// JSDoc below avoids {@link}: the component schema copies these comments into the SDKs of
// other languages.

/** What already exists for one service account, to import instead of creating. */
export interface AdoptOptions {
    /**
     * The id of the association that already exists for this cluster, namespace and service
     * account (`a-...`, from `aws eks list-pod-identity-associations --cluster-name <c>
     * --namespace <ns> --service-account <sa>`): imported (id `<clusterName>,<associationId>`)
     * instead of created, so that `pulumi up` does not fail with 409 "Association already
     * exists". From then on this component owns it: `pulumi destroy` deletes it. Default: none.
     */
    associationId?: string;
    /**
     * Import the existing service account so that this component owns it (its labels and
     * annotations as given here; deleted with the component), instead of creating it. To use
     * one without owning it, set `createServiceAccount: false` instead. Default: false.
     */
    serviceAccount?: boolean;
    /**
     * Import the existing namespace so that this component owns it (its labels as given here),
     * instead of creating it; it is still kept on delete unless `retainNamespaceOnDelete` (or
     * `retainNamespacesOnDelete`) is false. Kubernetes' own namespaces are never owned.
     * Default: false.
     */
    namespace?: boolean;
}

/** A fleet service account's adoptions: `associationId` for one cluster, or a map by cluster. */
export interface FleetAdoptOptions extends AdoptOptions {
    /**
     * The existing associations of this service account, by cluster key, for a list bound on
     * several clusters (each cluster has its own association and id). Not with
     * `associationId`. Default: none.
     */
    associationIds?: { [clusterKey: string]: string };
}

// As the AWS provider's import example (`example-cluster,a-yrpsdroc4ei7k6xps`, @pulumi/aws
// eks.PodIdentityAssociation); AWS documents no fixed length.
const ASSOCIATION_ID = /^a-[a-z0-9]+$/;

/** Why an association id cannot be one, or undefined. */
export function associationIdProblem(id: string): string | undefined {
    if (ASSOCIATION_ID.test(id)) {
        return undefined;
    }
    const hint = id.includes(",")
        ? " Give the id alone: the cluster name is added from clusterName."
        : id.startsWith("arn:")
          ? " Give the association's id, not its ARN (the ARN ends with it)."
          : "";
    return `"${id}" is not an EKS Pod Identity association id such as "a-yrpsdroc4ei7k6xps" (list them with aws eks list-pod-identity-associations).${hint}`;
}

/** The import id of an association: `<clusterName>,<associationId>` (@pulumi/aws). */
export function associationImportId(clusterName: string, associationId: string): string {
    return `${clusterName},${associationId}`;
}

/** The import id of a namespaced Kubernetes object: `<namespace>/<name>` (@pulumi/kubernetes). */
export function namespacedImportId(namespace: string, name: string): string {
    return `${namespace}/${name}`;
}

/** Resource options that import `id`, or none. */
export function importing(id: string | undefined): pulumi.CustomResourceOptions {
    return id === undefined ? {} : { import: id };
}

/**
 * Resource options of an association that adopts `associationId`: an import, whose id needs
 * the cluster's name as a string (the checks refuse an adoption without one).
 */
export function associationImport(
    clusterName: pulumi.Input<string>,
    associationId: string | undefined,
): pulumi.CustomResourceOptions {
    const cluster = known(clusterName);
    return associationId === undefined || cluster === undefined
        ? {}
        : importing(associationImportId(cluster, associationId));
}

/** What the checks need of one service account and how it is bound. */
export interface AdoptContext {
    namespace: string;
    createNamespace?: boolean;
    createServiceAccount?: boolean;
    /** A namespace resource given from elsewhere (PodIdentityBinding `namespaceResource`). */
    namespaceGiven?: boolean;
}

/** Problems in PodIdentityBinding's `adopt`. */
export function checkAdopt(
    problems: Problems,
    adopt: AdoptOptions | undefined,
    context: AdoptContext & { clusterName: pulumi.Input<string> },
    at: string,
): void {
    if (adopt === undefined) {
        return;
    }
    if (adopt.associationId !== undefined) {
        checkAssociationId(
            problems,
            adopt.associationId,
            context.clusterName,
            `${at}.associationId`,
        );
    }
    checkAdoptedObjects(problems, adopt, context, at);
}

/** Problems in adopting the namespace and the service account. */
function checkAdoptedObjects(
    problems: Problems,
    adopt: AdoptOptions,
    context: AdoptContext,
    at: string,
): void {
    if (adopt.serviceAccount === true && context.createServiceAccount === false) {
        problems.add(
            `${at}.serviceAccount`,
            "adopt.serviceAccount imports the service account so that Pulumi owns it, and createServiceAccount: false leaves it alone: choose one.",
        );
    }
    if (adopt.namespace === true) {
        if (SYSTEM_NAMESPACES.includes(context.namespace)) {
            problems.add(
                `${at}.namespace`,
                `"${context.namespace}" is one of Kubernetes' own namespaces, which this package never owns: drop adopt.namespace.`,
            );
        } else if (context.createNamespace === false || context.namespaceGiven) {
            problems.add(
                `${at}.namespace`,
                "adopt.namespace imports the namespace so that Pulumi owns it, and createNamespace: false (or namespaceResource) leaves it to others: choose one.",
            );
        }
    }
}

/** An association id, and the cluster name its import id needs before deployment. */
export function checkAssociationId(
    problems: Problems,
    id: string,
    clusterName: pulumi.Input<string>,
    at: string,
): void {
    const problem = associationIdProblem(id);
    if (problem) {
        problems.add(at, problem);
    }
    if (known(clusterName) === undefined) {
        problems.add(
            at,
            "importing needs the id `<clusterName>,<associationId>` before deployment, and clusterName is not known until then (an Output): give clusterName as a string.",
        );
    }
}

/** One list of service accounts of a fleet, and the clusters that bind it. */
export interface FleetList {
    /** Property path of the list, e.g. `serviceAccounts` or `clusters.prod.serviceAccounts`. */
    at: string;
    serviceAccounts: {
        namespace: string;
        createNamespace?: boolean;
        createServiceAccount?: boolean;
        adopt?: FleetAdoptOptions;
    }[];
    clusters: { key: string; clusterName: pulumi.Input<string> }[];
}

/**
 * Problems in a fleet's adoptions: `associationId` only where a list binds one cluster,
 * `associationIds` only for the clusters that bind the list, and no association adopted
 * twice on one cluster.
 */
export function checkFleetAdopt(problems: Problems, lists: FleetList[]): void {
    const adopted = new Map<string, string>();
    for (const list of lists) {
        list.serviceAccounts.forEach((sa, i) => {
            const at = `${list.at}[${i}].adopt`;
            if (sa.adopt === undefined) {
                return;
            }
            checkAdoptedObjects(problems, sa.adopt, sa, at);
            for (const [clusterKey, id, path] of fleetIds(problems, sa.adopt, list.clusters, at)) {
                const first = adopted.get(`${clusterKey} ${id}`);
                if (first) {
                    problems.add(
                        path,
                        `association ${id} on cluster ${clusterKey} is already adopted at ${first}: an association belongs to one namespace and service account.`,
                    );
                } else {
                    adopted.set(`${clusterKey} ${id}`, path);
                }
            }
        });
    }
}

/** The checked association ids of one fleet service account, as [clusterKey, id, path]. */
function fleetIds(
    problems: Problems,
    adopt: FleetAdoptOptions,
    clusters: FleetList["clusters"],
    at: string,
): [string, string, string][] {
    if (adopt.associationId !== undefined && adopt.associationIds !== undefined) {
        problems.add(
            `${at}.associationIds`,
            "give associationId (one cluster) or associationIds (by cluster key), not both.",
        );
        return [];
    }
    if (adopt.associationId !== undefined) {
        if (clusters.length !== 1) {
            problems.add(
                `${at}.associationId`,
                `this list binds ${clusters.length} clusters (${clusters.map((c) => c.key).join(", ")}), each with its own association: give associationIds, a map by cluster key.`,
            );
            return [];
        }
        checkAssociationId(
            problems,
            adopt.associationId,
            clusters[0].clusterName,
            `${at}.associationId`,
        );
        return [[clusters[0].key, adopt.associationId, `${at}.associationId`]];
    }
    const ids: [string, string, string][] = [];
    for (const [clusterKey, id] of Object.entries(adopt.associationIds ?? {})) {
        const path = `${at}.associationIds.${clusterKey}`;
        const cluster = clusters.find((c) => c.key === clusterKey);
        if (!cluster) {
            problems.add(
                path,
                `no cluster with key "${clusterKey}" binds this service account (${clusters.map((c) => c.key).join(", ") || "none"}): use one of their keys.`,
            );
            continue;
        }
        checkAssociationId(problems, id, cluster.clusterName, path);
        ids.push([clusterKey, id, path]);
    }
    return ids;
}

/** The association id a fleet service account adopts on one cluster, if any. */
export function fleetAssociationId(
    adopt: FleetAdoptOptions | undefined,
    clusterKey: string,
): string | undefined {
    return adopt?.associationIds?.[clusterKey] ?? adopt?.associationId;
}
