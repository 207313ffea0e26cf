/**
 * The resources the rules look at, as plain views of what the policy runtime passes: one
 * shape for a resource under `validateResource` and for each resource under `validateStack`.
 */
import { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { PlainObject, toPlain } from "./values";

/** Type tokens of the resources the rules read. */
export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    policy: "aws:iam/policy:Policy",
    cluster: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    addon: "aws:eks/addon:Addon",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    serviceAccountPatch: "kubernetes:core/v1:ServiceAccountPatch",
} as const;

/** The EKS add-on name of the Pod Identity agent (as `AGENT_ADDON_NAME` in components/agent.ts). */
export const AGENT_ADDON = "eks-pod-identity-agent";

/** The provider a resource is bound to. */
export interface ProviderView {
    urn: string;
    type: string;
    name: string;
    props: PlainObject;
}

/** One resource as a rule reads it. */
export interface ResourceView {
    urn: string;
    type: string;
    name: string;
    /**
     * Properties: a resource's inputs under `validateResource`, its outputs (inputs plus what
     * the cloud computed) under `validateStack`, unknown values as `UNKNOWN`.
     */
    props: PlainObject;
    /** The resource's provider; undefined when the runtime did not say. */
    provider?: ProviderView;
    /** URN of the parent resource, if any. */
    parent?: string;
    /** URNs this resource depends on. */
    dependencies: string[];
    /** Per property, the URNs its value came from. */
    propertyDependencies: { [property: string]: string[] };
}

function plainProps(props: unknown): PlainObject {
    const plain = toPlain(props);
    return plain !== null && typeof plain === "object" && !Array.isArray(plain) ? plain : {};
}

function providerView(provider: ResourceValidationArgs["provider"]): ProviderView | undefined {
    if (!provider) {
        return undefined;
    }
    return {
        urn: provider.urn,
        type: provider.type,
        name: provider.name,
        props: plainProps(provider.props),
    };
}

/** The view of the resource a `validateResource` call receives. */
export function viewOfResourceArgs(args: ResourceValidationArgs): ResourceView {
    return {
        urn: args.urn,
        type: args.type,
        name: args.name,
        props: plainProps(args.props),
        provider: providerView(args.provider),
        parent: args.opts?.parent,
        dependencies: [],
        propertyDependencies: {},
    };
}

/** The view of one resource of the stack a `validateStack` call receives. */
export function viewOfStackResource(resource: PolicyResource): ResourceView {
    const propertyDependencies: { [property: string]: string[] } = {};
    for (const [key, resources] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = resources.map((dependency) => dependency.urn);
    }
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        props: plainProps(resource.props),
        provider: providerView(resource.provider),
        parent: resource.parent?.urn ?? resource.opts?.parent,
        dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn),
        propertyDependencies,
    };
}
