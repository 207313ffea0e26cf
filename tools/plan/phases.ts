/** How long each phase of a plan took, for `--verbose` and the benchmark. */

/** The phases of a plan, in the order they run. */
export const PHASES = ["evaluate", "policies", "review", "render"] as const;
export type Phase = (typeof PHASES)[number];

/** Milliseconds per phase, and in all. */
export type Phases = Record<Phase, number> & { total: number };

/** Times consecutive phases: each `end` closes the phase that ran since the previous one. */
export function phaseTimer(): { end(phase: Phase): Phases } {
    const started = Date.now();
    let last = started;
    const phases: Phases = { evaluate: 0, policies: 0, review: 0, render: 0, total: 0 };
    return {
        end(phase) {
            const now = Date.now();
            phases[phase] = now - last;
            phases.total = now - started;
            last = now;
            return { ...phases };
        },
    };
}
