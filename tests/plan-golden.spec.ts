/**
 * The plan's JSON, byte for byte, on the sample stacks: the golden files in
 * tests/fixtures/plan/golden were written by the plan before its performance work (issue 19),
 * so speed changed nothing a reviewer or a CI job reads. When a change is meant to alter a
 * plan (a new rule, a new input), rewrite them and review the diff:
 * `UPDATE_GOLDEN=1 npx mocha tests/plan-golden.spec.ts`.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseSize } from "../tools/bench/fleet";
import { writeFleetProject } from "../tools/bench/planStack";
import { PACKAGE_ROOT } from "../tools/mock-engine";
import { main } from "../tools/plan/main";

const GOLDEN = path.join(PACKAGE_ROOT, "tests", "fixtures", "plan", "golden");
const FIXTURES = path.join("tests", "fixtures", "plan");

/** Golden file -> the arguments of `npm run plan -- --json` that produce it. */
const SAMPLES: Record<string, string[]> = {
    root: [],
    "root-other-account": ["--fixture", path.join(FIXTURES, "other-account.yaml")],
    presets: [path.join(FIXTURES, "presets")],
    violation: [path.join(FIXTURES, "violation")],
    "violation-config": [
        path.join(FIXTURES, "violation"),
        "--policy-config",
        path.join(FIXTURES, "violation", "policy-config.json"),
    ],
    fleet: ["examples/fleet"],
    "s3-demo": ["examples/s3-demo"],
    "cross-account": ["examples/cross-account"],
    "role-stack": ["examples/multi-stack/role-stack"],
    "cluster-stack": ["examples/multi-stack/cluster-stack"],
};

async function planJson(argv: string[]): Promise<string> {
    let stdout = "";
    let stderr = "";
    const status = await main(["--json", ...argv], {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    });
    assert.ok(status <= 1, `the plan failed (exit ${status}): ${stderr}`);
    return stdout;
}

function compare(name: string, actual: string): void {
    const file = path.join(GOLDEN, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === "1") {
        fs.writeFileSync(file, actual);
        return;
    }
    // Compared as text first: byte-identical is the promise; the parsed diff only explains.
    if (actual !== fs.readFileSync(file, "utf8")) {
        assert.deepStrictEqual(
            JSON.parse(actual),
            JSON.parse(fs.readFileSync(file, "utf8")),
            `${name}: the plan differs from ${path.relative(PACKAGE_ROOT, file)} ` +
                "(if the change is intended, rewrite it with UPDATE_GOLDEN=1 and review the diff)",
        );
        assert.fail(`${name}: same document, other bytes than the golden file`);
    }
}

describe("npm run plan -- --json, byte for byte", () => {
    for (const [name, argv] of Object.entries(SAMPLES)) {
        it(`${name}: ${["npm run plan --", ...argv, "--json"].join(" ")}`, async () => {
            compare(name, await planJson(argv));
        });
    }

    it("the benchmark's fleet at 10x4, as a stack of the root project", async () => {
        const project = writeFleetProject(parseSize("10x4"));
        try {
            compare("bench-fleet-10x4", await planJson([project]));
        } finally {
            fs.rmSync(project, { recursive: true, force: true });
        }
    });
});
