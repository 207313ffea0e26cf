/**
 * One measurement: evaluates one program at one fleet size in this process and prints a
 * JSON line (the last line of stdout) with its time, memory and what it registered. A
 * process per measurement keeps one run's heap from inflating the next one's peak.
 *
 * Usage: child.ts <component|baseline> <clusters>x<service accounts>
 * With BENCH_SOURCE_MAPS=1, stack traces stay source-mapped as ts-node makes them.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { runProgram } from "../mock-engine";
import { parseSize } from "./fleet";
import { RunShape, shapeOf } from "./graph";
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

const MB = 1024 * 1024;

async function measure(variant: Variant, sizeText: string): Promise<Sample> {
    const program = programOf(variant, parseSize(sizeText));
    // The SDKs load their modules lazily; loading them now keeps module loading, which both
    // programs pay alike, out of the measured span.
    void [aws.Provider, aws.s3.Bucket, aws.iam.Role, aws.iam.RolePolicy];
    void [aws.iam.RolePolicyAttachment];
    void [aws.eks.Addon, aws.eks.PodIdentityAssociation, aws.eks.getClusterOutput];
    void [k8s.Provider, k8s.core.v1.Namespace, k8s.core.v1.ServiceAccount];

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
    if (variant !== "component" && variant !== "baseline") {
        throw new Error(`variant ${variant}: expected component or baseline`);
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
