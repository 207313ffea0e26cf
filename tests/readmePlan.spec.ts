import * as assert from "assert";
import { sectionOf } from "../tools/docs/generatedSection";
import { excerptOf, PLAN_EXCERPT, readme, samplePlan } from "../tools/docs/planExcerpt";

describe("README plan excerpt", () => {
    let plan: { status: number; text: string };
    before(async () => {
        plan = await samplePlan();
    });

    it("is an excerpt of what `npm run plan` prints now (run `npm run docs:plan` to update it)", () => {
        assert.strictEqual(sectionOf(readme(), PLAN_EXCERPT), excerptOf(plan.text));
    });

    it("shows the plan's own resource count and verdict, and only lines the plan printed", () => {
        const excerpt = sectionOf(readme(), PLAN_EXCERPT);
        const count = /^Resources \((\d+) to create\)$/m.exec(plan.text)?.[1];
        assert.ok(count, "the plan prints a resource count");
        assert.match(excerpt, new RegExp(`^Resources \\(${count} to create\\)$`, "m"));
        assert.match(excerpt, new RegExp(`^  total +${count}$`, "m"));
        assert.strictEqual(plan.status, 0);
        assert.match(excerpt, /^Result: clean/m);
        const printed = new Set(plan.text.split("\n"));
        const body = excerpt.split("\n").slice(1, -1);
        assert.deepStrictEqual(
            body.filter((line) => line !== "" && line !== "  ..." && !printed.has(line)),
            [],
        );
    });
});
