/**
 * The policy pack a plan runs, when it can run: the pack needs @pulumi/policy, which the
 * package declares as an optional peer (only the pack uses it; package.json
 * `peerDependenciesMeta`), so npm does not install it. Without it the plan still previews the
 * program, and says that policies were not evaluated and how to add them.
 */
import type { PolicyPackConfig } from "@pulumi/policy";
import { noFindings, PolicyEvaluator, PolicyReport } from "./findings";

/** Why a plan has no policy results, and what to do about it. */
export const NO_POLICY_SDK =
    "@pulumi/policy is not installed: npm install --save-dev @pulumi/policy runs the policy pack";

/** The pack's two entry points a plan uses. */
export interface PlanPolicyPack {
    /** Runs the rules over what the program registered. */
    evaluate: PolicyEvaluator;
    /** Reads and checks a `--policy-pack-config` file. */
    readConfig(file: string): PolicyPackConfig;
}

/**
 * The pack, loaded only when `resolve` finds @pulumi/policy (from the project being planned,
 * under the `eks-pod-identity` command); undefined when it does not.
 */
export function loadPolicyPack(
    resolve: (request: string) => string = require.resolve,
): PlanPolicyPack | undefined {
    try {
        resolve("@pulumi/policy");
    } catch {
        return undefined;
    }
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
        evaluate: (require("./policies") as typeof import("./policies")).evaluatePolicies,
        readConfig: (require("./policyConfig") as typeof import("./policyConfig")).readPolicyConfig,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The report of a plan that could not run the pack. */
export function notEvaluated(): PolicyReport {
    return { evaluated: false, policies: [], findings: noFindings(), note: NO_POLICY_SDK };
}
