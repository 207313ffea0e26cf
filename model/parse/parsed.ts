import type { LaterCheck } from "../problems";

/** A component's args parsed into its model, with the checks that wait for values to resolve. */
export interface Parsed<M> {
    /** The model: every value of its declared type, judged by the rules. */
    readonly model: M;
    /** Checks of values known only at deployment, by scope (see model/later.ts). */
    readonly later: readonly LaterCheck[];
    /** How a failure names the args' owner, e.g. `PodIdentity "app"`. */
    readonly component: string;
    /** The property path of the model within those args, e.g. `role.`; "" for all of them. */
    readonly at: string;
}
