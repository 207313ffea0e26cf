/**
 * One measurement: evaluates one program at one fleet size in this process and prints a
 * JSON line (the last line of stdout) with its time, memory and what it registered. A
 * process per measurement keeps one run's heap from inflating the next one's peak.
 *
 * Usage: child.ts <component|baseline|verified|plan> <clusters>x<service accounts>
 * With BENCH_SOURCE_MAPS=1, stack traces of the programs stay source-mapped as ts-node makes
 * them. `plan` runs `npm run plan -- <fleet project> --json` as it is, in this process: what
 * it does about stack traces is part of what is measured.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../mock-engine";
import { main as plan } from "../plan/main";
import { Phases } from "../plan/phases";
import { parseSize } from "./fleet";
import { RunShape, shapeOf } from "./graph";
import { writeFleetProject } from "./planStack";
import { programOf, Variant } from "./programs";

export interface Sample {
    variant: Variant;
    size: string;
    /** Wall time of the program's evaluation, until every registration is answered. */
    wallMs: number;
    /** CPU time (user + system) of the same span. */
    cpuMs: number;
    /** Peak resident set size of the process (Node, the SDKs and the program). */
    peakRssMb: number;
    /** Resident set size before the program ran: what both variants pay anyway. */
    startRssMb: number;
    shape: RunShape;
}

/** One run of `npm run plan` on the fleet as a stack of the root project. */
export interface PlanSample {
    size: string;
    /** Wall time of the plan, from its command line to its written document. */
    wallMs: number;
    /** CPU time (user + system) of the same span. */
    cpuMs: number;
    /** Peak resident set size of the process. */
    peakRssMb: number;
    /** Resident set size before the plan ran. */
    startRssMb: number;
    /** Wall time of the whole process, start-up (Node, ts-node, module loading) included. */
    processMs: number;
    /** The plan's own phases, as `--verbose` prints them. */
    phases: Phases;
    /** Resources in the plan. */
    resources: number;
    /** The plan's exit status (0: clean). */
    status: number;
}

const MB = 1024 * 1024;

/** The SDKs load their modules lazily; loading them first keeps that out of every measured span. */
function loadSdks(): void {
    void [aws.Provider, aws.s3.Bucket, aws.iam.Role, aws.iam.RolePolicy];
    void [aws.iam.RolePolicyAttachment];
    void [aws.eks.Addon, aws.eks.PodIdentityAssociation, aws.eks.getClusterOutput];
    void [k8s.Provider, k8s.core.v1.Namespace, k8s.core.v1.ServiceAccount, k8s.batch.v1.Job];
}

async function measurePlan(sizeText: string): Promise<PlanSample> {
    const project = writeFleetProject(parseSize(sizeText));
    const out = path.join(project, "plan.json");
    loadSdks();
    let phases: Phases | undefined;
    let stderr = "";
    const startRss = process.memoryUsage().rss;
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    const status = await plan([project, "--json", "--out", out], {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        stderrIsTTY: false,
        cwd: process.cwd(),
        onPhases: (measured) => (phases = measured),
    });
    const wallNs = process.hrtime.bigint() - started;
    const cpu = process.cpuUsage(cpuStart);
    if (status > 1 || !phases) {
        throw new Error(`the plan of ${sizeText} failed (exit ${status}):\n${stderr}`);
    }
    const resources = (JSON.parse(fs.readFileSync(out, "utf8")) as { resources: unknown[] })
        .resources.length;
    fs.rmSync(project, { recursive: true, force: true });
    return {
        size: sizeText,
        wallMs: Number(wallNs) / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
        startRssMb: startRss / MB,
        processMs: performance.now(),
        phases,
        resources,
        status,
    };
}

async function measure(variant: Variant, sizeText: string): Promise<Sample> {
    const program = programOf(variant, parseSize(sizeText));
    loadSdks();

    const startRss = process.memoryUsage().rss;
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    const run = await runProgram(program);
    const wallNs = process.hrtime.bigint() - started;
    const cpu = process.cpuUsage(cpuStart);
    return {
        variant,
        size: sizeText,
        wallMs: Number(wallNs) / 1e6,
        cpuMs: (cpu.user + cpu.system) / 1000,
        // maxRSS is in kilobytes.
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
        startRssMb: startRss / MB,
        shape: shapeOf(run.resources, run.invokes),
    };
}

async function main(): Promise<void> {
    const [variant, sizeText] = process.argv.slice(2);
    if (variant === "plan") {
        process.stdout.write(`${JSON.stringify(await measurePlan(sizeText ?? ""))}\n`);
        return;
    }
    if (variant !== "component" && variant !== "baseline" && variant !== "verified") {
        throw new Error(`variant ${variant}: expected component, baseline, verified or plan`);
    }
    if (process.env.BENCH_SOURCE_MAPS !== "1") {
        // ts-node maps every stack trace back to TypeScript, and the SDK takes one for every
        // resource and every promise it tracks: that formatting would be most of the run
        // time, in both programs alike. V8's own formatting is what a compiled program pays.
        delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    }
    process.stdout.write(`${JSON.stringify(await measure(variant, sizeText ?? ""))}\n`);
}

main().catch((error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${text}\n`);
    process.exit(1);
});
