/** Evaluates a project's program for a plan: as `pulumi preview`, under the mock cloud. */
import * as fs from "fs";
import * as path from "path";
import {
    MockFixture,
    MockRun,
    ProgramError,
    programOf,
    readProject,
    RecordedResource,
    runProgram,
} from "../mock-engine";
import { planFixture } from "./fixture";
import { explainStandIn, withProgramAccount } from "./standInAccount";

/** A finished evaluation. */
export interface Evaluation {
    project: string;
    stack: string;
    fixture: MockFixture;
    run: MockRun<unknown>;
}

/** The stack a plan uses when none is named: `example` when the project has it. */
export function defaultStack(projectDir: string): string | undefined {
    return fs.existsSync(path.join(projectDir, "Pulumi.example.yaml")) ? "example" : undefined;
}

/**
 * Runs the project's program with the stack's configuration as a preview: resources to be
 * created report their inputs, while their ARNs and ids stay unknown, exactly what
 * `pulumi preview` would know. Lookups are answered by the fixture.
 */
export async function evaluate(
    projectDir: string,
    options: {
        stack?: string;
        fixtureFile?: string;
        onResource?: (resource: RecordedResource) => void;
    } = {},
): Promise<Evaluation> {
    const project = readProject(projectDir, options.stack ?? defaultStack(projectDir));
    const fixture = withProgramAccount(planFixture(project, options.fixtureFile), project.config);
    try {
        const run = await runProgram(programOf(project), {
            project: project.name,
            stack: project.stack,
            preview: true,
            fixture,
            config: project.config,
            secretKeys: project.secretKeys,
            onResource: options.onResource,
        });
        return { project: project.name, stack: project.stack, fixture, run };
    } catch (error) {
        if (error instanceof ProgramError) {
            throw new ProgramError(
                error.errors.map((each) => explainStandIn(each, fixture, project.stack)),
                error.resources,
            );
        }
        throw error;
    }
}
