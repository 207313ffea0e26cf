/** The policy pack's configuration for a plan: the file `pulumi --policy-pack-config` takes. */
import type { PolicyPackConfig } from "@pulumi/policy";
import * as fs from "fs";
import { policies } from "../../policy/rules";

/** Reads a `--policy-pack-config` JSON file: rule names (or `all`) to a level or options. */
export function readPolicyConfig(file: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new Error(`--policy-config ${file}: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error(
            `--policy-config ${file}: must be a JSON object of rule names to an enforcement level or options`,
        );
    }
    // A misspelt rule name would otherwise leave that rule at its default, silently.
    const names = policies.map((policy) => policy.name);
    const unknown = Object.keys(parsed).filter((key) => key !== "all" && !names.includes(key));
    if (unknown.length > 0) {
        throw new Error(
            `--policy-config ${file}: no rule named ${unknown.join(", ")}; the rules are all, ${names.join(", ")}`,
        );
    }
    return parsed as PolicyPackConfig;
}
