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
    // `namespaceConfig`: UpdateAddon cannot move an add-on (EKS API reference, UpdateAddon has
    // no namespace setting; the AWS provider: "you must remove and re-create the add-on to
    // change its namespace").
    "aws:eks/addon:Addon": ["clusterName", "addonName", "namespaceConfig"],
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

function setAt(value: Record<string, unknown>, path: string, replacement: unknown): void {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let current: unknown = value;
    for (const key of keys) {
        current =
            current && typeof current === "object"
                ? (current as Record<string, unknown>)[key]
                : undefined;
    }
    if (current && typeof current === "object") {
        const target = current as Record<string, unknown>;
        if (replacement === undefined) {
            delete target[last];
        } else {
            target[last] = replacement;
        }
    }
}

export type Change = "create" | "delete" | "replace" | "update" | "same";

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The URN of a child of `parentUrn`, qualified with its ancestors' types as the engine does. */
function childUrn(parentUrn: string, type: string, name: string): string {
    const [prefix, project, parentType] = parentUrn.split("::");
    const qualified = parentType === STACK_TYPE ? type : `${parentType}$${type}`;
    return [prefix, project, qualified, name].join("::");
}

interface AliasRecord {
    urn?: string;
    spec?: { name?: string; type?: string; parenturn?: string; noparent?: boolean };
}

/**
 * The URNs a resource also answers to: its own aliases, and those the engine derives from
 * its ancestors' aliases (the SDK leaves that to the engine, `aliasSpecs: true`). For each
 * alias of the parent, the child keeps its name under the aliased parent and, when its name
 * starts with the parent's name, takes the aliased parent's name as that prefix (Pulumi
 * engine, resource alias inheritance).
 */
function aliasUrns(
    resource: RecordedResource,
    byUrn: Map<string, RecordedResource>,
    memo = new Map<string, string[]>(),
): string[] {
    const known = memo.get(resource.urn);
    if (known) {
        return known;
    }
    const urns: string[] = [];
    for (const alias of resource.options.aliases as AliasRecord[]) {
        if (alias.urn) {
            urns.push(alias.urn);
        } else if (alias.spec) {
            const parent = alias.spec.noparent ? "" : alias.spec.parenturn || resource.parent;
            urns.push(
                childUrn(
                    parent,
                    alias.spec.type || resource.type,
                    alias.spec.name || resource.name,
                ),
            );
        }
    }
    const parent = byUrn.get(resource.parent);
    if (parent) {
        for (const parentAlias of aliasUrns(parent, byUrn, memo)) {
            urns.push(childUrn(parentAlias, resource.type, resource.name));
            if (resource.name.startsWith(parent.name)) {
                const aliasName = parentAlias.split("::").pop() ?? "";
                urns.push(
                    childUrn(
                        parentAlias,
                        resource.type,
                        aliasName + resource.name.slice(parent.name.length),
                    ),
                );
            }
        }
    }
    memo.set(resource.urn, urns);
    return urns;
}

/** Whether two provider references (`<urn>::<id>`) name one provider, through its aliases. */
function sameProvider(
    previousRef: string,
    ref: string,
    byUrn: Map<string, RecordedResource>,
    memo: Map<string, string[]>,
): boolean {
    const urnOf = (reference: string) => reference.split("::").slice(0, -1).join("::");
    const provider = byUrn.get(urnOf(ref));
    const urns = provider ? [provider.urn, ...aliasUrns(provider, byUrn, memo)] : [urnOf(ref)];
    return urns.includes(urnOf(previousRef));
}

/**
 * What `pulumi up` would do to each cloud resource going from run `before` to run `after`.
 * A resource of `after` is the one of `before` with its URN or one of its aliases.
 */
export function diffRuns(
    before: RecordedResource[],
    after: RecordedResource[],
): Map<string, Change> {
    const changes = new Map<string, Change>();
    const old = new Map(before.filter((r) => r.custom).map((r) => [r.urn, r]));
    const byUrn = new Map(after.map((r) => [r.urn, r]));
    const memo = new Map<string, string[]>();
    // A resource that is kept keeps what its provider assigned (auto-names, ARNs, ids), which
    // the mock cloud derives afresh from the new logical name: read them as the old values.
    const kept = new Map<string, string>();
    const asBefore = (inputs: Record<string, unknown>): string =>
        [...kept.entries()]
            .sort(([a], [b]) => b.length - a.length)
            .reduce((text, [now, then]) => text.split(now).join(then), JSON.stringify(inputs));
    for (const resource of after.filter((r) => r.custom)) {
        const previousUrn = [resource.urn, ...aliasUrns(resource, byUrn, memo)].find((urn) =>
            old.has(urn),
        );
        const previous = previousUrn === undefined ? undefined : old.get(previousUrn);
        if (!previous || previousUrn === undefined) {
            changes.set(resource.urn, "create");
            continue;
        }
        old.delete(previousUrn);
        const inputs = JSON.parse(asBefore(resource.inputs)) as Record<string, unknown>;
        // The engine diffs an ignored property as if it kept the old state's value (Pulumi
        // docs, resource option `ignoreChanges`), so it neither updates nor replaces.
        for (const key of resource.options.ignoreChanges ?? []) {
            setAt(inputs, key, at(previous.inputs, key));
        }
        const keys = REPLACE_ON[resource.type] ?? [];
        if (
            keys.some(
                (key) =>
                    JSON.stringify(at(previous.inputs, key)) !== JSON.stringify(at(inputs, key)),
            )
        ) {
            changes.set(resource.urn, "replace");
            continue;
        }
        for (const [key, value] of Object.entries(resource.outputs)) {
            const then = previous.outputs[key];
            if (
                resource.inputs[key] === undefined &&
                typeof value === "string" &&
                typeof then === "string" &&
                value !== then
            ) {
                kept.set(value, then);
            }
        }
        if (resource.id !== previous.id && resource.id !== "" && previous.id !== "") {
            kept.set(resource.id, previous.id);
        }
        if (
            JSON.stringify(previous.inputs) !== JSON.stringify(inputs) ||
            !sameProvider(previous.provider, resource.provider, byUrn, memo)
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

/**
 * The name a resource has in its cloud when its inputs fix it (not generated by the provider):
 * IAM role and policy names (unique per account, whatever the path), one add-on of a name per
 * cluster, one association per cluster, namespace and service account (EKS 409 otherwise),
 * Kubernetes object names per namespace.
 */
const FIXED_PHYSICAL_NAME: { [type: string]: (inputs: Record<string, unknown>) => unknown } = {
    "aws:iam/role:Role": (inputs) => inputs.name,
    "aws:iam/policy:Policy": (inputs) => inputs.name,
    "aws:eks/addon:Addon": (inputs) => [inputs.clusterName, inputs.addonName],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": (inputs) => [
        inputs.clusterName,
        inputs.namespace,
        inputs.serviceAccount,
    ],
    "kubernetes:core/v1:Namespace": (inputs) => at(inputs, "metadata.name"),
    "kubernetes:core/v1:ServiceAccount": (inputs) => [
        at(inputs, "metadata.namespace"),
        at(inputs, "metadata.name"),
    ],
};

/** Whether a resource's physical name is fixed by its inputs, so a second one would collide. */
export function hasFixedName(resource: RecordedResource): boolean {
    const name = FIXED_PHYSICAL_NAME[resource.type]?.(resource.inputs);
    return Array.isArray(name) ? name.every((part) => part !== undefined) : name !== undefined;
}

/**
 * The replacements that `pulumi up` could not carry out: Pulumi creates the new resource
 * before deleting the old one unless the resource sets `deleteBeforeReplace` (Pulumi docs,
 * "Resource options: deleteBeforeReplace"), and that create fails when the new resource has
 * the old one's fixed physical name (IAM EntityAlreadyExists, EKS ResourceInUseException).
 */
export function collidingReplacements(
    changes: Map<string, Change>,
    before: RecordedResource[],
    after: RecordedResource[],
): string[] {
    const old = new Map(before.map((r) => [r.urn, r]));
    return after
        .filter((resource) => changes.get(resource.urn) === "replace")
        .filter((resource) => !resource.options.deleteBeforeReplace && hasFixedName(resource))
        .filter((resource) => {
            const name = FIXED_PHYSICAL_NAME[resource.type];
            const previous = old.get(resource.urn);
            return (
                previous !== undefined &&
                JSON.stringify(name(previous.inputs)) === JSON.stringify(name(resource.inputs))
            );
        })
        .map((resource) => `${resource.type}::${resource.name}`)
        .sort();
}
