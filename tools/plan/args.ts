/** The command line of `npm run plan`. */
import * as path from "path";

/** What a plan run was asked to do. */
export interface PlanArgs {
    /** The Pulumi project to plan (absolute). Default: the root project of this checkout. */
    projectDir: string;
    /** The stack whose configuration is used. Default: `example` if there is one, else the first stack file. */
    stack?: string;
    /** Print the plan as one JSON document instead of text. */
    json: boolean;
    /** Print the plan as a pull-request comment (GitHub-flavoured Markdown) instead of text. */
    markdown: boolean;
    /** Write the plan to this file (absolute) instead of stdout. */
    out?: string;
    /** A fixture file (YAML or JSON) laid over the stack's own fixture. */
    fixture?: string;
    /** A `--policy-pack-config` JSON file for the policy pack. */
    policyConfig?: string;
    /** Print stack traces with errors, and timings. */
    verbose: boolean;
    /** Print usage and stop. */
    help: boolean;
}

/** How this repository's scripts are run; the installed command is `eks-pod-identity plan`. */
export const NPM_RUN_PLAN = "npm run plan --";

/** The help text, for the command the user typed (`npm run plan --` or `eks-pod-identity plan`). */
export function usage(command: string = NPM_RUN_PLAN): string {
    if (command === NPM_RUN_PLAN) {
        return USAGE;
    }
    // The installed command plans the user's project: nothing of this repository applies.
    return USAGE.replace(/^.*\n/, `Usage: ${command} [<project dir>] [options]\n`).replace(
        REPOSITORY_DEFAULT,
        "(default: the current directory)",
    );
}

/** The repository's own default project, as the help text of `npm run plan` words it. */
const REPOSITORY_DEFAULT =
    /\(default: the current directory; in this\n\s+repository, the root project, stack "example"\)/;

export const USAGE = `Usage: npm run plan [-- [<project dir>] [options]]

Previews a Pulumi project offline, under the mock cloud: what it would create, the inputs a
reviewer checks, and the policy pack's results. No Pulumi CLI, AWS account or cluster needed.

  <project dir>       the project to plan (default: the current directory; in this
                      repository, the root project, stack "example")
  --stack <name>      use Pulumi.<name>.yaml (default: "example" if present, else the first)
  --json              print one JSON document instead of text
  --markdown          print a pull-request comment (GitHub Markdown, at most 65,536
                      characters) instead of text
  --out <file>        write the plan to <file> instead of stdout
  --fixture <file>    mock cloud answers (YAML/JSON), over the stack's x-mock section and
                      Pulumi.<stack>.mock.yaml
  --policy-config <file>
                      the policy pack's configuration, as for pulumi --policy-pack-config
  --verbose           stack traces on errors, timings on stderr
  -h, --help          this text

Exit status: 0 clean (advisory findings allowed), 1 a mandatory policy is violated,
2 the program, its configuration or these arguments are wrong.`;

/** Wrong command line: reported with the usage, exit status 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

const VALUE_FLAGS = ["--stack", "--out", "--fixture", "--policy-config"] as const;
const SWITCHES = ["--json", "--markdown", "--verbose", "--help", "-h"] as const;

/**
 * Parses the arguments after `npm run plan --`. Relative paths are taken from `cwd` (the
 * directory `npm run` was started in).
 */
export function parseArgs(argv: string[], cwd: string, rootDir: string): PlanArgs {
    const args: PlanArgs = {
        projectDir: rootDir,
        json: false,
        markdown: false,
        verbose: false,
        help: false,
    };
    const values: Partial<Record<(typeof VALUE_FLAGS)[number], string>> = {};
    let positional: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const [flag, inline] = arg.startsWith("--") ? splitOnce(arg, "=") : [arg, undefined];
        if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
            const value = inline ?? argv[++i];
            if (
                value === undefined ||
                value === "" ||
                (inline === undefined && value.startsWith("-"))
            ) {
                throw new UsageError(`${flag} needs a value`);
            }
            values[flag as (typeof VALUE_FLAGS)[number]] = value;
        } else if ((SWITCHES as readonly string[]).includes(flag)) {
            if (inline !== undefined) {
                throw new UsageError(`${flag} takes no value`);
            }
            if (flag === "--json") args.json = true;
            if (flag === "--markdown") args.markdown = true;
            if (flag === "--verbose") args.verbose = true;
            if (flag === "--help" || flag === "-h") args.help = true;
        } else if (arg.startsWith("-")) {
            throw new UsageError(`unknown option ${arg}`);
        } else if (positional !== undefined) {
            throw new UsageError(`one project directory at most (got ${positional} and ${arg})`);
        } else {
            positional = arg;
        }
    }
    if (args.json && args.markdown) {
        throw new UsageError("--json and --markdown: choose one output format");
    }
    if (positional !== undefined) {
        args.projectDir = path.resolve(cwd, positional);
    }
    args.stack = values["--stack"];
    args.out = values["--out"] && path.resolve(cwd, values["--out"]);
    args.fixture = values["--fixture"] && path.resolve(cwd, values["--fixture"]);
    args.policyConfig = values["--policy-config"] && path.resolve(cwd, values["--policy-config"]);
    return args;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
    const at = text.indexOf(separator);
    return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
