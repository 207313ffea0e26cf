/**
 * The check the verification Job runs: `check.sh` beside this file, shipped as it is (the
 * package's `files` include `kubernetes/`) and embedded in the Job's command, so that what the
 * pod runs is the file the tests run.
 */
import * as fs from "fs";
import * as path from "path";

const SCRIPT = "check.sh";

/**
 * Where the script is: beside this module when it runs from the sources (ts-node, tests), and
 * under the package root when it runs compiled from `bin/kubernetes/verify/`, which `tsc`
 * fills with JavaScript only.
 */
export const CHECK_SCRIPT_CANDIDATES: readonly string[] = [
    path.join(__dirname, SCRIPT),
    path.join(__dirname, "..", "..", "..", "kubernetes", "verify", SCRIPT),
];

/** The path of the check script as shipped. */
export function checkScriptPath(): string {
    const found = CHECK_SCRIPT_CANDIDATES.find((candidate) => fs.existsSync(candidate));
    if (!found) {
        throw new Error(
            `eks-pod-identity: the verification script is missing (looked in ${CHECK_SCRIPT_CANDIDATES.join(", ")}); reinstall the package`,
        );
    }
    return found;
}

let loaded: string | undefined;

/**
 * The check script as the Job runs it (`sh -c`): the shipped file without its comment lines
 * and blank lines, which every Job would otherwise carry into the stack's state (a fleet of
 * 100 clusters x 20 service accounts has 2,000 Jobs). The first line stays.
 */
export function checkScript(): string {
    return (loaded ??= withoutComments(fs.readFileSync(checkScriptPath(), "utf8")));
}

function withoutComments(script: string): string {
    const [first, ...rest] = script.split("\n");
    const kept = rest.filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
    return [first, ...kept].join("\n") + "\n";
}
