/**
 * The plan's part of the benchmark (issue 19): `npm run plan` on the fleet against the
 * component program (a) at the same size, its growth from 50x20 to 100x20, and its targets.
 */
import { PlanSample } from "./child";
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

/** The plan's cost at 100x20 over its cost at 50x20. */
export function planGrowth(sizes: SizeResult[]): { wall: number; cpu: number } | undefined {
    const small = sizes.find((s) => s.size === "50x20")?.plan;
    const large = sizes.find((s) => s.size === "100x20")?.plan;
    return small && large
        ? { wall: large.wallMs / small.wallMs, cpu: large.cpuMs / small.cpuMs }
        : undefined;
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/** The targets of issue 19, evaluated at 50x20 and 100x20. */
export function planTargets(sizes: SizeResult[]): Target[] {
    const result: Target[] = [];
    for (const size of sizes.filter((s) => s.clusters >= 50 && s.plan)) {
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
    if (growth) {
        result.push({
            name: "plan: 100x20 over 50x20 (time)",
            limit: "<= 2.10",
            value: fixed(growth.wall),
            pass: growth.wall <= 2.1,
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
