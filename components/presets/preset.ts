import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../policyDocument";

/**
 * Where the role lives, from the AWS provider's caller identity: ARNs of the right partition
 * and account without asking the user for either.
 */
export interface PresetContext {
    /** `aws`, `aws-cn`, `aws-us-gov`. */
    partition: string;
    /** The account the role (and so the policy) is created in. */
    accountId: string;
    /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. */
    dnsSuffix: string;
}

/** Whether a preset cannot work without an option. */
export type OptionKind = "required" | "optional";

/**
 * One permission preset: its documentation, its options and a pure function from resolved
 * options to IAM statements. The README table and the catalogue tests read the same object,
 * so the documentation cannot drift from the policy.
 */
export interface Preset<O extends object> {
    /** The controller or service, as its users call it (README "Controller / service" column). */
    title: string;
    /** What the policy grants and how it is scoped, one or two sentences. */
    description: string;
    /**
     * Every option of the preset, required or not. Typed over the options interface, so adding
     * an option without documenting whether it is required does not compile.
     */
    options: { [K in keyof O]-?: OptionKind };
    /** Options of which at least one must be set (e.g. secret ARNs or session-tag scoping). */
    oneOf?: (keyof O & string)[];
    /** Options that produce a valid, typical policy: the catalogue's and the tests' input. */
    example: O;
    /** The policy's statements. Pure: the same options always give the same statements. */
    statements(options: pulumi.Unwrap<O>, context: PresetContext): ResolvedStatement[];
}

/** Identity, for type inference: `definePreset<MyOptions>({...})`. */
export function definePreset<O extends object>(preset: Preset<O>): Preset<O> {
    return preset;
}
