import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../tools/mock-engine";
import { parseArgs } from "../tools/plan/args";
import { COMMENT_MARKER } from "../tools/plan/markdown";

const WORKFLOW = path.join(PACKAGE_ROOT, "examples", "github-actions", "pod-identity-plan.yml");

interface Step {
    name?: string;
    id?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    "continue-on-error"?: unknown;
}

interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[]; "continue-on-error"?: unknown }>;
}

const workflow = yaml.load(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;
const packageJson = JSON.parse(
    fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"),
) as {
    scripts: Record<string, string>;
    bin?: Record<string, string>;
};
const [job] = Object.values(workflow.jobs);
const steps = job.steps;

/** The index of the one step matching `test`. */
function stepIndex(what: string, test: (step: Step) => boolean): number {
    const found = steps.flatMap((step, index) => (test(step) ? [index] : []));
    assert.strictEqual(found.length, 1, `one step ${what}, found ${found.length}`);
    return found[0];
}

/** The plan command of the plan step, as arguments after the command name. */
function planCommand(run: string): { command: string; argv: string[] } {
    for (const line of run.split("\n").map((l) => l.trim())) {
        const npmRun = /^npm run plan -- (.*)$/.exec(line);
        if (npmRun) return { command: "npm run plan --", argv: npmRun[1].split(/\s+/) };
        const bin = /^npx eks-pod-identity plan (.*)$/.exec(line);
        if (bin) return { command: "npx eks-pod-identity plan", argv: bin[1].split(/\s+/) };
    }
    assert.fail(`no plan command in:\n${run}`);
}

/** Runs a step's script as GitHub runs `run:` on Linux (`bash -e`), with a stub `npm`/`npx`. */
function runStep(step: Step, stubExit: number, outputs = ""): { status: number; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-"));
    try {
        for (const tool of ["npm", "npx"]) {
            fs.writeFileSync(path.join(dir, tool), `#!/bin/sh\nexit ${stubExit}\n`, {
                mode: 0o755,
            });
        }
        const outputFile = path.join(dir, "output");
        fs.writeFileSync(outputFile, outputs);
        const env = Object.fromEntries(
            Object.entries(step.env ?? {}).map(([key, value]) => [
                key,
                value.replace(/\$\{\{\s*steps\.plan\.outputs\.exit-code\s*\}\}/, String(stubExit)),
            ]),
        );
        const result = spawnSync("bash", ["-e", "-c", step.run ?? ""], {
            cwd: dir,
            encoding: "utf8",
            env: {
                ...process.env,
                ...env,
                PATH: `${dir}:${process.env.PATH}`,
                GITHUB_OUTPUT: outputFile,
            },
        });
        return { status: result.status ?? -1, output: fs.readFileSync(outputFile, "utf8") };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("examples/github-actions/pod-identity-plan.yml", () => {
    const checkout = stepIndex(
        "checking out",
        (s) => s.uses?.startsWith("actions/checkout@") === true,
    );
    const setupNode = stepIndex(
        "setting up Node",
        (s) => s.uses?.startsWith("actions/setup-node@") === true,
    );
    const install = stepIndex("running npm ci", (s) => s.run?.trim() === "npm ci");
    const plan = stepIndex("running the plan", (s) => /\bplan\b.*--markdown/.test(s.run ?? ""));
    const comment = stepIndex(
        "commenting",
        (s) => s.uses?.startsWith("actions/github-script@") === true,
    );
    const failing = stepIndex(
        "failing the check",
        (s) => /\bexit\b/.test(s.run ?? "") && s !== steps[plan],
    );

    it("runs on pull requests, with permission to write the pull request's comments", () => {
        assert.ok("pull_request" in workflow.on, "trigger pull_request");
        assert.strictEqual(workflow.permissions["pull-requests"], "write");
    });

    it("checks out, sets up Node 22 with the npm cache, installs, plans, comments, then fails", () => {
        assert.deepStrictEqual(
            [checkout, setupNode, install, plan, comment, failing],
            [...[checkout, setupNode, install, plan, comment, failing]].sort((a, b) => a - b),
        );
        assert.strictEqual(failing, steps.length - 1, "the failing step is the last");
        assert.strictEqual(steps[checkout].uses, "actions/checkout@v4");
        assert.strictEqual(steps[setupNode].uses, "actions/setup-node@v4");
        assert.strictEqual(String(steps[setupNode].with?.["node-version"]), "22");
        assert.strictEqual(steps[setupNode].with?.cache, "npm");
        for (const step of steps.filter((s) => s.uses)) {
            assert.match(step.uses!, /@v\d+$/, `${step.uses} pinned to a major version`);
        }
    });

    it("calls a plan command this package has, with options the plan accepts", () => {
        const { command, argv } = planCommand(steps[plan].run!);
        if (command === "npm run plan --") {
            assert.ok(packageJson.scripts.plan, "package.json has the plan script");
        } else {
            assert.ok(
                packageJson.bin?.["eks-pod-identity"],
                "package.json has the eks-pod-identity bin",
            );
        }
        const args = parseArgs(argv, "/repo", "/repo");
        assert.strictEqual(args.markdown, true, "--markdown");
        assert.strictEqual(args.out, "/repo/plan.md", "--out plan.md, read by the comment step");
        const script = String(steps[comment].with?.script);
        assert.ok(script.includes('readFileSync("plan.md"'), "the comment step posts plan.md");
    });

    it("keeps one comment: finds its previous comment by the marker the plan starts with", () => {
        const script = String(steps[comment].with?.script);
        assert.ok(script.includes(COMMENT_MARKER), `marker ${COMMENT_MARKER}`);
        assert.match(script, /startsWith\(marker\)/);
        assert.match(script, /github\.paginate\(github\.rest\.issues\.listComments/);
        assert.match(script, /updateComment\(\{[^}]*comment_id: previous\.id/);
        assert.match(script, /if \(previous\)[\s\S]*else[\s\S]*createComment/);
    });

    it("posts the comment when the plan exits 1, then fails the job", () => {
        for (const status of [0, 1, 2]) {
            const ran = runStep(steps[plan], status);
            assert.strictEqual(ran.status, 0, `the plan step itself succeeds on exit ${status}`);
            assert.strictEqual(ran.output.trim(), `exit-code=${status}`);
        }
        assert.strictEqual(
            steps[comment].if,
            "steps.plan.outputs.exit-code == '0' || steps.plan.outputs.exit-code == '1'",
        );
        assert.strictEqual(steps[failing].if, "steps.plan.outputs.exit-code != '0'");
        assert.strictEqual(runStep(steps[failing], 1).status, 1, "exit 1 fails the job");
        assert.strictEqual(runStep(steps[failing], 2).status, 2, "exit 2 fails the job");
        for (const step of [steps[failing], steps[comment]]) {
            assert.strictEqual(step["continue-on-error"], undefined);
        }
        assert.strictEqual(job["continue-on-error"], undefined);
    });
});
