import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with a component's args: where, and how to fix it. */
export interface Problem {
    /** Property path from the component's args, e.g. `clusters.prod.serviceAccounts[0].name`. */
    propertyPath: string;
    reason: string;
}

/**
 * A check of a value that is known only once it resolves (an Output or a promise): run then,
 * and reported through the component's {@link CheckFailure} (see model/later.ts).
 */
export interface LaterCheck {
    /**
     * Property path of the value: the component guards the resources that take the value
     * (and only those) with the checks of its path (see model/later.ts).
     */
    propertyPath: string;
    /** `type` checks run first; a value of the wrong type skips its `rule` checks. */
    kind: "type" | "rule";
    /** The value, resolved deeply before `check` sees it. */
    value: unknown;
    /** Why the resolved value is refused, or undefined when it is fine. */
    check: (value: unknown) => string | undefined;
}

/**
 * Collects every problem in a component's args, so that a user sees them all in one run
 * instead of fixing them one `pulumi up` at a time.
 *
 * Parsing reads each value's type first (`wrongType`), then the rules judge the values of the
 * right type (`add`): a rule's problem about a value of the wrong type, or about what follows
 * from it, is left out, so that each mistake is reported once, as what it is.
 */
export class Problems {
    private readonly found: Problem[] = [];
    private readonly wrongPaths: string[] = [];
    private readonly groups: string[][] = [];
    private readonly silenced: string[] = [];
    /** The checks of values not known yet, in the order they were added. */
    readonly later: LaterCheck[] = [];

    add(propertyPath: string, reason: string): void {
        if (this.followsFromWrongType(propertyPath)) {
            return;
        }
        // A list shared by several clusters is checked once per cluster; say each thing once.
        if (!this.found.some((p) => p.propertyPath === propertyPath && p.reason === reason)) {
            this.found.push({ propertyPath, reason });
        }
    }

    /** A value of the wrong type (or missing): the rules do not judge it, or what follows from it. */
    wrongType(propertyPath: string, reason: string): void {
        if (this.silenced.some((path) => path === propertyPath || isUnder(propertyPath, path))) {
            return;
        }
        this.wrongPaths.push(propertyPath);
        if (!this.found.some((p) => p.propertyPath === propertyPath && p.reason === reason)) {
            this.found.push({ propertyPath, reason });
        }
    }

    /**
     * Marks a property whose problem was reported elsewhere (e.g. by the stack configuration's
     * own reading): nothing more is said about it, or about what follows from it.
     */
    markWrong(propertyPath: string): void {
        this.wrongPaths.push(propertyPath);
        this.silenced.push(propertyPath);
    }

    /**
     * Declares properties that are judged together (e.g. `role` and `roleArn`, "give one of
     * the two"): when one has the wrong type, problems about the others are left out too. A
     * `*` stands for any one segment, e.g. `clusters.*.serviceAccounts`.
     */
    relate(...propertyPaths: string[]): void {
        this.groups.push(propertyPaths);
    }

    /** Whether a property (or one it is part of) had the wrong type. */
    isWrong(propertyPath: string): boolean {
        return this.wrongPaths.some(
            (wrong) => wrong === propertyPath || isUnder(propertyPath, wrong),
        );
    }

    /**
     * Applies `rule` to a value: now when it is known, once it resolves when it is an Output
     * or a promise (a {@link LaterCheck}).
     */
    whenKnown<T>(
        propertyPath: string,
        value: pulumi.Input<T> | undefined,
        rule: (value: T) => string | undefined,
    ): void {
        if (value === undefined || value === null) {
            return;
        }
        if (isUnknown(value)) {
            this.later.push({
                propertyPath,
                kind: "rule",
                value,
                check: (resolved) =>
                    resolved === undefined || resolved === null ? undefined : rule(resolved as T),
            });
            return;
        }
        const problem = rule(value as T);
        if (problem) {
            this.add(propertyPath, problem);
        }
    }

    /** Adds a check of a value not known yet (see {@link LaterCheck}). */
    addLater(check: LaterCheck): void {
        this.later.push(check);
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

    private followsFromWrongType(propertyPath: string): boolean {
        if (this.wrongPaths.length === 0) {
            return false;
        }
        return this.wrongPaths.some(
            (wrong) =>
                wrong === propertyPath ||
                isUnder(propertyPath, wrong) ||
                isUnder(wrong, propertyPath) ||
                this.groups.some(
                    (group) =>
                        group.some((path) => matches(wrong, path)) &&
                        group.some((path) => matches(propertyPath, path)),
                ),
        );
    }
}

/** Whether `path` is a property inside `parent`, e.g. `role.name` inside `role`. */
function isUnder(path: string, parent: string): boolean {
    return parent === "" || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/** Whether `path` is `pattern` (`*` standing for one segment) or inside it. */
function matches(path: string, pattern: string): boolean {
    const expression = new RegExp(
        `^${pattern
            .split("*")
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join("[^.\\[]+")}($|[.\\[])`,
    );
    return expression.test(path);
}

/** True for an Input that is not known yet: an Output or a promise. */
export function isUnknown(value: unknown): boolean {
    return (
        pulumi.Output.isInstance(value) ||
        value instanceof Promise ||
        (value !== null &&
            typeof value === "object" &&
            typeof (value as { then?: unknown }).then === "function")
    );
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
