/**
 * Every rule of the pack, the offline runner and the plan's review do work in proportion to
 * the stack (issue 19): each runs on a stack of 5,000 resources and on one a tenth of that,
 * and the work, counted rather than timed (tests/operationCount.ts), may grow at most 1.5
 * times as fast as the stack. A rule that walks the stack once per resource grows with the
 * square: ten times the stack, a hundred times the work.
 *
 * The rules run twice: through the offline runner (policy/offline.ts), and through the
 * policy runtime's own request handlers (`makeAnalyzeRpcFun` and `makeAnalyzeStackRpcFun` of
 * @pulumi/policy/server.js, which `pulumi preview --policy-pack` serves over gRPC), called
 * in this process with the requests the engine would send, so that the counting sees them.
 */
import * as assert from "assert";
import { Policy, PolicyPackConfig } from "@pulumi/policy";
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { runPolicies } from "../policy/offline";
import { policies } from "../policy/rules";
import { RecordedResource } from "../tools/mock-engine";
import { planDocument } from "../tools/plan/document";
import { noFindings } from "../tools/plan/policies";
import { largeStack, unitSize } from "./largeStack";
import { countOperations } from "./operationCount";
import { analyzerRequests } from "./policyServer";

const LARGE = 5000;
/** How much faster than the stack the work may grow. */
const SLACK = 1.5;

type Handler<Req> = (
    call: { request: Req },
    callback: (error: Error | undefined, response: proto.AnalyzeResponse) => void,
) => unknown;
// Internal to @pulumi/policy (marked @internal there), hence untyped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(...args: unknown[]): Handler<proto.AnalyzeRequest>;
    makeAnalyzeStackRpcFun(...args: unknown[]): Handler<proto.AnalyzeStackRequest>;
};

function handle<Req>(handler: Handler<Req>, request: Req): Promise<proto.AnalyzeResponse> {
    return new Promise((resolve, reject) => {
        void handler({ request }, (error, response) => (error ? reject(error) : resolve(response)));
    });
}

/** A rule as it would run, never disabled (a rule off by default must be linear too). */
function enabled(policy: Policy): Policy {
    return policy.enforcementLevel === "disabled"
        ? { ...policy, enforcementLevel: "advisory" }
        : policy;
}

interface Stacks {
    small: RecordedResource[];
    large: RecordedResource[];
    runtime: {
        small: ReturnType<typeof analyzerRequests>;
        large: ReturnType<typeof analyzerRequests>;
    };
}

/** Asserts that `work` on the large stack costs at most SLACK times its share of the small. */
async function assertLinear(
    stacks: Stacks,
    what: string,
    work: (size: "small" | "large") => Promise<unknown>,
): Promise<void> {
    const small = await countOperations(() => work("small"));
    const large = await countOperations(() => work("large"));
    const growth = stacks.large.length / stacks.small.length;
    const ratio = large.operations / Math.max(small.operations, 1);
    assert.ok(
        ratio <= growth * SLACK,
        `${what}: ${small.operations} operations on ${stacks.small.length} resources, ` +
            `${large.operations} on ${stacks.large.length}: ${ratio.toFixed(1)} times the work ` +
            `for ${growth.toFixed(1)} times the stack`,
    );
}

describe("linear in the size of the stack (5,000 resources against 500)", function () {
    this.timeout(300_000);
    const stacks = {} as Stacks;

    before(async () => {
        // Shared resources (the stack, default providers) appear once; the rest per copy.
        const perCopy = (await largeStack(2)).length - (await unitSize());
        const copies = Math.ceil((LARGE - (await unitSize()) + perCopy) / perCopy);
        stacks.large = await largeStack(copies);
        stacks.small = await largeStack(Math.round(copies / 10));
        stacks.runtime = {
            small: analyzerRequests(stacks.small),
            large: analyzerRequests(stacks.large),
        };
        assert.ok(stacks.large.length >= LARGE, `${stacks.large.length} resources`);
    });

    for (const policy of policies) {
        it(`${policy.name}, offline`, async () => {
            const config: PolicyPackConfig = { [policy.name]: "advisory" };
            await assertLinear(stacks, policy.name, (size) =>
                runPolicies(stacks[size], { policies: [policy], config }),
            );
        });

        it(`${policy.name}, under the policy runtime`, async () => {
            const pack = [enabled(policy)];
            const analyze = server.makeAnalyzeRpcFun("linear", "0.0.0", "advisory", pack);
            const analyzeStack = server.makeAnalyzeStackRpcFun("linear", "0.0.0", "advisory", pack);
            await assertLinear(stacks, policy.name, async (size) => {
                const requests = stacks.runtime[size];
                for (const [, request] of requests.resources) {
                    await handle(analyze, request);
                }
                await handle(analyzeStack, requests.stack);
            });
        });
    }

    it("the offline runner with the whole pack", async () => {
        await assertLinear(stacks, "runPolicies", (size) => runPolicies(stacks[size]));
    });

    it("the plan's document and review", async () => {
        const report = { evaluated: true, policies: [], findings: noFindings() };
        await assertLinear(stacks, "planDocument", (size) =>
            Promise.resolve().then(() =>
                planDocument(
                    { resources: stacks[size], invokes: [], logs: [], outputs: undefined as never },
                    { project: "project", stack: "test", fixture: {} },
                    report,
                ),
            ),
        );
    });
});
