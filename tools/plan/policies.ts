/**
 * The seam between a plan and the policy pack: recorded resources in, findings out, grouped
 * by enforcement level. The plan never looks inside the rules.
 */
import { RecordedResource } from "../mock-engine";

/**
 * The enforcement levels a finding can have: `mandatory` blocks `pulumi up` (and fails the
 * plan), `advisory` is reported only. (`remediate` counts as mandatory in a preview.)
 */
export const ENFORCEMENT_LEVELS = ["mandatory", "advisory"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** One finding of one policy. */
export interface PolicyFinding {
    policy: string;
    message: string;
    /** The resource it is about, when it is about one. */
    resource?: { urn: string; type: string; name: string };
}

/** What the policy pack said about a plan. */
export interface PolicyReport {
    /** False when no pack could be run; `note` says why. */
    evaluated: boolean;
    /** The pack's name. */
    pack?: string;
    /** Every policy that ran, with its enforcement level. */
    policies: { name: string; enforcementLevel: string; description?: string }[];
    /** Findings by enforcement level. */
    findings: Record<EnforcementLevel, PolicyFinding[]>;
    note?: string;
}

/** Runs a policy pack over recorded resources. */
export type PolicyEvaluator = (resources: RecordedResource[]) => Promise<PolicyReport>;

/** No findings at any level. */
export function noFindings(): Record<EnforcementLevel, PolicyFinding[]> {
    return { mandatory: [], advisory: [] };
}

/** The policy pack of this checkout. */
export const evaluatePolicies: PolicyEvaluator = () =>
    Promise.resolve({
        evaluated: false,
        policies: [],
        findings: noFindings(),
        note: "no policy pack in this checkout",
    });
