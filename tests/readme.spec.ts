import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { documentationSnippets, writeSnippets } from "../tools/readme/snippets";
import { programOf } from "../tools/mock-engine";
import { record } from "./harness";

const ROOT = path.join(__dirname, "..");

/** A test file (docs/testing.md) rather than a program: it declares mocha suites. */
function isTestFile(code: string): boolean {
    return /^describe\(/m.test(code);
}

// `npm run typecheck` type-checks the same files (its pretypecheck step writes them).
describe("README and docs/ examples", () => {
    const written = writeSnippets();

    it("has examples to check, in the README and under docs/", () => {
        const pages = new Set(documentationSnippets().map((s) => s.page));
        assert.ok(pages.has("README.md"));
        assert.ok(
            [...pages].some((page) => page.startsWith("docs/")),
            [...pages].join(),
        );
    });

    for (const { snippet, file } of written.filter((w) => isTestFile(w.snippet.code))) {
        it(`${snippet.page} example ${snippet.index} passes as a mocha test file`, function () {
            // Loading TypeScript and the package in a new process takes seconds.
            this.timeout(120_000);
            // As a user runs it: mocha with a TypeScript loader, the package resolved through
            // node_modules (its build, as from an install), nothing of this repository's
            // .mocharc. A hang would show as the inner timeout's failure.
            const result = spawnSync(
                process.execPath,
                [
                    require.resolve("mocha/bin/mocha.js"),
                    "--no-config",
                    "--require",
                    "ts-node/register/transpile-only",
                    "--timeout",
                    "30000",
                    "--reporter",
                    "json",
                    file,
                ],
                { cwd: ROOT, encoding: "utf8" },
            );
            const report = JSON.parse(result.stdout) as {
                stats: { tests: number; passes: number };
                failures: { fullTitle: string; err: { message: string } }[];
            };
            assert.deepStrictEqual(
                report.failures.map((f) => `${f.fullTitle}: ${f.err.message}`),
                [],
            );
            assert.ok(report.stats.passes > 0 && report.stats.passes === report.stats.tests);
            assert.strictEqual(result.status, 0, result.stderr);
        });
    }

    for (const { snippet, file } of written.filter((w) => !isTestFile(w.snippet.code))) {
        it(`${snippet.page} example ${snippet.index} runs as written`, async () => {
            const program = programOf({
                dir: path.dirname(file),
                name: "readme",
                main: file,
                stack: "readme",
                config: {},
                secretKeys: [],
                fixture: undefined,
            });
            const run = await record(program);
            assert.ok(
                run.resources.some((r) => r.type.startsWith("eks-pod-identity:index:")),
                `${path.basename(file)} registers no component of this package`,
            );
        });
    }
});
