/**
 * The seam between a plan and the policy pack: recorded resources in, findings out, grouped
 * by enforcement level. The rules run through the pack's own offline runner
 * (`policy/offline.ts`), exactly as `pulumi preview --policy-pack policy` would run them.
 */
import type { PolicyPackConfig } from "@pulumi/policy";
import { resolveConfig, runPolicies } from "../../policy/offline";
import { PACK_NAME, policies as packPolicies } from "../../policy/rules";
import { noFindings, PolicyEvaluator } from "./findings";

export * from "./findings";

/** The effective level of each rule, as the engine would run it. */
function levels(config: PolicyPackConfig | undefined): Map<string, string> {
    const configured = resolveConfig(packPolicies, config);
    return new Map(
        packPolicies.map((policy) => {
            const level =
                configured.get(policy.name)?.enforcementLevel ??
                policy.enforcementLevel ??
                "advisory";
            return [policy.name, level === "remediate" ? "mandatory" : level];
        }),
    );
}

/** The policy pack of this checkout (`policy/`). */
export const evaluatePolicies: PolicyEvaluator = async (resources, config) => {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const order = new Map(packPolicies.map((policy, index) => [policy.name, index]));
    const violations = (await runPolicies(resources, { config })).sort(
        (a, b) =>
            (order.get(a.policyName) ?? 0) - (order.get(b.policyName) ?? 0) ||
            (a.urn ?? "").localeCompare(b.urn ?? "") ||
            a.message.localeCompare(b.message),
    );
    const findings = noFindings();
    for (const violation of violations) {
        const resource = violation.urn ? byUrn.get(violation.urn) : undefined;
        findings[violation.enforcementLevel].push({
            policy: violation.policyName,
            message: violation.message,
            ...(resource
                ? { resource: { urn: resource.urn, type: resource.type, name: resource.name } }
                : {}),
        });
    }
    const effective = levels(config);
    return {
        evaluated: true,
        pack: PACK_NAME,
        policies: packPolicies.map((policy) => ({
            name: policy.name,
            enforcementLevel: effective.get(policy.name) ?? "advisory",
            description: policy.description,
        })),
        findings,
    };
};
