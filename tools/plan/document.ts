/**
 * The plan as one document: what both the text and the JSON rendering show, built from a
 * mock-engine run. Secrets are masked here, once, so no renderer can reveal them.
 */
import { decodeWire, MockFixture, MockRun, RecordedResource } from "../mock-engine";
import { EnforcementLevel, PolicyReport } from "./findings";
import { Review, reviewOf, SECRET_MARK, UNKNOWN_MARK } from "./review";

/** A resource the program would create. */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    /** False for components (they only group their children). */
    custom: boolean;
    /** URN of the parent; null for the stack itself. */
    parent: string | null;
    /** URN of the explicit provider; null for the default provider. */
    provider: string | null;
    /** Inputs as the engine would receive them; secrets `[secret]`, unknowns `[unknown]`. */
    inputs: Record<string, unknown>;
    /**
     * The id of an existing resource Pulumi imports (the `import` resource option) instead of
     * creating it; absent for resources to create.
     */
    importId?: string;
}

/** One data-source call the program made. */
export interface PlannedInvoke {
    token: string;
    inputs: Record<string, unknown>;
    provider: string | null;
}

export interface PlanDocument {
    /** Version of this document's shape. */
    planVersion: 1;
    project: string;
    stack: string;
    /** Always `preview`: outputs of resources to be created are `[unknown]`. */
    mode: "preview";
    /** The mock cloud's answers the plan used. */
    fixture: MockFixture;
    summary: {
        resources: number;
        /** How many of the resources are imported, not created; absent when none. */
        imports?: number;
        byType: Record<string, number>;
        findings: Record<EnforcementLevel, number>;
        /** `clean` unless a mandatory policy is violated. */
        status: "clean" | "mandatory-violations";
    };
    review: Review;
    policies: PolicyReport;
    /** Every resource, parents before children. */
    resources: PlannedResource[];
    invokes: PlannedInvoke[];
    /** What the program logged (info and warnings). */
    diagnostics: { severity: string; message: string }[];
}

const urnOf = (reference: string): string | null =>
    reference ? reference.split("::").slice(0, -1).join("::") : null;

// Invokes run concurrently; sorting keeps the document byte-identical from run to run.
const sortKey = (invoke: PlannedInvoke) =>
    `${invoke.token} ${invoke.provider ?? ""} ${JSON.stringify(invoke.inputs)}`;

/** Resources in tree order: each parent before its children, siblings by name then type. */
export function treeOrder(resources: RecordedResource[]): RecordedResource[] {
    const urns = new Set(resources.map((r) => r.urn));
    const children = new Map<string, RecordedResource[]>();
    for (const resource of resources) {
        const parent = urns.has(resource.parent) ? resource.parent : "";
        const siblings = children.get(parent);
        if (siblings) {
            siblings.push(resource);
        } else {
            children.set(parent, [resource]);
        }
    }
    const ordered: RecordedResource[] = [];
    const visit = (parent: string) => {
        const siblings = (children.get(parent) ?? []).sort(
            (a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type),
        );
        for (const resource of siblings) {
            ordered.push(resource);
            visit(resource.urn);
        }
    };
    visit("");
    return ordered;
}

/** Builds the plan document of a run and its policy report. */
export function planDocument(
    run: MockRun<unknown>,
    context: { project: string; stack: string; fixture: MockFixture },
    policies: PolicyReport,
): PlanDocument {
    const ordered = treeOrder(run.resources);
    const inputs = new Map(
        ordered.map((r) => [
            r.urn,
            decodeWire(r.wireInputs, { maskSecrets: SECRET_MARK, unknown: UNKNOWN_MARK }) as Record<
                string,
                unknown
            >,
        ]),
    );
    const byType: Record<string, number> = {};
    for (const type of ordered.map((r) => r.type).sort()) {
        byType[type] = (byType[type] ?? 0) + 1;
    }
    const imports = ordered.filter((r) => r.options.importId !== undefined).length;
    const findings = {
        mandatory: policies.findings.mandatory.length,
        advisory: policies.findings.advisory.length,
    };
    return {
        planVersion: 1,
        project: context.project,
        stack: context.stack,
        mode: "preview",
        fixture: context.fixture,
        summary: {
            resources: ordered.length,
            ...(imports > 0 ? { imports } : {}),
            byType,
            findings,
            status: findings.mandatory > 0 ? "mandatory-violations" : "clean",
        },
        review: reviewOf(ordered, inputs, context.fixture.region ?? "us-east-1"),
        policies,
        resources: ordered.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            custom: r.custom,
            parent: r.parent || null,
            provider: urnOf(r.provider),
            inputs: inputs.get(r.urn) ?? {},
            ...(r.options.importId !== undefined ? { importId: r.options.importId } : {}),
        })),
        invokes: run.invokes
            .map((invoke) => ({
                token: invoke.token,
                inputs: invoke.inputs,
                provider: urnOf(invoke.provider),
            }))
            .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
        diagnostics: run.logs
            .filter((log) => log.severity === "info" || log.severity === "warning")
            .map((log) => ({ severity: log.severity, message: log.message })),
    };
}
