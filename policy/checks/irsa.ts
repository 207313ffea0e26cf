/**
 * A service account that Pod Identity serves must not also carry the IRSA annotation: AWS
 * SDKs try web identity (IRSA) before container credentials (Pod Identity), so the pods
 * would silently keep the IRSA role.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { clusterNameOfKubeconfig } from "../../components/kubeconfig";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import { Finding, StackIndex } from "../stack";
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

function targets(association: PlacedAssociation, account: AnnotatedServiceAccount): boolean {
    if (
        association.namespace !== account.namespace ||
        association.serviceAccount !== account.name
    ) {
        return false;
    }
    // One component (a PodIdentityBinding) made both; otherwise a cluster named by the
    // kubeconfig must match.
    const parent = association.resource.parent;
    if (parent && parent === account.resource.parent && urnType(parent) !== "pulumi:pulumi:Stack") {
        return true;
    }
    return account.cluster === undefined || account.cluster === association.cluster.name;
}

/**
 * Service accounts with the IRSA annotation that a Pod Identity association of the stack
 * targets (same namespace and name, on the same cluster when the Kubernetes provider's
 * kubeconfig names it). An annotation, name or namespace unknown during preview is not
 * judged.
 */
export function irsaAnnotationFindings(stack: StackIndex): Finding[] {
    const byServiceAccount = new Map<string, PlacedAssociation[]>();
    for (const association of placedAssociations(stack)) {
        const key = JSON.stringify([association.namespace, association.serviceAccount]);
        const list = byServiceAccount.get(key) ?? [];
        list.push(association);
        byServiceAccount.set(key, list);
    }
    return annotatedServiceAccounts(stack).flatMap((account): Finding[] => {
        const candidates = byServiceAccount.get(JSON.stringify([account.namespace, account.name]));
        const targeting = (candidates ?? []).filter((candidate) => targets(candidate, account));
        // Name the association made with the service account, when there is one.
        const association =
            targeting.find((candidate) => candidate.resource.parent === account.resource.parent) ??
            targeting[0];
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
