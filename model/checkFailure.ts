import * as pulumi from "@pulumi/pulumi";

/**
 * The error of a check that can only run once a lookup answers (an account, a cluster name),
 * reported as one message however many resources it stops.
 *
 * Why the message is fixed: when a rejected Output is an input of a resource (or of
 * `registerOutputs`, or a stack export), the Node SDK prefixes `error serializing property
 * "<key>": ` to the message of the *same* Error object and rethrows it (runtime/rpc.js,
 * serializeFilteredProperties, @pulumi/pulumi 3.276), so an error that reaches twenty
 * resources reads as twenty wrappers around the text. The SDK's uncaught-error handler
 * reports each Error object once (cmd/run/run.js, by identity), and a ResourceError with
 * `hideStack` without its stack trace, so one such object with a fixed message is one clean
 * line in `pulumi up`.
 */
export class CheckFailure extends pulumi.ResourceError {
    constructor(message: string, resource: pulumi.Resource) {
        super(message, resource, true);
        this.name = "CheckFailure";
        Object.defineProperty(this, "message", {
            get: () => message,
            // The SDK's prefixing assigns to `message`; keep the words as written.
            set: () => undefined,
            enumerable: false,
            configurable: true,
        });
    }
}

/**
 * An Output to put in `dependsOn` of the resources a check guards: it resolves (to no
 * resources) once `check` has passed, and rejects with its {@link CheckFailure} otherwise.
 * Through `dependsOn` the failure stops each guarded resource before its inputs are read,
 * so none of them is created.
 */
export function guardedBy(check: pulumi.Output<unknown>): pulumi.Output<pulumi.Resource[]> {
    return check.apply(() => []);
}

/** One guard for several; undefined when none is given. */
export function allGuards(
    guards: (pulumi.Output<pulumi.Resource[]> | undefined)[],
): pulumi.Output<pulumi.Resource[]> | undefined {
    const given = guards.filter((guard) => guard !== undefined);
    return given.length <= 1 ? given[0] : pulumi.all(given).apply(() => []);
}
