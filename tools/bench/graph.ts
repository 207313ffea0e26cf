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
     * The same chain, counting what holds a resource back through its ancestors too: the SDK
     * registers a resource only once its parent is registered, and a component only once
     * the Outputs in its args have resolved.
     */
    associationHeldBackDepth: number;
    /** Types of everything that holds an association back, ancestors' waits included. */
    associationHeldBackBy: string[];
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
    const ownWaits = (urn: string) => byUrn.get(urn)?.dependencies ?? [];
    const heldBackBy = (urn: string) => {
        const waits = new Set<string>();
        for (let at = byUrn.get(urn); at; at = byUrn.get(at.parent)) {
            at.dependencies.forEach((dep) => waits.add(dep));
        }
        return [...waits];
    };
    const associations = leaves.filter((r) => r.type === ASSOCIATION).map((r) => r.urn);
    const own = walk(associations, ownWaits, (urn) => byUrn.get(urn)?.type);
    const held = walk(associations, heldBackBy, (urn) => byUrn.get(urn)?.type);

    return {
        resources: resources.length,
        components: resources.length - leaves.length,
        leaves: census(leaves.map((r) => r.type)),
        leafDigest: leafDigest(leaves, byUrn),
        invokes: census(invokes.map((i) => i.token)),
        associationDepth: own.depth,
        associationWaitsOn: own.types,
        associationHeldBackDepth: held.depth,
        associationHeldBackBy: held.types,
    };
}

/**
 * From `starts`, along `next`: the longest chain (in edges) and the types of everything
 * reached.
 */
function walk(
    starts: string[],
    next: (urn: string) => string[],
    typeOf: (urn: string) => string | undefined,
): { depth: number; types: string[] } {
    const depths = new Map<string, number>();
    const types = new Set<string>();
    const depthOf = (urn: string): number => {
        const known = depths.get(urn);
        if (known !== undefined) {
            return known;
        }
        // Marks the node while it is visited, so a cycle (which the engine would reject
        // anyway) ends the walk instead of recursing forever.
        depths.set(urn, 0);
        let depth = 0;
        for (const dep of next(urn)) {
            types.add(typeOf(dep) ?? `unregistered ${dep}`);
            depth = Math.max(depth, 1 + depthOf(dep));
        }
        depths.set(urn, depth);
        return depth;
    };
    const depth = starts.reduce((max, urn) => Math.max(max, depthOf(urn)), 0);
    return { depth, types: [...types].sort() };
}
