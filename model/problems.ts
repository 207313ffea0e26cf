import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with a component's args: where, and how to fix it. */
export interface Problem {
    /** Property path from the component's args, e.g. `clusters.prod.serviceAccounts[0].name`. */
    propertyPath: string;
    reason: string;
}

/**
 * Collects every problem in a component's args, so that a user sees them all in one run
 * instead of fixing them one `pulumi up` at a time.
 */
export class Problems {
    private readonly found: Problem[] = [];

    add(propertyPath: string, reason: string): void {
        // A list shared by several clusters is checked once per cluster; say each thing once.
        if (!this.found.some((p) => p.propertyPath === propertyPath && p.reason === reason)) {
            this.found.push({ propertyPath, reason });
        }
    }

    get list(): readonly Problem[] {
        return this.found;
    }

    /** Throws one error listing every problem, before the component creates anything. */
    throwIfAny(component: string, name: string): void {
        if (this.found.length === 0) {
            return;
        }
        const count = this.found.length === 1 ? "1 problem" : `${this.found.length} problems`;
        const lines = this.found.map((p) => `  - ${p.propertyPath}: ${p.reason}`);
        throw new pulumi.InputPropertiesError({
            message: `${component} "${name}" has ${count} in its arguments:\n${lines.join("\n")}`,
            errors: [...this.found],
        });
    }
}

/** The string value of an Input when it is already known; undefined for Outputs and promises. */
export function known<T>(value: pulumi.Input<T> | undefined): T | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return undefined;
    }
    return value;
}
