/**
 * What `verify` costs the program: the component fleet (a) with `verify: {}` on, a Job per
 * cluster and service account, against a as it is. Only the program's evaluation is measured
 * here; the pods themselves run in the clusters, during `pulumi up` (docs/verify.md).
 */
import { isDeepStrictEqual } from "util";
import { Sample } from "./child";
import { FleetSize, label } from "./fleet";

export const JOB = "kubernetes:batch/v1:Job";

/** The medians of the verified runs at one size, and their ratios to a. */
export interface VerifiedResult {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
    /** Resources registered (a's, plus the Jobs). */
    resources: number;
    /** Verification Jobs: one per cluster and service account. */
    jobs: number;
    /** verified / a. */
    ratios: { wall: number; cpu: number; peakRss: number };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The verified program must register what a registers plus exactly one Job per cluster and
 * service account, and make the same invokes, or its cost is not the cost of `verify`.
 */
export function assertVerifiedShape(size: FleetSize, component: Sample, verified: Sample): void {
    const { [JOB]: jobs = 0, ...others } = verified.shape.leaves;
    const problems: string[] = [];
    if (jobs !== size.clusters * size.serviceAccounts) {
        problems.push(`${jobs} Jobs, not one per cluster and service account`);
    }
    if (!isDeepStrictEqual(others, component.shape.leaves)) {
        problems.push(
            `other leaves differ:\n  a ${JSON.stringify(component.shape.leaves)}\n  verified ${JSON.stringify(others)}`,
        );
    }
    if (!isDeepStrictEqual(verified.shape.invokes, component.shape.invokes)) {
        problems.push("invokes differ");
    }
    if (problems.length > 0) {
        throw new Error(`at ${label(size)} verify is not measured alone: ${problems.join("; ")}`);
    }
}

export function verifiedResult(
    samples: Sample[],
    component: { wallMs: number; cpuMs: number; peakRssMb: number },
): VerifiedResult {
    const wallMs = median(samples.map((s) => s.wallMs));
    const cpuMs = median(samples.map((s) => s.cpuMs));
    const peakRssMb = median(samples.map((s) => s.peakRssMb));
    return {
        wallMs,
        cpuMs,
        peakRssMb,
        resources: samples[0].shape.resources,
        jobs: samples[0].shape.leaves[JOB] ?? 0,
        ratios: {
            wall: wallMs / component.wallMs,
            cpu: cpuMs / component.cpuMs,
            peakRss: peakRssMb / component.peakRssMb,
        },
    };
}

/** The table of verify's cost: one row per size that measured it. */
export function verifiedRows(
    sizes: {
        size: string;
        component: { wallMs: number; cpuMs: number; peakRssMb: number };
        verified?: VerifiedResult;
    }[],
): { header: string[]; rows: string[][] } {
    const s = (ms: number) => (ms / 1000).toFixed(2);
    return {
        header: [
            "size",
            "Jobs",
            "a (s)",
            "verify (s)",
            "verify/a",
            "cpu a (s)",
            "cpu verify (s)",
            "verify/a",
            "peak a (MB)",
            "peak verify (MB)",
            "verify/a",
        ],
        rows: sizes.flatMap((r) =>
            r.verified
                ? [
                      [
                          r.size,
                          String(r.verified.jobs),
                          s(r.component.wallMs),
                          s(r.verified.wallMs),
                          r.verified.ratios.wall.toFixed(2),
                          s(r.component.cpuMs),
                          s(r.verified.cpuMs),
                          r.verified.ratios.cpu.toFixed(2),
                          r.component.peakRssMb.toFixed(0),
                          r.verified.peakRssMb.toFixed(0),
                          r.verified.ratios.peakRss.toFixed(2),
                      ],
                  ]
                : [],
        ),
    };
}
