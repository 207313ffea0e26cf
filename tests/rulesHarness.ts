/**
 * Helpers of the rule specs (tests/rules-*.spec.ts): refusals checked the way a user meets
 * them (one InputPropertiesError naming the property, the value and the rule, before anything is
 * registered), for hand-written and for generated inputs.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../model/problems";
import { record } from "./harness";

/** Generated inputs per property: enough to find a gap, few enough to keep the suite fast. */
export const RUNS = 60;

/** The error a constructor throws for these args; fails when it throws nothing else. */
export function refusal(create: () => unknown): pulumi.InputPropertiesError {
    try {
        create();
    } catch (error) {
        assert.ok(
            pulumi.InputPropertiesError.isInstance(error),
            `expected InputPropertiesError, got ${String(error)}`,
        );
        return error;
    }
    assert.fail("expected the component to refuse its arguments");
}

/** What one refusal must say: the one property, the rule, and (when given) the value. */
export interface Expected {
    path: string;
    rule: string;
    value?: string;
}

/** Asserts an error is one clean refusal of exactly one property, by one rule. */
export function assertOneRefusal(error: pulumi.InputPropertiesError, expected: Expected): void {
    assert.deepStrictEqual(
        error.errors.map((e) => e.propertyPath),
        [expected.path],
        error.message,
    );
    const reason = error.errors[0].reason;
    assert.ok(reason.includes(`rule ${expected.rule}`), `names rule ${expected.rule}: ${reason}`);
    if (expected.value !== undefined) {
        assert.ok(
            reason.includes(JSON.stringify(expected.value).slice(0, 60)),
            `names the value ${expected.value}: ${reason}`,
        );
    }
    assert.ok(!/\n\s+at /.test(error.message), "no stack trace in the message");
    assert.ok(error.message.includes(`${expected.path}: `), "the message names the path");
}

/** Asserts a mock run registered nothing: no component of the package, no resource. */
export function assertNothingRegistered(resources: { type: string; custom: boolean }[]): void {
    assert.deepStrictEqual(
        resources.filter((r) => r.custom || r.type.startsWith("eks-pod-identity")),
        [],
    );
}

/** One hand-written input: refused as expected, inside a program, with nothing registered. */
export async function assertRefused(create: () => unknown, expected: Expected): Promise<void> {
    let error: pulumi.InputPropertiesError | undefined;
    const run = await record(() => {
        error = refusal(create);
    });
    assertOneRefusal(error!, expected);
    assertNothingRegistered(run.resources);
}

/**
 * Generated inputs that break a rule: each is refused once, at its property, by the rule, and
 * the program that tried them all registered nothing.
 */
export async function assertEachRefused<T>(
    inputs: fc.Arbitrary<T>,
    create: (input: T) => unknown,
    expected: (input: T) => Expected,
    numRuns = RUNS,
): Promise<void> {
    const run = await record(() => {
        fc.assert(
            fc.property(inputs, (input) => {
                assertOneRefusal(
                    refusal(() => create(input)),
                    expected(input),
                );
            }),
            { numRuns },
        );
    });
    assertNothingRegistered(run.resources);
}

/** Generated valid inputs: no check finds a problem in any of them. */
export function assertEachAccepted<T>(
    inputs: fc.Arbitrary<T>,
    check: (problems: Problems, input: T) => void,
    numRuns = RUNS,
): void {
    fc.assert(
        fc.property(inputs, (input) => {
            const problems = new Problems();
            check(problems, input);
            assert.deepStrictEqual(problems.list, [], JSON.stringify(input));
        }),
        { numRuns },
    );
}
