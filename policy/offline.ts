/**
 * Runs the pack's rules without the Pulumi engine, on the resources the mock engine recorded
 * (tools/mock-engine `RecordedResource`): for the tests, and for an offline plan.
 *
 * Each record becomes exactly what the policy runtime would hand a rule: the same
 * `ResourceValidationArgs` / `PolicyResource` shapes, properties behind the runtime's own
 * unknown-checking proxy, unknown values as the engine's wire sentinel, secrets revealed,
 * resource references as the engine sends them, and configuration filled in from each rule's
 * schema defaults the way the engine does. Rules therefore cannot tell the difference.
 */
import {
    EnforcementLevel,
    Policies,
    PolicyPackConfig,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";
import {
    specialOutputValueSig,
    specialResourceSig,
    specialSecretSig,
    specialSigKey,
    unknownValue,
} from "@pulumi/pulumi/runtime/rpc";
import type { RecordedResource } from "../tools/mock-engine/records";
import { policies as packPolicies } from "./rules";

// Exported untyped by @pulumi/policy; these are their actual shapes.
const proxy = unknownCheckingProxy as unknown as <T>(value: T) => T;
const UnknownError = UnknownValueError as unknown as abstract new (...args: never[]) => Error;

/** How the engine sends a value to a policy: the wire value with its special objects resolved. */
export function engineValue(wire: unknown): unknown {
    if (Array.isArray(wire)) {
        return wire.map(engineValue);
    }
    if (wire === null || typeof wire !== "object") {
        return wire;
    }
    const record = wire as Record<string, unknown>;
    switch (record[specialSigKey]) {
        case specialSecretSig:
            return engineValue(record.value);
        case specialResourceSig:
            // A custom resource travels as its id, a component as its URN.
            return typeof record.id === "string" && record.id !== "" ? record.id : record.urn;
        case specialOutputValueSig:
            return "value" in record ? engineValue(record.value) : unknownValue;
        default:
            break;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
        out[key] = engineValue(value);
    }
    return out;
}

function hasUnknown(value: unknown): boolean {
    if (value === unknownValue) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(hasUnknown);
    }
    return value !== null && typeof value === "object" && Object.values(value).some(hasUnknown);
}

/** A resource's inputs as `validateResource` receives them. */
export function inputsOf(record: RecordedResource): Record<string, unknown> {
    return engineValue(record.wireInputs) as Record<string, unknown>;
}

/**
 * A resource's state as `validateStack` receives it: its outputs, with the inputs that are
 * unknown during preview unknown again (the recorded outputs drop them).
 */
export function stateOf(record: RecordedResource): Record<string, unknown> {
    const state: Record<string, unknown> = { ...(engineValue(record.outputs) as object) };
    for (const [key, value] of Object.entries(inputsOf(record))) {
        if (hasUnknown(value)) {
            state[key] = value;
        }
    }
    return state;
}

function optionsOf(record: RecordedResource): PolicyResourceOptions {
    return {
        protect: record.options.protect ?? false,
        ignoreChanges: record.options.ignoreChanges,
        deleteBeforeReplace: record.options.deleteBeforeReplace,
        aliases: record.options.aliases.filter(
            (alias): alias is string => typeof alias === "string",
        ),
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: record.options.additionalSecretOutputs,
        parent: record.parent || undefined,
    };
}

/** `isType` as the runtime implements it: by the class's type token. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    if (typeof token === "string" && token !== "") {
        return token === type;
    }
    const isInstance = (resourceClass as { isInstance?: (value: unknown) => unknown }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Raised by `notApplicable()`, as in the runtime; the runner skips the rule for the resource. */
export class NotApplicable extends Error {
    constructor(public readonly reason?: string) {
        super(reason ?? "not applicable");
    }
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** Recorded resources by URN, for providers and parents. */
export type RecordsByUrn = ReadonlyMap<string, RecordedResource>;

/**
 * Indexes recorded resources by URN. Build it once per stack and hand it to
 * {@link resourceArgs}: looking a provider up must not cost a pass over the stack per
 * resource, or a fleet's policy run grows with the square of its size.
 */
export function indexByUrn(records: readonly RecordedResource[]): RecordsByUrn {
    return new Map(records.map((record) => [record.urn, record]));
}

function providerOf(
    record: RecordedResource,
    byUrn: RecordsByUrn,
): PolicyProviderResource | undefined {
    const urn = record.provider.split("::").slice(0, -1).join("::");
    const provider = byUrn.get(urn);
    if (!provider) {
        return undefined;
    }
    return {
        type: provider.type,
        name: provider.name,
        urn: provider.urn,
        props: proxy(inputsOf(provider)),
    };
}

/**
 * The configuration the engine hands each rule: each option's schema default, then the
 * `all` and per-rule settings of a `--policy-pack-config` file.
 */
export function resolveConfig(
    policies: Policies,
    config: PolicyPackConfig = {},
): Map<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }> {
    const resolved = new Map<
        string,
        { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }
    >();
    const all = config.all;
    const allLevel = typeof all === "string" ? all : (all?.enforcementLevel as EnforcementLevel);
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) {
                properties[key] = schema.default;
            }
        }
        let enforcementLevel = allLevel;
        const given = config[policy.name];
        if (typeof given === "string") {
            enforcementLevel = given;
        } else if (given) {
            const { enforcementLevel: level, ...rest } = given as Record<string, unknown>;
            if (typeof level === "string") {
                enforcementLevel = level as EnforcementLevel;
            }
            Object.assign(properties, rest);
        }
        resolved.set(policy.name, { enforcementLevel, properties });
    }
    return resolved;
}

/** What `getConfig()` returns for one rule. */
function configGetter(properties: Record<string, unknown>) {
    return <T extends object>(): T => structuredClone(properties) as T;
}

/**
 * The arguments `validateResource` receives for one recorded resource. `stack` is the
 * recorded stack (for the resource's provider): its records, or better their index.
 */
export function resourceArgs(
    record: RecordedResource,
    stack: readonly RecordedResource[] | RecordsByUrn = [record],
    properties: Record<string, unknown> = {},
): ResourceValidationArgs {
    const props = proxy(inputsOf(record));
    const type = record.type;
    return {
        type,
        props,
        urn: record.urn,
        name: record.name,
        opts: optionsOf(record),
        provider: providerOf(record, isIndex(stack) ? stack : indexByUrn(stack)),
        stackTags: new Map(),
        isType: (resourceClass) => isTypeOf(type, resourceClass),
        asType: (resourceClass) => (isTypeOf(type, resourceClass) ? (props as never) : undefined),
        getConfig: configGetter(properties),
        notApplicable,
    };
}

function isIndex(stack: readonly RecordedResource[] | RecordsByUrn): stack is RecordsByUrn {
    return stack instanceof Map;
}

/** The resources `validateStack` receives, linked as the runtime links them. */
export function stackResources(records: RecordedResource[]): PolicyResource[] {
    const byUrn = indexByUrn(records);
    const resources = new Map<string, PolicyResource>();
    for (const record of records) {
        const props = proxy(stateOf(record));
        const type = record.type;
        resources.set(record.urn, {
            type,
            props,
            urn: record.urn,
            name: record.name,
            opts: optionsOf(record),
            provider: providerOf(record, byUrn),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(type, resourceClass),
            asType: (resourceClass) =>
                isTypeOf(type, resourceClass) ? (props as never) : undefined,
        });
    }
    const linked = (urns: string[]) =>
        urns.flatMap((urn) => {
            const resource = resources.get(urn);
            return resource ? [resource] : [];
        });
    for (const record of records) {
        const resource = resources.get(record.urn)!;
        resource.parent = record.parent ? resources.get(record.parent) : undefined;
        resource.dependencies = linked(record.dependencies);
        for (const [key, urns] of Object.entries(record.propertyDependencies)) {
            if (urns.length > 0) {
                resource.propertyDependencies[key] = linked(urns);
            }
        }
    }
    return [...resources.values()];
}

/** The arguments `validateStack` receives for the recorded stack. */
export function stackArgs(
    records: RecordedResource[],
    properties: Record<string, unknown> = {},
): StackValidationArgs {
    return {
        resources: stackResources(records),
        stackTags: new Map(),
        getConfig: configGetter(properties),
        notApplicable,
    };
}

/** One violation, as `pulumi preview` would list it. */
export interface Violation {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory";
    /** What the rule reported (the CLI prints it after the rule's description). */
    message: string;
    /** The resource in violation; undefined for the stack as a whole. */
    urn?: string;
}

/** What to run and with which configuration. */
export interface RunPoliciesOptions {
    /** The contents of a `--policy-pack-config` file. Default: none. */
    config?: PolicyPackConfig;
    /** The rules. Default: the pack's. */
    policies?: Policies;
}

function levelOf(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    configured: EnforcementLevel | undefined,
): "advisory" | "mandatory" | undefined {
    const level = configured ?? policy.enforcementLevel ?? "advisory";
    if (level === "disabled") {
        return undefined;
    }
    return level === "advisory" ? "advisory" : "mandatory";
}

/**
 * Runs every rule on recorded resources as `pulumi preview` runs a pack: resource rules on
 * each resource, then stack rules on all of them. A rule that reads an unknown value through
 * the proxy yields the runtime's advisory "can't run during preview" note instead.
 */
export async function runPolicies(
    records: RecordedResource[],
    options: RunPoliciesOptions = {},
): Promise<Violation[]> {
    const policies = options.policies ?? packPolicies;
    const config = resolveConfig(policies, options.config);
    const violations: Violation[] = [];
    const resources = records.filter((record) => record.type !== "pulumi:pulumi:Stack");
    const byUrn = indexByUrn(records);

    for (const policy of policies) {
        const { enforcementLevel: configured, properties } = config.get(policy.name)!;
        const level = levelOf(policy, configured);
        if (!level) {
            continue;
        }
        const run = async (
            call: (report: ReportViolation) => Promise<void> | void,
            urn?: string,
        ) => {
            const report: ReportViolation = (message, reportedUrn) =>
                violations.push({
                    policyName: policy.name,
                    enforcementLevel: level,
                    message,
                    urn: urn ?? reportedUrn,
                });
            try {
                await call(report);
            } catch (error) {
                if (error instanceof UnknownError) {
                    violations.push({
                        policyName: policy.name,
                        enforcementLevel: "advisory",
                        message: `can't run policy '${policy.name}' during preview: ${error.message}`,
                        urn,
                    });
                } else if (!(error instanceof NotApplicable)) {
                    throw error;
                }
            }
        };
        if ("validateResource" in policy && policy.validateResource) {
            const validations = Array.isArray(policy.validateResource)
                ? policy.validateResource
                : [policy.validateResource];
            for (const record of resources) {
                for (const validate of validations) {
                    await run(
                        (report) => validate(resourceArgs(record, byUrn, properties), report),
                        record.urn,
                    );
                }
            }
        }
        if ("validateStack" in policy) {
            const args = stackArgs(resources, properties);
            await run((report) => policy.validateStack(args, report));
        }
    }
    return violations;
}
