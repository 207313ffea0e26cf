import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

// Issue #18: a README for users, at most 350 lines, in a fixed order; reference in docs/.
describe("README outline", () => {
    it("stays at most 350 lines", () => {
        const lines = README.trimEnd().split("\n").length;
        assert.ok(lines <= 350, `README.md has ${lines} lines; move reference material to docs/`);
    });

    it("covers what a user came for, in order", () => {
        const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        const order = [
            /^Install/,
            /^Quick start/,
            /fleet/i,
            /^Cross-account/,
            /^Add-ons/,
            /^Migrating from IRSA/,
            /presets/i,
            /plan/i,
            /^Other languages/,
            /^Reference/,
        ];
        const positions = order.map((pattern) => headings.findIndex((h) => pattern.test(h)));
        const missing = order.filter((_, i) => positions[i] < 0).map(String);
        assert.deepStrictEqual(missing, [], headings.join(" | "));
        assert.deepStrictEqual(
            positions,
            [...positions].sort((a, b) => a - b),
            headings.join(" | "),
        );
    });

    it("shows how to install into a project, and the test command (.ci/run runs npm ci, npm test)", () => {
        const shell = [...README.matchAll(/^```bash\n([\s\S]*?)^```/gm)].map((m) => m[1]).join("");
        assert.match(shell, /^npm install eks-pod-identity/m);
        assert.match(shell, /^npm ci\b/m);
        assert.match(shell, /^npm test\b/m);
        const ci = fs.readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8");
        assert.match(ci, /^npm ci\nnpm test$/m);
    });
});
