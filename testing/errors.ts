import * as pulumi from "@pulumi/pulumi";
import { surfaceOnce, throwUncaught } from "../model/surface";

/**
 * Errors raised in an apply (a refusal that waited for a lookup's answer, an invoke nobody
 * answers) reach Node.js as unhandled rejections, one per Output they stop. `pulumi up`'s
 * language host reports each Error object once (@pulumi/pulumi cmd/run/run.js); under mocks
 * nobody does, and test runners drop unhandled rejections (mocha re-emits them to no one), so
 * the test waits for Outputs that never resolve. While the mocks of {@link mocks} are the
 * runtime's, each such error is surfaced once: to `onError`, or thrown as an uncaught
 * exception that fails the running test.
 */

/** The mocks made by `mocks()`, with where their errors go. */
const ours = new WeakMap<pulumi.runtime.Mocks, ((error: Error) => void) | undefined>();
let listening = false;

/** Reports the errors of programs running under `answers` once each. */
export function reportErrorsOnce(
    answers: pulumi.runtime.Mocks,
    onError: ((error: Error) => void) | undefined,
): void {
    ours.set(answers, onError);
    if (!listening) {
        listening = true;
        process.on("unhandledRejection", onRejection);
    }
}

function onRejection(reason: unknown): void {
    // The SDK's mock monitor keeps the mocks it was given; other mocks (or an engine) mean
    // another program runs, whose errors are not ours to report.
    const monitor = pulumi.runtime.getMonitor() as { mocks?: unknown } | undefined;
    const current = monitor?.mocks as pulumi.runtime.Mocks | undefined;
    if (!current || !ours.has(current)) {
        // Not ours to report; but with no other listener, Node.js would have thrown it
        // (--unhandled-rejections=throw), and this listener must not swallow it.
        if (process.listenerCount("unhandledRejection") === 1) {
            throwUncaught(reason instanceof Error ? reason : new Error(String(reason)));
        }
        return;
    }
    const error = reason instanceof Error ? reason : new Error(String(reason));
    surfaceOnce(error, ours.get(current) ?? throwUncaught);
}
