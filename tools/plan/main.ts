/**
 * `npm run plan`: previews a Pulumi project offline under the mock cloud and prints what it
 * would create, what a reviewer checks, and the policy pack's results.
 */
import * as fs from "fs";
import { PACKAGE_ROOT, ProgramError } from "../mock-engine";
import { parseArgs, usage, UsageError } from "./args";
import { planDocument } from "./document";
import { describeErrors } from "./errors";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { loadPolicyPack, NO_POLICY_SDK, notEvaluated } from "./policyPack";
import { PHASES, Phases, phaseTimer } from "./phases";
import { startProgress } from "./progress";
import { evaluate } from "./run";
import { plainStackTraces } from "./stackTraces";
import { renderText } from "./text";

/** Exit statuses of a plan. */
export const EXIT = { clean: 0, mandatoryViolation: 1, error: 2 } as const;

/** Where a plan writes, and where it was started. */
export interface PlanIO {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Show progress on stderr for long runs. */
    stderrIsTTY: boolean;
    /** Relative paths on the command line are taken from here. */
    cwd: string;
    /** Told how long each phase of a finished plan took (the benchmark listens). */
    onPhases?(phases: Phases): void;
    /** The project planned when none is named. Default: this repository's root project. */
    defaultProjectDir?: string;
    /** How the user started the plan, for the help text. Default: `npm run plan --`. */
    command?: string;
}

/** The process's own streams; `npm run` keeps the directory it was started in as INIT_CWD. */
export function processIO(): PlanIO {
    return {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stderrIsTTY: process.stderr.isTTY === true,
        cwd: process.env.INIT_CWD ?? process.cwd(),
    };
}

/** Runs a plan; resolves to its exit status. */
export async function main(argv: string[], io: PlanIO = processIO()): Promise<number> {
    let verbose = argv.includes("--verbose");
    const fail = (error: unknown): number => {
        const errors = error instanceof ProgramError ? error.errors : [error];
        for (const text of describeErrors(errors, verbose)) {
            io.stderr(`plan: error: ${text}\n`);
        }
        return EXIT.error;
    };
    // Stack traces keep their TypeScript positions only where they are printed: --verbose.
    const restoreStackTraces = plainStackTraces(verbose);
    try {
        const args = parseArgs(argv, io.cwd, io.defaultProjectDir ?? PACKAGE_ROOT);
        verbose = args.verbose;
        if (args.help) {
            io.stdout(usage(io.command) + "\n");
            return EXIT.clean;
        }
        const pack = loadPolicyPack();
        if (args.policyConfig && !pack) {
            throw new UsageError(`--policy-config: ${NO_POLICY_SDK}`);
        }
        const policyConfig = args.policyConfig ? pack?.readConfig(args.policyConfig) : undefined;
        const timer = phaseTimer();
        const progress = startProgress((text) => io.stderr(text), io.stderrIsTTY);
        let evaluation;
        try {
            evaluation = await evaluate(args.projectDir, {
                stack: args.stack,
                fixtureFile: args.fixture,
                onResource: () => progress.count(),
            });
        } finally {
            progress.stop();
        }
        timer.end("evaluate");
        const report = pack
            ? await pack.evaluate(evaluation.run.resources, policyConfig)
            : notEvaluated();
        timer.end("policies");
        const doc = planDocument(evaluation.run, evaluation, report);
        timer.end("review");
        const output = args.json
            ? renderJson(doc)
            : args.markdown
              ? renderMarkdown(doc)
              : renderText(doc);
        if (args.out) {
            fs.writeFileSync(args.out, output);
            io.stdout(
                `plan written to ${args.out}: ${doc.summary.resources} resources, ${doc.summary.status}\n`,
            );
        } else {
            io.stdout(output);
        }
        const phases = timer.end("render");
        io.onPhases?.(phases);
        if (verbose) {
            const each = PHASES.map((phase) => `${phase} ${phases[phase]} ms`).join(", ");
            io.stderr(`plan: ${doc.summary.resources} resources in ${phases.total} ms (${each})\n`);
        }
        return doc.summary.status === "clean" ? EXIT.clean : EXIT.mandatoryViolation;
    } catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`plan: ${error.message}\n\n${usage(io.command)}\n`);
            return EXIT.error;
        }
        return fail(error);
    } finally {
        restoreStackTraces();
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((status) => {
        process.exitCode = status;
    });
}
