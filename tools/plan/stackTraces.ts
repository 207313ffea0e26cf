/**
 * Stack traces during a plan. ts-node maps every stack trace back to TypeScript (through
 * source-map-support's `Error.prepareStackTrace`), and the Pulumi SDK captures a stack for
 * every promise it tracks (`debuggablePromise` in @pulumi/pulumi/runtime/debuggable.js):
 * at fleet scale that mapping costs more than the program itself. A plan prints no stack
 * trace unless `--verbose`, so it runs with V8's own formatting otherwise.
 */

/**
 * Turns source-mapped stack traces off until the returned function is called (which puts
 * back whatever was installed). With `keep` (a `--verbose` run, whose errors print their
 * TypeScript positions) nothing changes.
 */
export function plainStackTraces(keep: boolean): () => void {
    const holder = Error as { prepareStackTrace?: unknown };
    const installed = holder.prepareStackTrace;
    if (keep || installed === undefined) {
        return () => undefined;
    }
    delete holder.prepareStackTrace;
    return () => {
        holder.prepareStackTrace = installed;
    };
}
