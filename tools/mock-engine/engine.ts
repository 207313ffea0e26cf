import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { providerPlacement } from "./answers";
import { MockFixture } from "./fixture";
import { RecordingMonitor } from "./monitor";
import { RecordedInvoke, RecordedLog, RecordedResource } from "./records";

/** How to evaluate a program under the mock engine. */
export interface RunOptions {
    /** Project name (the URNs' project). Default: `project`. */
    project?: string;
    /** Stack name. Default: `test`. */
    stack?: string;
    /**
     * Evaluate as `pulumi preview`: resources to be created report only their inputs and
     * provider-assigned names; their other outputs (ARNs, ids) are unknown, as in a real
     * preview. Lookups and reads still answer. Default: false (`pulumi up`).
     */
    preview?: boolean;
    /** The mock cloud's account, region and clusters. */
    fixture?: MockFixture;
    /** Stack configuration, as `<namespace>:<key>` -> JSON or plain string. */
    config?: Record<string, string>;
    /** Configuration keys that are secret. */
    secretKeys?: string[];
    /** Called for each resource as it is registered, e.g. to show progress. */
    onResource?: (resource: RecordedResource) => void;
}

/** Everything a program registered, invoked and logged. */
export interface MockRun<T> {
    resources: RecordedResource[];
    invokes: RecordedInvoke[];
    logs: RecordedLog[];
    /** The program's return value (its stack outputs), resolved. */
    outputs: pulumi.Unwrap<T>;
}

/** A program failed: its errors, all of them, and what it registered before it stopped. */
export class ProgramError extends Error {
    constructor(
        public readonly errors: Error[],
        public readonly resources: RecordedResource[] = [],
    ) {
        super(errors.map((error) => error.message).join("\n"));
        this.name = "ProgramError";
    }
}

/** The SDK drains its outstanding registrations with this; it is internal, hence untyped. */
const waitForRPCs = (): Promise<void> =>
    (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

// The runtime keeps its settings in module state, so two programs must not interleave.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Evaluates a Pulumi program as `pulumi up` (or preview) would, against a recording mock
 * monitor instead of the engine and the clouds, and returns what it registered. Rejects with
 * a {@link ProgramError} when the program or any resource registration fails.
 */
export function runProgram<T>(program: () => T, options: RunOptions = {}): Promise<MockRun<T>> {
    const run = queue.then(() => evaluate(program, options));
    queue = run.catch(() => undefined);
    return run;
}

async function evaluate<T>(program: () => T, options: RunOptions): Promise<MockRun<T>> {
    const monitor = new RecordingMonitor(
        defaultPlacementFromConfig(options.fixture ?? {}, options.config ?? {}),
        {
            preview: options.preview,
            onResource: options.onResource,
        },
    );
    await pulumi.runtime.setMocks(
        monitor.mocks,
        options.project ?? "project",
        options.stack ?? "test",
        options.preview ?? false,
    );
    // setMocks made its own monitor; ours records what the engine would be told.
    settings.setMockOptions(
        monitor,
        options.project ?? "project",
        options.stack ?? "test",
        options.preview ?? false,
    );
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);

    const logs: RecordedLog[] = [];
    const errors: Error[] = [];
    const restoreConsole = captureRuntimeLogs(logs);
    const onRejection = (reason: unknown) => {
        errors.push(reason instanceof Error ? reason : new Error(String(reason)));
    };
    process.on("unhandledRejection", onRejection);
    // An error the package surfaces as uncaught when no engine is attached (a lookup answered
    // with nothing usable, model/surface.ts) is one of the program's, as under the engine.
    process.on("uncaughtException", onRejection);
    let outputs: unknown;
    const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
    try {
        try {
            outputs = await pulumi.runtime.runInPulumiStack(async () => {
                const result = program();
                return (await Promise.resolve(result)) as unknown;
            });
        } catch (error) {
            errors.unshift(asError(error));
        }
        try {
            await waitForRPCs();
        } catch (error) {
            errors.push(asError(error));
        }
        // Let rejections that nobody awaited surface while they are still recorded, also
        // after a failed program: a failing stack leaves rejected promises behind, which
        // would otherwise crash the process once this listener is gone.
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onRejection);
        process.off("uncaughtException", onRejection);
        restoreConsole();
    }
    for (const log of logs) {
        if (log.severity === "error") {
            errors.push(new Error(log.message));
        }
    }
    if (errors.length > 0) {
        throw new ProgramError(dedupe(errors), monitor.recorded);
    }
    return {
        resources: monitor.recorded,
        invokes: monitor.invoked,
        logs,
        outputs: (outputs ?? {}) as pulumi.Unwrap<T>,
    };
}

function dedupe(errors: Error[]): Error[] {
    const seen = new Set<string>();
    return errors.filter((error) => {
        if (seen.has(error.message)) {
            return false;
        }
        seen.add(error.message);
        return true;
    });
}

const RUNTIME_PREFIX = /^(debug|info|warning|error): \[runtime\] /;

/**
 * With no engine attached, `pulumi.log.*` writes to the console with a `[runtime]` prefix;
 * those lines are the program's log, so they are recorded instead of printed.
 */
function captureRuntimeLogs(logs: RecordedLog[]): () => void {
    const original = { log: console.log, warn: console.warn, error: console.error };
    const wrap =
        (fallback: (...args: unknown[]) => void) =>
        (...args: unknown[]) => {
            const text = args.map(String).join(" ");
            const match = RUNTIME_PREFIX.exec(text);
            if (match) {
                logs.push({
                    severity: match[1] as RecordedLog["severity"],
                    message: text.slice(match[0].length),
                });
            } else {
                fallback(...args);
            }
        };
    console.log = wrap(original.log);
    console.warn = wrap(original.warn);
    console.error = wrap(original.error);
    return () => {
        console.log = original.log;
        console.warn = original.warn;
        console.error = original.error;
    };
}

/**
 * The default provider reads the stack's `aws:*` configuration, so the mock cloud places its
 * resources there too: the region from `aws:region`, the account from the role in
 * `aws:assumeRoles` (or `aws:allowedAccountIds`). An explicit fixture wins.
 */
function defaultPlacementFromConfig(
    fixture: MockFixture,
    config: Record<string, string>,
): MockFixture {
    const fromConfig = providerPlacement(
        {
            region: config["aws:region"],
            assumeRoles: config["aws:assumeRoles"],
            allowedAccountIds: config["aws:allowedAccountIds"],
        },
        { accountId: "", region: "", partition: "" },
    );
    return {
        ...fixture,
        region: fixture.region ?? (fromConfig.region || undefined),
        accountId: fixture.accountId ?? (fromConfig.accountId || undefined),
    };
}
