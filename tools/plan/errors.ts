/**
 * A program's errors as a plan prints them: each root cause once, in the program's own words.
 *
 * The Pulumi SDK wraps an error thrown while it serializes inputs: every level of a nested
 * property adds `error serializing property "<key>": ` (runtime/rpc.js), and an invoke's
 * arguments also log `Error serializing arguments for invoke <token>: <stack>`
 * (runtime/invoke.js), so one thrown error reaches the plan twice, once with a stack trace
 * inside its message. The wrappers say where the SDK was, not what is wrong.
 */

const WRAPPERS = [
    /^error serializing property "[^"]*": /,
    /^Error serializing arguments for (?:invoke|call) \S+: (?:[A-Za-z]*Error: )?/,
];
/** A stack frame line, as V8 and source-map-support write them. */
const FRAME = /^\s+at /;

/** An error's message without the SDK's wrappers and without stack frames inside it. */
export function rootMessage(error: Error): string {
    let message = error.message;
    for (let unwrapped = true; unwrapped;) {
        unwrapped = false;
        for (const wrapper of WRAPPERS) {
            const stripped = message.replace(wrapper, "");
            if (stripped !== message) {
                message = stripped;
                unwrapped = true;
            }
        }
    }
    const lines = message.split("\n");
    const firstFrame = lines.findIndex((line) => FRAME.test(line));
    return (firstFrame < 0 ? lines : lines.slice(0, firstFrame)).join("\n").trimEnd();
}

/** The stack frames of an error (`    at ...` lines), from its stack or, failing that, its message. */
function framesOf(error: Error): string[] {
    const frames = (text: string | undefined) =>
        (text ?? "").split("\n").filter((line) => FRAME.test(line));
    const own = frames(error.stack);
    return own.length > 0 ? own : frames(error.message);
}

/**
 * What a plan prints for a program's errors: one entry per distinct root message; with
 * `verbose`, the error's name and the stack frames of its first occurrence too.
 */
export function describeErrors(errors: unknown[], verbose: boolean): string[] {
    const described = new Map<string, string>();
    for (const each of errors) {
        const error = each instanceof Error ? each : new Error(String(each));
        const message = rootMessage(error);
        if (!described.has(message)) {
            // --verbose: as V8 prints an error, its name first, then where it was thrown.
            const text = verbose
                ? [`${error.name}: ${message}`, ...framesOf(error)].join("\n")
                : message;
            described.set(message, text);
        }
    }
    return [...described.values()];
}
