// Heap retained after the run, by constructor (a or b), with a forced GC.
import * as v8 from "v8";
import { runProgram } from "../tools/mock-engine";
import { programOf, Variant } from "../tools/bench/programs";
import { parseSize } from "../tools/bench/fleet";
const [variant, size] = process.argv.slice(2);
void (async () => {
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    const threshold = Number(process.env.SNAP_AT ?? "0") * 1e6;
    let snapped = false;
    const program = programOf(variant as Variant, parseSize(size));
    let peakHeap = 0;
    const timer = setInterval(() => {
        const used = process.memoryUsage().heapUsed;
        peakHeap = Math.max(peakHeap, used);
        if (threshold && !snapped && used > threshold) {
            snapped = true;
            v8.writeHeapSnapshot(`/tmp/model-scratch/prof/${variant}-peak.heapsnapshot`);
        }
    }, 20);
    await runProgram(program, { project: "bench", stack: "bench" } as never);
    clearInterval(timer);
    (global as unknown as { gc: () => void }).gc();
    console.log(variant, "heapUsed after", Math.round(process.memoryUsage().heapUsed / 1e6), "MB; sampled peak heap", Math.round(peakHeap / 1e6), "MB; maxRSS", Math.round(process.resourceUsage().maxRSS / 1024));
    if (process.env.SNAP) v8.writeHeapSnapshot(`/tmp/model-scratch/prof/${variant}.heapsnapshot`);
})();
