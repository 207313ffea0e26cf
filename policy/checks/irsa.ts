/**
 * A service account that Pod Identity serves must not also carry the IRSA annotation: AWS
 * SDKs try web identity (IRSA) before container credentials (Pod Identity), so the pods
 * would silently keep the IRSA role.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { clusterNameOfKubeconfig } from "../../kubernetes/kubeconfig";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import { addTo, Finding, StackIndex } from "../stack";
import { asString, member, Plain } from "../values";
import { PlacedAssociation, placedAssociations } from "./clusters";

/** The service account annotation that turns IRSA on. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * The EKS cluster a Kubernetes provider talks to, read from its kubeconfig (`aws eks get-token
 * --cluster-name <name>`, or a cluster ARN); undefined when it does not say or names more than
 * one. Unknown values name none.
 */
export function clusterOfKubeconfig(kubeconfig: Plain | undefined): string | undefined {
    return clusterNameOfKubeconfig(kubeconfig);
}

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent types$>type::<name>`). */
function urnType(urn: string): string {
    const types = urn.split("::")[2] ?? "";
    return types.split("$").pop() ?? "";
}

interface AnnotatedServiceAccount {
    resource: ResourceView;
    namespace: string;
    name: string;
    roleArn: string;
    /** The cluster its provider's kubeconfig names, when it does. */
    cluster?: string;
}

function annotatedServiceAccounts(stack: StackIndex): AnnotatedServiceAccount[] {
    const accounts = [
        ...stack.ofType(TYPES.serviceAccount),
        ...stack.ofType(TYPES.serviceAccountPatch),
    ];
    return accounts.flatMap((resource) => {
        const metadata = resource.props.metadata;
        const name = asString(member(metadata, "name"));
        const providerNamespace = asString(resource.provider?.props.namespace);
        const namespace =
            asString(member(metadata, "namespace")) ??
            (typeof providerNamespace === "string" ? providerNamespace : "default");
        const roleArn = asString(member(member(metadata, "annotations"), IRSA_ANNOTATION));
        if (typeof name !== "string" || typeof namespace !== "string") {
            return [];
        }
        if (typeof roleArn !== "string" || roleArn === "") {
            return [];
        }
        const cluster = clusterOfKubeconfig(resource.provider?.props.kubeconfig);
        return [{ resource, namespace, name, roleArn, cluster }];
    });
}

interface Placed {
    association: PlacedAssociation;
    /** Position among the stack's associations. */
    order: number;
}

interface ServiceAccountAssociations {
    all: Placed[];
    byParent: Map<string, Placed[]>;
    byCluster: Map<string, Placed[]>;
}

/** A map key for a parent URN; no URN is empty, so "" stands for none. */
function parentKey(parent: string | undefined): string {
    return parent ?? "";
}

/**
 * Of the associations of an account's namespace and name, the one to name. An association
 * targets the account when one component (a PodIdentityBinding) made both, or else when the
 * cluster its Kubernetes provider's kubeconfig names (if any) is the association's. Of those,
 * the first made by the account's own parent is named, else the first.
 */
function targetedBy(
    entry: ServiceAccountAssociations,
    account: AnnotatedServiceAccount,
): PlacedAssociation | undefined {
    const parent = account.resource.parent;
    const first = (lists: (Placed[] | undefined)[]) =>
        lists
            .flatMap((list) => (list && list.length > 0 ? [list[0]] : []))
            .sort((a, b) => a.order - b.order)[0]?.association;
    if (account.cluster === undefined) {
        // Every association of the name targets it.
        return first([entry.byParent.get(parentKey(parent))]) ?? first([entry.all]);
    }
    // Targeting: made by the same (non-stack) parent, or on the cluster the kubeconfig names.
    const sameParent =
        parent && urnType(parent) !== "pulumi:pulumi:Stack"
            ? entry.byParent.get(parent)
            : undefined;
    const onCluster = entry.byCluster.get(account.cluster);
    const onClusterSameParent = onCluster?.filter(
        (placed) => placed.association.resource.parent === parent,
    );
    return first([sameParent, onClusterSameParent]) ?? first([sameParent, onCluster]);
}

/**
 * Service accounts with the IRSA annotation that a Pod Identity association of the stack
 * targets (same namespace and name, on the same cluster when the Kubernetes provider's
 * kubeconfig names it). An annotation, name or namespace unknown during preview is not
 * judged.
 */
export function irsaAnnotationFindings(stack: StackIndex): Finding[] {
    // Fleets bind the same namespace/name on every cluster, so the associations are indexed
    // by service account and, within one, by parent and by cluster: each annotated account
    // then costs a few lookups, not a pass over the fleet.
    const byServiceAccount = new Map<string, ServiceAccountAssociations>();
    placedAssociations(stack).forEach((association, order) => {
        const key = JSON.stringify([association.namespace, association.serviceAccount]);
        let entry = byServiceAccount.get(key);
        if (!entry) {
            entry = { all: [], byParent: new Map(), byCluster: new Map() };
            byServiceAccount.set(key, entry);
        }
        const placed = { association, order };
        entry.all.push(placed);
        addTo(entry.byParent, parentKey(association.resource.parent), placed);
        addTo(entry.byCluster, association.cluster.name, placed);
    });
    return annotatedServiceAccounts(stack).flatMap((account): Finding[] => {
        const entry = byServiceAccount.get(JSON.stringify([account.namespace, account.name]));
        const association = entry && targetedBy(entry, account);
        if (!association) {
            return [];
        }
        return [
            {
                urn: account.resource.urn,
                message:
                    `service account ${account.namespace}/${account.name} carries the IRSA ` +
                    `annotation ${IRSA_ANNOTATION} (${account.roleArn}) while Pod Identity ` +
                    `association "${association.resource.name}" targets it: AWS SDKs try IRSA ` +
                    `first, so its pods keep the IRSA role. Remove the annotation.`,
            },
        ];
    });
}

/** `pod-identity-no-irsa-annotation`: see {@link irsaAnnotationFindings}. */
export const noIrsaAnnotationPolicy: StackValidationPolicy = {
    name: "pod-identity-no-irsa-annotation",
    description:
        `A service account that a Pod Identity association targets does not carry the IRSA ` +
        `annotation ${IRSA_ANNOTATION}, which would take precedence.`,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of irsaAnnotationFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
