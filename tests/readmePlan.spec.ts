import * as assert from "assert";
import { sectionOf } from "../tools/docs/generatedSection";
import { excerptOf, pageOf, PLAN_SECTIONS, PlanRun, runPlan } from "../tools/docs/planExcerpt";

describe("Plan outputs in the README and docs/plan.md", () => {
    const runs = new Map<string, PlanRun>();
    before(async () => {
        for (const section of PLAN_SECTIONS) {
            const key = section.argv.join(" ");
            if (!runs.has(key)) {
                runs.set(key, await runPlan(section.argv));
            }
        }
    });

    for (const section of PLAN_SECTIONS) {
        it(`${section.page} ${section.begin.slice(5, section.begin.indexOf(":"))}: what npm run plan -- ${section.argv.join(" ")} prints now (npm run docs:plan updates it)`, () => {
            const run = runs.get(section.argv.join(" "));
            assert.ok(run);
            assert.strictEqual(sectionOf(pageOf(section), section), section.cut(run.text));
        });
    }

    it("the README's excerpt shows the plan's own count and verdict, and only lines it printed", () => {
        const plan = runs.get("")?.text ?? "";
        const excerpt = excerptOf(plan);
        const count = /^Resources \((\d+) to create\)$/m.exec(plan)?.[1];
        assert.ok(count, "the plan prints a resource count");
        assert.match(excerpt, new RegExp(`^Resources \\(${count} to create\\)$`, "m"));
        assert.match(excerpt, /^Result: clean/m);
        const printed = new Set(plan.split("\n"));
        const body = excerpt.split("\n").slice(1, -1);
        assert.deepStrictEqual(
            body.filter((line) => line !== "" && line !== "  ..." && !printed.has(line)),
            [],
        );
    });

    it("the violation's verdict is what blocks pulumi up: exit 1", () => {
        const violation = PLAN_SECTIONS.find((s) => s.argv.length > 0);
        const run = runs.get(violation?.argv.join(" ") ?? "");
        assert.strictEqual(run?.status, 1);
        assert.match(violation?.cut(run.text) ?? "", /^Result: 1 mandatory policy violation/m);
    });
});
