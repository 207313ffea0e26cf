/**
 * Calls the pack's rules on what a program registered under the mock engine, through the
 * same arguments the policy runtime builds (policy/offline.ts).
 */
import { PolicyPackConfig, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { resolveConfig, resourceArgs, stackArgs } from "../policy/offline";
import { RecordedResource, UNKNOWN } from "../tools/mock-engine";
import { Recorded } from "./harness";

/**
 * One reported violation: the logical name of the resource it is on, and the message.
 * Helpers return them sorted by resource name, as registration order is not deterministic.
 */
export interface Reported {
    on: string;
    message: string;
}

function sorted(reported: Reported[]): Reported[] {
    return reported.sort((a, b) => a.on.localeCompare(b.on) || a.message.localeCompare(b.message));
}

function nameOf(run: Recorded, urn: string | undefined): string {
    return urn === undefined ? "<stack>" : (run.byUrn(urn)?.name ?? urn);
}

function propertiesFor(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    config: PolicyPackConfig | undefined,
): Record<string, unknown> {
    return resolveConfig([policy], config).get(policy.name)!.properties;
}

/** Runs a resource rule's validation on every recorded resource. */
export async function validateEach(
    policy: ResourceValidationPolicy,
    run: Recorded,
    config?: PolicyPackConfig,
): Promise<Reported[]> {
    const reported: Reported[] = [];
    const properties = propertiesFor(policy, config);
    const validations = [policy.validateResource ?? []].flat();
    for (const record of run.resources) {
        for (const validate of validations) {
            await validate(resourceArgs(record, run.resources, properties), (message) =>
                reported.push({ on: record.name, message }),
            );
        }
    }
    return sorted(reported);
}

/** Runs a stack rule's validation on all recorded resources. */
export async function validateAll(
    policy: StackValidationPolicy,
    run: Recorded,
    config?: PolicyPackConfig,
): Promise<Reported[]> {
    const reported: Reported[] = [];
    await policy.validateStack(
        stackArgs(run.resources, propertiesFor(policy, config)),
        (message, urn) => reported.push({ on: nameOf(run, urn), message }),
    );
    return sorted(reported);
}

/**
 * Makes outputs of a recorded resource unknown, as a real preview of a resource that does not
 * exist yet reports them (the mock cloud answers every output even in preview).
 */
export function markUnknown(resource: RecordedResource, ...keys: string[]): void {
    for (const key of keys) {
        resource.outputs[key] = UNKNOWN;
    }
}

/** An Output whose value is not known, as in `pulumi preview` before a resource exists. */
export function unknown<T>(): pulumi.Output<T> {
    return pulumi.output(pulumi.unknown) as pulumi.Output<T>;
}

/**
 * An Output that is unknown but came from the given outputs (so the engine records which
 * resources it depends on), e.g. a role ARN that is not known yet during preview.
 */
export function unknownFrom<T>(...sources: pulumi.Output<unknown>[]): pulumi.Output<T> {
    return pulumi.all([...sources, unknown<T>()]).apply((values) => values[values.length - 1] as T);
}

/** A trust policy document, as a JSON string, with the given statements. */
export function trustPolicy(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The trust policy of an EC2 node role. */
export const EC2_TRUST = trustPolicy({
    Effect: "Allow",
    Principal: { Service: "ec2.amazonaws.com" },
    Action: "sts:AssumeRole",
});
