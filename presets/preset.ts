import * as pulumi from "@pulumi/pulumi";
import { ResolvedStatement } from "../iam/policyDocument";
import { MinimumVersion } from "./minimumVersion";

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

/** An upstream action the preset deliberately does not grant, and why. */
export interface OmittedAction {
    /** The action as upstream writes it (`vpc-lattice:*` covers every action upstream's wildcard grants). */
    action: string;
    /** Why the preset leaves it out (least privilege, a feature the preset does not serve, ...). */
    reason: string;
}

/**
 * The published policy a controller preset follows. The action list at `version` is kept in
 * tests/fixtures/upstream/<preset>.json (refreshed by tools/presets/refreshUpstream.ts), and a spec
 * checks that the preset grants every upstream action or lists it in `omittedActions`.
 */
export interface UpstreamPolicy {
    /**
     * Where the policy is published: `owner/repo:path` of a GitHub repository, or the name of an
     * AWS managed policy.
     */
    source: string;
    /** The controller release (a git tag of `source`'s repository) the policy was read at. */
    version: string;
    /** Upstream actions the preset does not grant, each with its reason. Default: none. */
    omittedActions?: OmittedAction[];
}

/**
 * One of several published policies a preset follows, each covering a part of it: ADOT's
 * collectors each have their own managed policy, Fluent Bit's C outputs and its Go CloudWatch
 * plugin each document their own permissions. Its snapshot is
 * tests/fixtures/upstream/<preset>.<part>.json.
 */
export interface UpstreamPart extends UpstreamPolicy {
    /** A short stable key of the part (a file name part): `adot-col-prom-metrics`. */
    part: string;
    /** What the part is and which options of the preset serve it. */
    covers: string;
}

/**
 * Where a preset's permissions come from, exactly one of: the one published policy it follows,
 * several (one per part), or why there is none to follow. A preset without any does not compile.
 */
export type UpstreamRecord =
    | { upstream: UpstreamPolicy; upstreamParts?: never; noUpstreamPolicy?: never }
    | { upstreamParts: UpstreamPart[]; upstream?: never; noUpstreamPolicy?: never }
    | { noUpstreamPolicy: string; upstream?: never; upstreamParts?: never };

/**
 * One permission preset: its documentation, its options, where its permissions come from and a
 * pure function from resolved options to IAM statements. The README table and the catalogue
 * tests read the same object, so the documentation cannot drift from the policy.
 */
export type Preset<O extends object> = PresetDefinition<O> & UpstreamRecord;

/** A preset's documentation, options and statements (see {@link Preset}). */
export interface PresetDefinition<O extends object> {
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
    /**
     * Controller presets: the first controller release that can use Pod Identity credentials
     * (older images fall back to the node role without an error). Default: none (generic
     * service presets, whose SDKs all read the credentials).
     */
    minimumVersion?: MinimumVersion;
    /** The policy's statements. Pure: the same options always give the same statements. */
    statements(options: pulumi.Unwrap<O>, context: PresetContext): ResolvedStatement[];
}

/** Identity, for type inference: `definePreset<MyOptions>({...})`. */
export function definePreset<O extends object>(preset: Preset<O>): Preset<O> {
    return preset;
}
