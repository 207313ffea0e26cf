/**
 * What a plan knows of policy findings, apart from the pack that makes them: the pack needs
 * @pulumi/policy, an optional peer of the package, and the plan's rendering does not.
 */
import type { PolicyPackConfig } from "@pulumi/policy";
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
    /** Every policy of the pack, with the enforcement level it ran at (or `disabled`). */
    policies: { name: string; enforcementLevel: string; description?: string }[];
    /** Findings by enforcement level, in the pack's policy order, then by resource. */
    findings: Record<EnforcementLevel, PolicyFinding[]>;
    note?: string;
}

/** Runs a policy pack over recorded resources, with a `--policy-pack-config` document. */
export type PolicyEvaluator = (
    resources: RecordedResource[],
    config?: PolicyPackConfig,
) => Promise<PolicyReport>;

/** No findings at any level. */
export function noFindings(): Record<EnforcementLevel, PolicyFinding[]> {
    return { mandatory: [], advisory: [] };
}
