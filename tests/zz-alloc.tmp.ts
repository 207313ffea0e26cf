// Allocation sampling (garbage included) by function, for a or b.
import * as inspector from "inspector";
import * as fs from "fs";
import { runProgram } from "../tools/mock-engine";
import { programOf, Variant } from "../tools/bench/programs";
import { parseSize } from "../tools/bench/fleet";
const [variant, size] = process.argv.slice(2);
const session = new inspector.Session();
session.connect();
const post = (method: string, params?: object) => new Promise<any>((res, rej) => session.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
void (async () => {
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    const program = programOf(variant as Variant, parseSize(size));
    await post("HeapProfiler.enable");
    await post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await runProgram(program, { project: "bench", stack: "bench" } as never);
    const { profile } = await post("HeapProfiler.stopSampling");
    const byFn = new Map<string, number>();
    const callers = new Map<string, number>();
    const walk = (node: any, stack: string[] = []) => {
        const here = `${node.callFrame.functionName || "(anon)"} ${node.callFrame.url.replace(/.*node_modules\//, "").replace("/work/wt-model/", "")}:${node.callFrame.lineNumber}`;
        if (/prepareStackTrace|mapSourcePosition|cloneCallSite/.test(here)) {
            const chain = stack.slice(-6).join(" <- ");
            callers.set(chain, (callers.get(chain) ?? 0) + node.selfSize);
        }
        node.children.forEach((c: any) => walk(c, [...stack, here]));
        const key = `${node.callFrame.functionName || "(anon)"} ${node.callFrame.url.replace(/.*node_modules\//, "").replace("/work/wt-model/", "")}:${node.callFrame.lineNumber}`;
        byFn.set(key, (byFn.get(key) ?? 0) + node.selfSize);
    };
    walk(profile.head);
    console.log([...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${Math.round(v / 1e6)} MB: ${k}`).join("\n"));
    const total = [...byFn.values()].reduce((a, b) => a + b, 0);
    console.log(variant, "total allocated (sampled) MB", Math.round(total / 1e6));
    fs.writeFileSync(`/tmp/model-scratch/prof/${variant}.json`, JSON.stringify([...byFn.entries()].sort((a, b) => b[1] - a[1])));
})();
