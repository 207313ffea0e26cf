/**
 * The plan's part of the benchmark (issue 19): `npm run plan` on the fleet against the
 * component program (a) at the same size, its growth from 40x20 to 100x20, and its targets.
 */
import { PlanSample } from "./child";
import { bindingsOf } from "./fleet";
import { PHASES, Phases } from "../plan/phases";
import { median, SizeResult, Target, VariantResult } from "./report";

/** The medians of the plan at one size, and how they compare with (a) measured alongside. */
export interface PlanResult {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
    /** The whole process, start-up included. */
    processMs: number;
    phases: Phases;
    resources: number;
    /** plan / (a): wall time, CPU time, peak memory. */
    ratios: { wall: number; cpu: number; peakRss: number };
    samples: Pick<PlanSample, "wallMs" | "cpuMs" | "peakRssMb" | "processMs" | "phases">[];
}

export function planResult(samples: PlanSample[], component: VariantResult): PlanResult {
    const wallMs = median(samples.map((s) => s.wallMs));
    const cpuMs = median(samples.map((s) => s.cpuMs));
    const peakRssMb = median(samples.map((s) => s.peakRssMb));
    const phases = Object.fromEntries(
        [...PHASES, "total" as const].map((phase) => [
            phase,
            median(samples.map((s) => s.phases[phase])),
        ]),
    ) as Phases;
    return {
        wallMs,
        cpuMs,
        peakRssMb,
        processMs: median(samples.map((s) => s.processMs)),
        phases,
        resources: samples[0].resources,
        ratios: {
            wall: wallMs / component.wallMs,
            cpu: cpuMs / component.cpuMs,
            peakRss: peakRssMb / component.peakRssMb,
        },
        samples: samples.map(({ wallMs, cpuMs, peakRssMb, processMs, phases }) => ({
            wallMs,
            cpuMs,
            peakRssMb,
            processMs,
            phases,
        })),
    };
}

/** The next-largest and the largest fleet measured (by bindings); none with fewer than two. */
export function largestTwo(sizes: SizeResult[]): [SizeResult?, SizeResult?] {
    const sorted = [...sizes].sort((a, b) => bindingsOf(a) - bindingsOf(b));
    return sorted.length < 2 ? [] : [sorted[sorted.length - 2], sorted[sorted.length - 1]];
}

/** The plan's cost at the largest fleet over its cost at the next largest. */
export function planGrowth(sizes: SizeResult[]): { wall: number; cpu: number } | undefined {
    const [smaller, larger] = largestTwo(sizes);
    const small = smaller?.plan;
    const large = larger?.plan;
    return small && large
        ? { wall: large.wallMs / small.wallMs, cpu: large.cpuMs / small.cpuMs }
        : undefined;
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/** The targets of issue 19, evaluated at the two largest fleets (40x20 and 100x20). */
export function planTargets(sizes: SizeResult[]): Target[] {
    const result: Target[] = [];
    const [smaller, larger] = largestTwo(sizes);
    for (const size of [smaller, larger].filter((s) => s?.plan) as SizeResult[]) {
        const plan = size.plan!;
        result.push(
            {
                name: `plan / a at ${size.size}: time`,
                limit: "<= 2.00",
                value: fixed(plan.ratios.wall, 3),
                pass: plan.ratios.wall <= 2,
            },
            {
                name: `plan / a at ${size.size}: peak memory`,
                limit: "<= 1.50",
                value: fixed(plan.ratios.peakRss, 3),
                pass: plan.ratios.peakRss <= 1.5,
            },
        );
    }
    const growth = planGrowth(sizes);
    if (growth && smaller && larger) {
        // 1.05 times linear, as issue 19's 2.10 for twice the bindings.
        const bindings = bindingsOf(larger) / bindingsOf(smaller);
        const limit = 1.05 * bindings;
        result.push({
            name: `plan: ${larger.size} over ${smaller.size} (time), ${fixed(bindings)}x the bindings`,
            limit: `<= ${fixed(limit)}`,
            value: fixed(growth.wall),
            pass: growth.wall <= limit,
        });
    }
    return result;
}

/** The plan's table: its time and memory beside (a)'s, and its phases. */
export function planRows(sizes: SizeResult[]): { header: string[]; rows: string[][] } {
    const s = (ms: number) => (ms / 1000).toFixed(2);
    return {
        header: [
            "size",
            "resources",
            "plan (s)",
            "a (s)",
            "plan/a",
            "peak plan (MB)",
            "peak a (MB)",
            "plan/a",
            "evaluate / policies / review / render (s)",
            "process (s)",
        ],
        rows: sizes.flatMap((r) =>
            r.plan
                ? [
                      [
                          r.size,
                          String(r.plan.resources),
                          s(r.plan.wallMs),
                          s(r.component.wallMs),
                          fixed(r.plan.ratios.wall),
                          r.plan.peakRssMb.toFixed(0),
                          r.component.peakRssMb.toFixed(0),
                          fixed(r.plan.ratios.peakRss),
                          PHASES.map((phase) => s(r.plan!.phases[phase])).join(" / "),
                          s(r.plan.processMs),
                      ],
                  ]
                : [],
        ),
    };
}
