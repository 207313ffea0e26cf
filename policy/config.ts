/**
 * Rule options: their defaults, their JSON schema (the pack's `configSchema`, which the Pulumi
 * engine fills defaults from and validates `--policy-pack-config` against), and how a rule
 * reads them.
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { wildcardMatch } from "../iam/wildcard";

export { wildcardMatch };

/** Options of one rule: each a list of strings (names, ARNs or patterns). */
export type RuleOptions = { [option: string]: string[] };

/** What a rule declares about one option. */
export interface OptionSpec {
    /** What the option does, shown by `pulumi policy` tooling. */
    description: string;
    /** The value when the config file does not set it. */
    default: string[];
}

/** The `configSchema` of a rule whose options are lists of strings. */
export function configSchema(options: { [option: string]: OptionSpec }): PolicyConfigSchema {
    const properties: { [key: string]: PolicyConfigJSONSchema } = {};
    for (const [key, spec] of Object.entries(options)) {
        properties[key] = {
            type: "array",
            items: { type: "string" },
            description: spec.description,
            default: [...spec.default],
        };
    }
    return { properties };
}

/**
 * The options a rule runs with: the configured values over the defaults. The engine already
 * fills defaults from the schema; doing it again here keeps rules correct when they are run
 * offline or called directly, and ignores a value of the wrong shape rather than crashing.
 */
export function readOptions<T extends RuleOptions>(
    source: { getConfig<C extends object>(): C } | undefined,
    specs: { [K in keyof T]: OptionSpec },
): T {
    const configured: { [key: string]: unknown } = source ? source.getConfig() : {};
    const out: RuleOptions = {};
    for (const [key, spec] of Object.entries(specs)) {
        const value = configured[key];
        out[key] =
            Array.isArray(value) && value.every((item) => typeof item === "string")
                ? [...value]
                : [...spec.default];
    }
    return out as T;
}

/** True when any pattern of a list matches the value. */
export function matchesAny(patterns: string[], value: string, ignoreCase = false): boolean {
    return patterns.some((pattern) => wildcardMatch(pattern, value, ignoreCase));
}
