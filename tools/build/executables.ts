/**
 * Marks the package's commands (package.json `bin`) executable. npm does so when it links
 * them, but a build after that (`prepare`, when a project installs a checkout by path)
 * rewrites the files without the mode, and the command then fails with "permission denied".
 */
import * as fs from "fs";
import * as path from "path";

/** Makes every `bin` entry of the package at `root` executable; returns their paths. */
export function markExecutables(root: string): string[] {
    const { bin } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        bin?: Record<string, string>;
    };
    const files = Object.values(bin ?? {});
    for (const file of files) {
        fs.chmodSync(path.join(root, file), 0o755);
    }
    return files;
}
