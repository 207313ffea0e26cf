/**
 * `npm run bench`: the cost of a fleet through PodIdentity (a) against the same resources
 * written by hand (b), under the mock engine, for fleets of 20x20 to 100x20 (clusters x
 * service accounts); and the cost of `npm run plan` on the same fleet written as a stack of
 * the root project, against (a). Every run is a child process of its own; a, b and the plan
 * alternate.
 *
 * Options: --json (the result as JSON on stdout instead of the tables), --out <file> (also
 * write the JSON there), --reps <n> (runs per variant and size, default 3), --sizes
 * <list> (e.g. 20x20,40x20), --source-maps (keep ts-node's source-mapped stack traces),
 * --no-plan (leave the plan out), --no-verify (leave out a with `verify` on), --strict (exit
 * 1 when a target is missed).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { PlanSample, Sample } from "./child";
import { FleetSize, label, parseSize, SIZES } from "./fleet";
import { Variant } from "./programs";
import { planResult } from "./planReport";
import { BenchResult, growthOf, machine, render, sizeResult, SizeResult, targets } from "./report";
import { assertVerifiedShape, verifiedResult } from "./verified";

interface Options {
    json: boolean;
    out?: string;
    repetitions: number;
    sizes: FleetSize[];
    sourceMaps: boolean;
    plan: boolean;
    verify: boolean;
    strict: boolean;
}

function parseOptions(argv: string[]): Options {
    const options: Options = {
        json: false,
        repetitions: 3,
        sizes: SIZES,
        sourceMaps: false,
        plan: true,
        verify: true,
        strict: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const value = () => {
            const next = argv[++i];
            if (next === undefined) {
                throw new Error(`${argv[i - 1]} needs a value`);
            }
            return next;
        };
        switch (argv[i]) {
            case "--json":
                options.json = true;
                break;
            case "--out":
                options.out = value();
                break;
            case "--reps":
                options.repetitions = Number(value());
                if (!Number.isInteger(options.repetitions) || options.repetitions < 1) {
                    throw new Error("--reps needs a positive whole number");
                }
                break;
            case "--sizes":
                options.sizes = value().split(",").map(parseSize);
                break;
            case "--source-maps":
                options.sourceMaps = true;
                break;
            case "--no-plan":
                options.plan = false;
                break;
            case "--no-verify":
                options.verify = false;
                break;
            case "--strict":
                options.strict = true;
                break;
            default:
                throw new Error(`unknown option ${argv[i]}`);
        }
    }
    return options;
}

const CHILD = path.join(__dirname, "child.ts");

function runChild(variant: "plan", size: FleetSize, sourceMaps: boolean): PlanSample;
function runChild(variant: Variant, size: FleetSize, sourceMaps: boolean): Sample;
function runChild(
    variant: Variant | "plan",
    size: FleetSize,
    sourceMaps: boolean,
): Sample | PlanSample {
    const child = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", CHILD, variant, label(size)],
        {
            cwd: path.join(__dirname, "..", ".."),
            env: { ...process.env, BENCH_SOURCE_MAPS: sourceMaps ? "1" : "0" },
            encoding: "utf8",
            maxBuffer: 16 * 1024 * 1024,
        },
    );
    const last = child.stdout.trim().split("\n").pop() ?? "";
    if (child.status !== 0 || !last.startsWith("{")) {
        throw new Error(
            `${variant} ${label(size)} failed (exit ${child.status}):\n${child.stderr}`,
        );
    }
    return JSON.parse(last) as Sample | PlanSample;
}

/**
 * Both programs must have asked for the same leaf resources (types, counts, names, inputs)
 * and made the same invokes, or the comparison means nothing.
 */
function assertSameLeaves(size: FleetSize, a: Sample, b: Sample): void {
    const problems: string[] = [];
    if (!isDeepStrictEqual(a.shape.leaves, b.shape.leaves)) {
        problems.push(
            `leaf resources differ:\n  a ${JSON.stringify(a.shape.leaves)}\n  b ${JSON.stringify(b.shape.leaves)}`,
        );
    } else if (a.shape.leafDigest !== b.shape.leafDigest) {
        problems.push("leaf resources have the same types and counts but other names or inputs");
    }
    if (!isDeepStrictEqual(a.shape.invokes, b.shape.invokes)) {
        problems.push(
            `invokes differ:\n  a ${JSON.stringify(a.shape.invokes)}\n  b ${JSON.stringify(b.shape.invokes)}`,
        );
    }
    if (problems.length > 0) {
        throw new Error(`at ${label(size)} the comparison is not fair: ${problems.join("\n")}`);
    }
}

function measureSize(size: FleetSize, options: Options): SizeResult {
    const samples: Record<Variant, Sample[]> = { component: [], baseline: [], verified: [] };
    const plans: PlanSample[] = [];
    const show = (name: string, sample: { wallMs: number; peakRssMb: number }) =>
        process.stderr.write(
            `  ${label(size).padEnd(7)} ${name.padEnd(9)} ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.peakRssMb.toFixed(0)} MB\n`,
        );
    for (let rep = 0; rep < options.repetitions; rep++) {
        // a b plan, plan b a, a b plan ...: drift over the run (thermal, other load) hits
        // all alike.
        const order: (Variant | "plan")[] = [
            "component",
            "baseline",
            ...(options.verify ? (["verified"] as const) : []),
            ...(options.plan ? (["plan"] as const) : []),
        ];
        for (const variant of rep % 2 === 0 ? order : [...order].reverse()) {
            if (variant === "plan") {
                const sample = runChild(variant, size, options.sourceMaps);
                plans.push(sample);
                show(variant, sample);
            } else {
                const sample = runChild(variant, size, options.sourceMaps);
                samples[variant].push(sample);
                show(variant, sample);
            }
        }
    }
    for (const a of samples.component) {
        for (const b of samples.baseline) {
            assertSameLeaves(size, a, b);
        }
    }
    for (const verified of samples.verified) {
        assertVerifiedShape(size, samples.component[0], verified);
    }
    const result = sizeResult({ ...size, label: label(size) }, samples.component, samples.baseline);
    return {
        ...result,
        ...(plans.length > 0 ? { plan: planResult(plans, result.component) } : {}),
        ...(samples.verified.length > 0
            ? { verified: verifiedResult(samples.verified, result.component) }
            : {}),
    };
}

function main(): void {
    const options = parseOptions(process.argv.slice(2));
    const started = Date.now();
    process.stderr.write(
        `bench: ${options.sizes.map(label).join(", ")}, ${options.repetitions} runs of a and b each\n`,
    );
    const sizes = options.sizes.map((size) => measureSize(size, options));
    const growth = growthOf(sizes);
    const result: BenchResult = {
        machine: machine(),
        options: { repetitions: options.repetitions, sourceMaps: options.sourceMaps },
        sizes,
        growth,
        targets: targets(sizes, growth),
        elapsedS: (Date.now() - started) / 1000,
    };
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (options.out) {
        fs.writeFileSync(options.out, json);
    }
    process.stdout.write(options.json ? json : `${render(result)}\n`);
    if (options.strict && result.targets.some((t) => !t.pass)) {
        process.exitCode = 1;
    }
}

try {
    main();
} catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}
