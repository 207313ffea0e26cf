/**
 * What a reviewer checks in a Pod Identity plan, pulled out of the recorded resources: each
 * role's trust policy and permissions, each association, each agent add-on.
 */
import { knownAddon } from "../../eks/knownAddons";
import { RecordedResource } from "../mock-engine";

/** Marks values known only once deployed (a preview cannot know ARNs or ids). */
export const UNKNOWN_MARK = "[unknown]";
/** Marks secret values, which a plan never shows. */
export const SECRET_MARK = "[secret]";

export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policy: "aws:iam/policy:Policy",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    addon: "aws:eks/addon:Addon",
    awsProvider: "pulumi:providers:aws",
} as const;

/** A permission the role gets. */
export interface PermissionReview {
    /** `inline` (RolePolicy) or `attachment` (RolePolicyAttachment of a managed policy). */
    kind: "inline" | "attachment";
    name: string;
    /** The policy document (parsed), for inline policies and attached policies of this plan. */
    document?: unknown;
    /** The attached policy's ARN. */
    policyArn?: string;
    /** The attached aws.iam.Policy of this plan, by name, when its ARN is not known yet. */
    policyName?: string;
}

export interface RoleReview {
    name: string;
    arn: string;
    /** The trust policy (parsed). */
    trustPolicy: unknown;
    permissions: PermissionReview[];
}

export interface PolicyDocumentReview {
    name: string;
    arn: string;
    document: unknown;
}

export interface AssociationReview {
    name: string;
    clusterName: string;
    region: string;
    namespace: string;
    serviceAccount: string;
    roleArn: string;
    /** The role of this plan the association uses, by name. */
    roleName?: string;
    targetRoleArn?: string;
    /** Whether EKS attaches session tags (`disableSessionTags` false). */
    sessionTags: boolean | string;
    sessionPolicy?: unknown;
    /** The EKS add-on whose own `podIdentityAssociations` hold it; undefined when standalone. */
    addon?: string;
    /** The import id of an association adopted (imported) rather than created. */
    importId?: string;
}

export interface AddonReview {
    name: string;
    clusterName: string;
    region: string;
    addonName: string;
    version: string;
    preserve: boolean | string;
}

export interface Review {
    roles: RoleReview[];
    policies: PolicyDocumentReview[];
    associations: AssociationReview[];
    addons: AddonReview[];
}

type Inputs = Record<string, unknown>;

/**
 * The review of a plan. `inputs` are each resource's inputs as a plan may show them (secrets
 * masked, unknowns marked), by URN.
 */
export function reviewOf(
    resources: RecordedResource[],
    inputs: Map<string, Inputs>,
    defaultRegion: string,
): Review {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    // Grouped once: a pass over the stack per role would make the review quadratic in fleets.
    const byType = new Map<string, RecordedResource[]>();
    for (const resource of resources) {
        addTo(byType, resource.type, resource);
    }
    for (const group of byType.values()) {
        group.sort((a, b) => a.name.localeCompare(b.name));
    }
    const ofType = (type: string) => byType.get(type) ?? [];
    const input = (r: RecordedResource) => inputs.get(r.urn) ?? {};
    // Which resource of this plan an input's value came from (e.g. a role's ARN in a preview).
    const source = (r: RecordedResource, property: string, type: string) =>
        (r.propertyDependencies[property] ?? [])
            .map((urn) => byUrn.get(urn))
            .find((found) => found?.type === type);
    const regionOf = (r: RecordedResource) => {
        const provider = byUrn.get(r.provider.split("::").slice(0, -1).join("::"));
        const region = provider?.type === TYPES.awsProvider ? provider.inputs.region : undefined;
        return typeof region === "string" ? region : defaultRegion;
    };
    const known = (value: unknown) => text(value, UNKNOWN_MARK);

    const policies = ofType(TYPES.policy).map((p) => ({
        name: p.name,
        arn: known(p.outputs.arn),
        document: parseJson(input(p).policy),
    }));

    // Each inline policy and attachment under the role its `role` input came from.
    const byRole = (type: string) => {
        const grouped = new Map<string, RecordedResource[]>();
        for (const r of ofType(type)) {
            const role = source(r, "role", TYPES.role)?.urn;
            if (role !== undefined) {
                addTo(grouped, role, r);
            }
        }
        return (role: RecordedResource) => grouped.get(role.urn) ?? [];
    };
    const inlineOf = byRole(TYPES.rolePolicy);
    const attachmentsOf = byRole(TYPES.attachment);
    const roles = ofType(TYPES.role).map((role): RoleReview => {
        const permissions: PermissionReview[] = [
            ...inlineOf(role).map((p): PermissionReview => ({
                kind: "inline",
                name: p.name,
                document: parseJson(input(p).policy),
            })),
            ...attachmentsOf(role).map((a): PermissionReview => {
                const policy = source(a, "policyArn", TYPES.policy);
                return {
                    kind: "attachment",
                    name: a.name,
                    policyArn: text(input(a).policyArn, UNKNOWN_MARK),
                    ...(policy
                        ? {
                              policyName: policy.name,
                              document: parseJson(input(policy).policy),
                          }
                        : {}),
                };
            }),
        ];
        return {
            name: role.name,
            arn: known(role.outputs.arn),
            trustPolicy: parseJson(input(role).assumeRolePolicy),
            permissions,
        };
    });

    const associations = ofType(TYPES.association).map((a): AssociationReview => {
        const values = input(a);
        const disabled = values.disableSessionTags;
        return {
            name: a.name,
            clusterName: text(values.clusterName, UNKNOWN_MARK),
            region: regionOf(a),
            namespace: text(values.namespace, UNKNOWN_MARK),
            serviceAccount: text(values.serviceAccount, UNKNOWN_MARK),
            roleArn: text(values.roleArn, UNKNOWN_MARK),
            roleName: source(a, "roleArn", TYPES.role)?.name,
            targetRoleArn:
                values.targetRoleArn === undefined ? undefined : text(values.targetRoleArn, ""),
            sessionTags: typeof disabled === "string" ? disabled : disabled !== true,
            sessionPolicy: values.policy === undefined ? undefined : parseJson(values.policy),
            importId: a.options.importId,
        };
    });

    // An add-on's own associations (EKS creates them with the add-on), beside the standalone ones.
    associations.push(
        ...ofType(TYPES.addon).flatMap((a) => {
            const values = input(a);
            const addonName = text(values.addonName, UNKNOWN_MARK);
            const list = Array.isArray(values.podIdentityAssociations)
                ? (values.podIdentityAssociations as Inputs[])
                : [];
            return list.map((entry): AssociationReview => ({
                name: a.name,
                clusterName: text(values.clusterName, UNKNOWN_MARK),
                region: regionOf(a),
                namespace: knownAddon(addonName)?.namespace ?? "[add-on namespace]",
                serviceAccount: text(entry.serviceAccount, UNKNOWN_MARK),
                roleArn: text(entry.roleArn, UNKNOWN_MARK),
                roleName: source(a, "podIdentityAssociations", TYPES.role)?.name,
                sessionTags: true,
                addon: addonName,
            }));
        }),
    );

    const addons = ofType(TYPES.addon).map((a): AddonReview => {
        const values = input(a);
        return {
            name: a.name,
            clusterName: text(values.clusterName, UNKNOWN_MARK),
            region: regionOf(a),
            addonName: text(values.addonName, UNKNOWN_MARK),
            version: text(values.addonVersion, "(AWS default)"),
            preserve:
                typeof values.preserve === "string" ? values.preserve : values.preserve === true,
        };
    });

    return { roles, policies, associations, addons };
}

/** Appends to the list under `key`, in place. */
function addTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
    const list = lists.get(key);
    if (list) {
        list.push(item);
    } else {
        lists.set(key, [item]);
    }
}

/** A scalar input as text; `fallback` when absent. */
function text(value: unknown, fallback: string): string {
    if (value === undefined || value === null) {
        return fallback;
    }
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** A JSON document input, parsed; markers and other strings stay as they are. */
function parseJson(value: unknown): unknown {
    if (typeof value !== "string" || !/^\s*[[{]/.test(value)) {
        return value ?? UNKNOWN_MARK;
    }
    try {
        return JSON.parse(value) as unknown;
    } catch {
        return value;
    }
}
