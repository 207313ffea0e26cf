/**
 * What a run registered, reduced to what the comparison needs: the leaf (custom) resources
 * by type, a digest of their names and inputs, the invokes, and what the associations wait
 * on.
 */
import { createHash } from "crypto";
import { RecordedInvoke, RecordedResource } from "../mock-engine";

export const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

/** Counts by key, keys sorted. */
export type Census = { [key: string]: number };

export interface RunShape {
    /** Every registered resource, components and the stack included. */
    resources: number;
    /** Component resources (the stack included). */
    components: number;
    /** Leaf resources (what providers create, providers themselves included) by type. */
    leaves: Census;
    /**
     * Digest of every leaf's type, logical name, provider, inputs and retainOnDelete: equal
     * digests mean both programs ask the clouds for exactly the same things.
     */
    leafDigest: string;
    invokes: Census;
    /**
     * Longest chain of recorded dependencies from an association to a resource that waits on
     * nothing, in edges: 1 when associations wait on the role and the role on nothing.
     */
    associationDepth: number;
    /** Types of everything an association waits on through its dependencies, transitively. */
    associationWaitsOn: string[];
    /**
     * Types of what an association's ancestors wait on: the SDK registers a resource only
     * once its parent is registered, and a component only once its args have resolved, so
     * these hold the association back too although they are not among its dependencies.
     */
    associationParentsWaitOn: string[];
}

function census(keys: string[]): Census {
    const counts: Census = {};
    for (const key of [...keys].sort()) {
        counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
}

export function total(counts: Census): number {
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function leafDigest(leaves: RecordedResource[], byUrn: Map<string, RecordedResource>): string {
    const providerName = (ref: string) => {
        const urn = ref.split("::").slice(0, -1).join("::");
        return ref ? (byUrn.get(urn)?.name ?? urn) : "";
    };
    const lines = leaves
        .map((r) =>
            JSON.stringify([
                r.type,
                r.name,
                providerName(r.provider),
                r.inputs,
                r.options.retainOnDelete ?? false,
            ]),
        )
        .sort();
    const hash = createHash("sha256");
    for (const line of lines) {
        hash.update(line).update("\n");
    }
    return hash.digest("hex").slice(0, 16);
}

export function shapeOf(resources: RecordedResource[], invokes: RecordedInvoke[]): RunShape {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const leaves = resources.filter((r) => r.custom);
    const dependenciesOf = (urn: string) => byUrn.get(urn)?.dependencies ?? [];

    const depths = new Map<string, number>();
    const depthOf = (urn: string): number => {
        const known = depths.get(urn);
        if (known !== undefined) {
            return known;
        }
        // Marks the node while it is visited, so a cycle (which the engine would reject
        // anyway) ends the walk instead of recursing forever.
        depths.set(urn, 0);
        const deps = dependenciesOf(urn);
        const depth = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depthOf));
        depths.set(urn, depth);
        return depth;
    };
    /** Adds the types of everything `urn` waits on, transitively, to `into`. */
    const collect = (urn: string, into: Set<string>, seen: Set<string>) => {
        for (const dep of dependenciesOf(urn)) {
            if (!seen.has(dep)) {
                seen.add(dep);
                into.add(byUrn.get(dep)?.type ?? `unregistered ${dep}`);
                collect(dep, into, seen);
            }
        }
    };

    let associationDepth = 0;
    const waitsOn = new Set<string>();
    const parentsWaitOn = new Set<string>();
    const parentsSeen = new Set<string>();
    for (const association of leaves.filter((r) => r.type === ASSOCIATION)) {
        associationDepth = Math.max(associationDepth, depthOf(association.urn));
        collect(association.urn, waitsOn, new Set());
        for (let parent = association.parent; parent; parent = byUrn.get(parent)?.parent ?? "") {
            if (parentsSeen.has(parent)) {
                break;
            }
            parentsSeen.add(parent);
            collect(parent, parentsWaitOn, new Set());
        }
    }

    return {
        resources: resources.length,
        components: resources.length - leaves.length,
        leaves: census(leaves.map((r) => r.type)),
        leafDigest: leafDigest(leaves, byUrn),
        invokes: census(invokes.map((i) => i.token)),
        associationDepth,
        associationWaitsOn: [...waitsOn].sort(),
        associationParentsWaitOn: [...parentsWaitOn].sort(),
    };
}
