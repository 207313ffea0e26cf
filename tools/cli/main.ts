#!/usr/bin/env node
/**
 * `eks-pod-identity`, the package's command (package.json `bin`): `plan` previews a Pulumi
 * project offline with the policy pack's results, `migrate` turns a stack export's IRSA setup
 * into a Pod Identity plan. This repository's `npm run plan` and `npm run migrate` run this
 * same file (from source, under ts-node).
 */
import * as fs from "fs";
import * as path from "path";

/** Where the command reads, writes and was started. */
export interface CliIO {
    stdout(text: string): void;
    stderr(text: string): void;
    stderrIsTTY: boolean;
    /** Relative paths are taken from here; it is also the project planned when none is named. */
    cwd: string;
}

const COMMAND = "eks-pod-identity";
/** Running from source means running in this repository, through `npm run <script>`. */
const FROM_SOURCE = __filename.endsWith(".ts");

export const USAGE = `Usage: ${COMMAND} <command> [options]

Commands:
  plan [<project dir>] [options]    preview a Pulumi project offline, under a mock cloud: what
                                    it would create, and the policy pack's results
  migrate <stack export> [options]  from IRSA to EKS Pod Identity: a plan read from
                                    \`pulumi stack export\`
  --version                         the package's version

\`${COMMAND} <command> --help\` lists a command's options.`;

/** Runs the command line (without node and the script); resolves to the exit status. */
export async function cli(argv: string[], io: CliIO): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "plan":
            return plan(rest, io);
        case "migrate":
            return migrate(rest, io);
        case "--version":
        case "-v":
            io.stdout(`${packageVersion()}\n`);
            return 0;
        case "--help":
        case "-h":
        case "help":
            io.stdout(`${USAGE}\n`);
            return 0;
        default:
            io.stderr(
                `${COMMAND}: ${command === undefined ? "name a command" : `unknown command ${command}`}\n\n${USAGE}\n`,
            );
            return 2;
    }
}

async function plan(argv: string[], io: CliIO): Promise<number> {
    // Only the argument parser and the project helpers load before the project's SDK is in
    // place: nothing that imports @pulumi/pulumi.
    const { parseArgs } = await import("../plan/args");
    let projectDir = io.cwd;
    try {
        projectDir = parseArgs(argv, io.cwd, io.cwd).projectDir;
    } catch {
        // A wrong command line: the plan itself reports it, with its usage.
    }
    const { shareProjectSdk } = await import("./projectSdk");
    const { registerTypeScript } = await import("./typescript");
    const { PACKAGE_ROOT } = await import("../mock-engine/project");
    shareProjectSdk(projectDir, PACKAGE_ROOT);
    if (fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) {
        registerTypeScript(projectDir);
        // Pulumi runs a program in its project's directory; paths on the command line stay
        // relative to where the command was started (io.cwd).
        process.chdir(projectDir);
    }
    const { main } = await import("../plan/main");
    return main(argv, {
        ...io,
        defaultProjectDir: io.cwd,
        command: FROM_SOURCE ? undefined : `${COMMAND} plan`,
    });
}

async function migrate(argv: string[], io: CliIO): Promise<number> {
    const { runMigrate } = await import("../migrate");
    return runMigrate(argv, {
        ...io,
        readFile: (file) => fs.readFileSync(path.resolve(io.cwd, file), "utf8"),
        writeFile: (file, text) => fs.writeFileSync(path.resolve(io.cwd, file), text),
        command: FROM_SOURCE ? undefined : `${COMMAND} migrate`,
    });
}

function packageVersion(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "package.json"))) {
        dir = path.dirname(dir);
    }
    return (
        JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }
    ).version;
}

/** The process's own streams and the directory the user typed the command in. */
export function processIO(): CliIO {
    return {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stderrIsTTY: process.stderr.isTTY === true,
        // This repository's `npm run` starts scripts in the package root; INIT_CWD is where the
        // user typed the command. Installed, the command works where it is started, as any.
        cwd: (FROM_SOURCE ? process.env.INIT_CWD : undefined) ?? process.cwd(),
    };
}

if (require.main === module) {
    void cli(process.argv.slice(2), processIO()).then((status) => {
        process.exitCode = status;
    });
}
