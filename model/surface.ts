import * as pulumi from "@pulumi/pulumi";

/**
 * Where an error raised inside an apply ends up when no Pulumi engine is attached.
 *
 * Under `pulumi up` such an error rejects the Outputs that depend on it, and the Node.js
 * language host reports it once, by identity, from its `uncaughtException` and
 * `unhandledRejection` handlers (@pulumi/pulumi cmd/run/run.js, `uncaughtHandler`), so the
 * deployment fails with one message. Under `pulumi.runtime.setMocks` nothing plays that part:
 * the SDK prints the error to the console and the Outputs that depend on it never resolve, so
 * a test awaiting one waits for its runner's timeout. Thrown once as an uncaught exception
 * instead, the error is what every test runner (mocha, jest, vitest, node:test) reports as
 * the running test's failure.
 */

const surfaced = new WeakSet<Error>();

/** Throws `error` as an uncaught exception, outside any promise chain. */
export function throwUncaught(error: Error): void {
    setImmediate(() => {
        throw error;
    });
}

/**
 * Surfaces an error that would otherwise only reject Outputs: once per Error object, and only
 * when no engine is attached (with one, the language host reports it already). `deliver`
 * receives it; by default it is thrown as an uncaught exception.
 */
export function surfaceOnce(error: Error, deliver: (error: Error) => void = throwUncaught): void {
    if (pulumi.runtime.hasEngine() || surfaced.has(error)) {
        return;
    }
    surfaced.add(error);
    deliver(error);
}
