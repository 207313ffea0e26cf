/**
 * The stack as the stack rules read it: roles, clusters and who refers to whom, matched the
 * same way whether the resources came from this package's components or were written by hand.
 *
 * Matching never guesses. A reference resolves to a resource of the stack, to nothing in the
 * stack (an external role or cluster: no rule judges what it cannot see), or to "unknown"
 * (a value not known during preview that the engine's dependency record cannot pin down
 * either); rules report nothing on "unknown".
 */
import { awsManagedPolicyName, parsePolicyDocument, PolicyDocumentView } from "./iam";
import { ResourceView, TYPES } from "./resources";
import { asString, isUnknown, parseJson, Plain, Unknown, UNKNOWN } from "./values";

/** An IAM role of the stack. */
export interface RoleView {
    resource: ResourceView;
    /** `name`; the engine fills an auto-name in before rules run, so it is usually known. */
    name: string | Unknown | undefined;
    /** `path`, default `/`. */
    path: string | Unknown;
    /** `arn`: an output, so unknown during the preview of a new role. */
    arn: string | Unknown | undefined;
    /** The trust policy (`assumeRolePolicy`). */
    trust: PolicyDocumentView | Unknown | undefined;
}

/** The view of an `aws.iam.Role`. */
export function roleOf(resource: ResourceView): RoleView {
    const path = asString(resource.props.path);
    return {
        resource,
        name: asString(resource.props.name),
        path: path === undefined || path === "" ? "/" : path,
        arn: asString(resource.props.arn),
        trust: parsePolicyDocument(resource.props.assumeRolePolicy),
    };
}

/** What a reference to a role or cluster resolved to. */
export type Resolution<T> =
    | { kind: "found"; value: T }
    /** Known, and not a resource of this stack. */
    | { kind: "external" }
    /** Not known during preview, and the dependency record does not settle it. */
    | { kind: "unknown" };

const EXTERNAL = { kind: "external" } as const;
const UNRESOLVED = { kind: "unknown" } as const;

/** Path and name from a role ARN `arn:<partition>:iam::<account>:role/<path>/<name>`. */
export function parseRoleArn(arn: string): { path: string; name: string } | undefined {
    const match = /^arn:[^:]+:iam::[^:]*:role(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
    return match ? { path: match[1], name: match[2] } : undefined;
}

/** Where a cluster lives, as far as the stack says. */
export interface ClusterRef {
    name: string;
    /** Region from the resource's `region` or its provider's; undefined when not stated. */
    region?: string;
    /** Account from the provider's `allowedAccountIds` or assumed role; undefined if unstated. */
    account?: string;
    /** The provider's URN, or `default`. */
    provider: string;
}

/** True when two references are certainly the same cluster. */
export function sameCluster(a: ClusterRef, b: ClusterRef): boolean {
    if (a.name !== b.name) {
        return false;
    }
    if (a.provider === b.provider) {
        // One provider is one account; a region left unstated is the provider's own.
        return a.region === undefined || b.region === undefined || a.region === b.region;
    }
    return (
        a.account !== undefined &&
        a.account === b.account &&
        a.region !== undefined &&
        a.region === b.region
    );
}

/** True unless two references are certainly different clusters. */
export function maybeSameCluster(a: ClusterRef, b: ClusterRef): boolean {
    if (a.name !== b.name) {
        return false;
    }
    if (a.region !== undefined && b.region !== undefined && a.region !== b.region) {
        return false;
    }
    return !(a.account !== undefined && b.account !== undefined && a.account !== b.account);
}

function accountOfProvider(props: { [key: string]: Plain }): string | undefined {
    // Provider settings that are objects travel as JSON strings.
    const allowed = parseJson(props.allowedAccountIds);
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") {
        return allowed[0];
    }
    const roles = parseJson(props.assumeRoles ?? props.assumeRole);
    const list = Array.isArray(roles) ? roles : roles !== undefined ? [roles] : [];
    const last = list[list.length - 1];
    if (last !== null && typeof last === "object" && !Array.isArray(last)) {
        const roleArn = asString(last.roleArn);
        if (typeof roleArn === "string") {
            return roleArn.split(":")[4] || undefined;
        }
    }
    return undefined;
}

/** The stack's resources with the lookups the stack rules share. */
export class StackIndex {
    readonly byUrn = new Map<string, ResourceView>();
    readonly roles: RoleView[];
    private readonly byType = new Map<string, ResourceView[]>();
    // Lookups by known ARN and name, so that matching stays linear in large fleets.
    private readonly rolesByArn = new Map<string, RoleView[]>();
    private readonly rolesByName = new Map<string, RoleView[]>();
    private readonly someRoleNameUnknown: boolean;
    private readonly roleByUrn = new Map<string, RoleView>();
    /** Roles whose ARN is not known yet (a new role in a preview), by known name. */
    private readonly pendingRolesByName = new Map<string, RoleView[]>();
    private readonly somePendingRoleNameUnknown: boolean;
    private readonly policyByUrn = new Map<string, ResourceView>();
    private readonly policiesByArn = new Map<string, ResourceView[]>();
    /** Managed policies whose ARN is not known yet, by the `<path><name>` their ARN ends in. */
    private readonly pendingPoliciesByPath = new Map<string, ResourceView[]>();
    private readonly somePendingPolicyNameUnknown: boolean;

    constructor(readonly resources: ResourceView[]) {
        for (const resource of resources) {
            this.byUrn.set(resource.urn, resource);
            const ofType = this.byType.get(resource.type) ?? [];
            ofType.push(resource);
            this.byType.set(resource.type, ofType);
        }
        this.roles = this.ofType(TYPES.role).map(roleOf);
        for (const role of this.roles) {
            if (typeof role.arn === "string") {
                this.rolesByArn.set(role.arn, [...(this.rolesByArn.get(role.arn) ?? []), role]);
            }
            if (typeof role.name === "string") {
                this.rolesByName.set(role.name, [...(this.rolesByName.get(role.name) ?? []), role]);
            }
        }
        this.someRoleNameUnknown = this.roles.some((role) => isUnknown(role.name));
        const pendingRoles = this.roles.filter((role) => typeof role.arn !== "string");
        for (const role of this.roles) {
            this.roleByUrn.set(role.resource.urn, role);
        }
        for (const role of pendingRoles) {
            if (typeof role.name === "string") {
                addTo(this.pendingRolesByName, role.name, role);
            }
        }
        this.somePendingRoleNameUnknown = pendingRoles.some((role) => isUnknown(role.name));
        const policies = this.ofType(TYPES.policy);
        for (const policy of policies) {
            this.policyByUrn.set(policy.urn, policy);
            const arn = policy.props.arn;
            if (typeof arn === "string") {
                addTo(this.policiesByArn, arn, policy);
            } else {
                const path = asString(policy.props.path);
                const name = asString(policy.props.name);
                if (typeof name === "string") {
                    const prefix = typeof path === "string" && path !== "" ? path : "/";
                    addTo(this.pendingPoliciesByPath, `${prefix}${name}`, policy);
                }
            }
        }
        this.somePendingPolicyNameUnknown = policies.some(
            (policy) =>
                typeof policy.props.arn !== "string" &&
                typeof asString(policy.props.name) !== "string",
        );
    }

    /** The resources of one type. */
    ofType(type: string): ResourceView[] {
        return this.byType.get(type) ?? [];
    }

    private rolesAmong(urns: string[]): RoleView[] {
        return [...new Set(urns)].flatMap((urn) => {
            const role = this.roleByUrn.get(urn);
            return role ? [role] : [];
        });
    }

    /** The resources a top-level property's value came from, as the engine recorded them. */
    private sources(resource: ResourceView, property: string): string[] {
        return resource.propertyDependencies[property] ?? [];
    }

    /**
     * The role a property holding a role ARN refers to (an association's `roleArn`, a node
     * group's `nodeRoleArn`). A known ARN matches a role's known ARN; while a role's ARN is
     * unknown (preview of a new role) it matches by path and name, which an IAM ARN is made
     * of, but only when exactly one such role exists and no role of unknown name could be it.
     * An unknown ARN resolves through the engine's record of which resource the value came
     * from, when that is exactly one role.
     */
    roleByArn(
        resource: ResourceView,
        arn: Plain | undefined,
        property: string,
    ): Resolution<RoleView> {
        const value = asString(arn);
        if (value === undefined) {
            return EXTERNAL;
        }
        if (isUnknown(value)) {
            const roles = this.rolesAmong(this.sources(resource, property));
            return roles.length === 1 ? { kind: "found", value: roles[0] } : UNRESOLVED;
        }
        const exact = this.rolesByArn.get(value) ?? [];
        if (exact.length === 1) {
            return { kind: "found", value: exact[0] };
        }
        if (exact.length > 1) {
            return UNRESOLVED;
        }
        const parsed = parseRoleArn(value);
        if (!parsed) {
            return EXTERNAL;
        }
        const byName = (this.pendingRolesByName.get(parsed.name) ?? []).filter(
            (role) => role.path === parsed.path || isUnknown(role.path),
        );
        const undecidable = this.somePendingRoleNameUnknown;
        if (byName.length === 1 && !undecidable) {
            return { kind: "found", value: byName[0] };
        }
        return byName.length > 0 || undecidable ? UNRESOLVED : EXTERNAL;
    }

    /**
     * The role a property holding a role name refers to (`role` of a RolePolicy or
     * RolePolicyAttachment). An unknown name resolves through the dependency record.
     */
    roleByName(
        resource: ResourceView,
        value: Plain | undefined,
        property: string,
    ): Resolution<RoleView> {
        const name = asString(value);
        if (name === undefined) {
            return EXTERNAL;
        }
        if (isUnknown(name)) {
            const roles = this.rolesAmong(this.sources(resource, property));
            return roles.length === 1 ? { kind: "found", value: roles[0] } : UNRESOLVED;
        }
        const named = this.rolesByName.get(name) ?? [];
        if (named.length === 1) {
            return { kind: "found", value: named[0] };
        }
        if (named.length > 1 || this.someRoleNameUnknown) {
            return UNRESOLVED;
        }
        return EXTERNAL;
    }

    /**
     * The managed policy of the stack (`aws.iam.Policy`) a policy ARN refers to: a known ARN
     * matches a known ARN; an unknown one resolves through the dependency record.
     */
    policyByArn(
        resource: ResourceView,
        arn: Plain | undefined,
        property: string,
    ): Resolution<ResourceView> {
        const value = asString(arn);
        if (value === undefined) {
            return EXTERNAL;
        }
        if (isUnknown(value)) {
            const found = [...new Set(this.sources(resource, property))].flatMap((urn) => {
                const policy = this.policyByUrn.get(urn);
                return policy ? [policy] : [];
            });
            return found.length === 1 ? { kind: "found", value: found[0] } : UNRESOLVED;
        }
        if (awsManagedPolicyName(value) !== undefined) {
            return EXTERNAL;
        }
        const found = this.policiesByArn.get(value) ?? [];
        if (found.length === 1) {
            return { kind: "found", value: found[0] };
        }
        if (found.length > 1) {
            return UNRESOLVED;
        }
        // A new policy's ARN is unknown during preview; its name and path make the ARN.
        const suffix = /:policy(\/.*)$/.exec(value)?.[1];
        const byName = suffix === undefined ? [] : (this.pendingPoliciesByPath.get(suffix) ?? []);
        const undecidable = this.somePendingPolicyNameUnknown;
        if (byName.length === 1 && !undecidable) {
            return { kind: "found", value: byName[0] };
        }
        return byName.length > 0 || undecidable ? UNRESOLVED : EXTERNAL;
    }

    /**
     * The cluster a resource names in a property (`clusterName`). An unknown name resolves
     * through the dependency record to an `aws.eks.Cluster` of the stack whose name is known.
     */
    clusterOf(resource: ResourceView, property = "clusterName"): ClusterRef | Unknown | undefined {
        let name = asString(resource.props[property]);
        if (isUnknown(name)) {
            const clusters = this.sources(resource, property)
                .map((urn) => this.byUrn.get(urn))
                .filter((source) => source?.type === TYPES.cluster);
            const names = clusters.map((cluster) => asString(cluster?.props.name));
            name = names.length === 1 ? names[0] : UNKNOWN;
        }
        if (name === undefined || isUnknown(name)) {
            return name;
        }
        return clusterRef(resource, name);
    }
}

/** Appends to the list under `key`, in place (for indexes that keep the rules linear). */
export function addTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
    const list = lists.get(key);
    if (list) {
        list.push(item);
    } else {
        lists.set(key, [item]);
    }
}

/** Where a resource that names a cluster runs: its region, account and provider. */
export function clusterRef(resource: ResourceView, name: string): ClusterRef {
    const providerProps = resource.provider?.props ?? {};
    const ownRegion = asString(resource.props.region);
    const providerRegion = asString(providerProps.region);
    const region =
        typeof ownRegion === "string" && ownRegion !== ""
            ? ownRegion
            : typeof providerRegion === "string" && providerRegion !== ""
              ? providerRegion
              : undefined;
    return {
        name,
        region,
        account: accountOfProvider(providerProps),
        provider: resource.provider?.urn ?? "default",
    };
}

/** How a cluster is named in messages: `name` or `name (region)`. */
export function describeCluster(cluster: ClusterRef): string {
    return cluster.region ? `${cluster.name} (${cluster.region})` : cluster.name;
}

/** A violation a stack rule found, reported on one resource. */
export interface Finding {
    urn: string;
    message: string;
}
