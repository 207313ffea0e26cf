/**
 * The checks of argument values known only at deployment (Outputs, promises): each runs once
 * its value resolves, and every problem one guard finds is reported as one
 * {@link CheckFailure}, the same one-message path as the account check. A component guards the
 * resources that take a value with the checks of that value's property path (`dependsOn`), so
 * none of them is created when a check fails, and nothing else waits for the value. In a
 * preview a value still unknown is not judged (nothing is created in a preview either).
 */
import * as pulumi from "@pulumi/pulumi";
import { CheckFailure, guardedBy } from "./checkFailure";
import type { LaterCheck } from "./problems";

/** The guards of a component's later checks, each over the checks of some property paths. */
export class LaterGuards {
    private readonly made = new Map<string, pulumi.Output<pulumi.Resource[]> | undefined>();

    /**
     * @param owner The component the failure is reported on.
     * @param component How the failure names the args' owner, e.g. `PodIdentity "app"`.
     * @param checks The later checks of the args.
     */
    constructor(
        private readonly owner: pulumi.Resource,
        private readonly component: string,
        private readonly checks: readonly LaterCheck[],
    ) {}

    /**
     * The guard over the checks whose property path passes `test`, made once per `name`;
     * undefined when there are none.
     */
    of(
        name: string,
        test: (propertyPath: string) => boolean,
    ): pulumi.Output<pulumi.Resource[]> | undefined {
        if (!this.made.has(name)) {
            const checks = this.checks.filter((check) => test(check.propertyPath));
            this.made.set(
                name,
                checks.length === 0
                    ? undefined
                    : guardedBy(laterCheck(this.owner, this.component, checks)),
            );
        }
        return this.made.get(name);
    }
}

/** True when `path` is `prefix` or a property inside it (`prefix.x`, `prefix[0]`). */
export function within(path: string, prefix: string): boolean {
    return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** Runs `checks` once their values resolve; fails with one CheckFailure listing each problem. */
export function laterCheck(
    owner: pulumi.Resource,
    component: string,
    checks: readonly LaterCheck[],
): pulumi.Output<void> {
    return pulumi.all(checks.map((check) => check.value)).apply((values) => {
        const wrongType = new Set<string>();
        const lines: string[] = [];
        const report = (check: LaterCheck, value: unknown) => {
            const problem = check.check(value);
            if (problem !== undefined) {
                if (check.kind === "type") {
                    wrongType.add(check.propertyPath);
                }
                const line = `  - ${check.propertyPath}: ${problem}`;
                if (!lines.includes(line)) {
                    lines.push(line);
                }
            }
        };
        checks.forEach((check, i) => check.kind === "type" && report(check, values[i]));
        checks.forEach(
            (check, i) =>
                check.kind === "rule" &&
                ![...wrongType].some((path) => within(check.propertyPath, path)) &&
                report(check, values[i]),
        );
        if (lines.length > 0) {
            const count = lines.length === 1 ? "1 problem" : `${lines.length} problems`;
            throw new CheckFailure(
                `${component} has ${count} in its arguments, found once their values were ` +
                    `known:\n${lines.join("\n")}`,
                owner,
            );
        }
    });
}
