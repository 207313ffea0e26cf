/**
 * After `tsc`, keeps a source map only where its sources ship: the package's own sources
 * (package.json `files`) do, so their maps lead a debugger or a stack trace to the TypeScript;
 * the command's and the policy pack's sources (tools/, policy/, program/) do not, so their
 * compiled files lose the map and the `//# sourceMappingURL` comment that would point at
 * files the tarball lacks.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const MAPPING_URL = /\n\/\/# sourceMappingURL=[^\n]*\n?$/;

/** True when package.json `files` ships the file (a path relative to the package root). */
export function isShipped(file: string, files: string[]): boolean {
    return files.some((entry) => {
        const pattern = entry.replace(/^\//, "");
        return pattern.endsWith("/") ? file.startsWith(pattern) : file === pattern;
    });
}

/** Every `.js.map` under a folder. */
function mapsUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? mapsUnder(full) : entry.name.endsWith(".js.map") ? [full] : [];
    });
}

/** Removes the maps of `outDir` whose sources do not ship; returns the compiled files affected. */
export function pruneSourceMaps(
    root: string = ROOT,
    outDir: string = path.join(root, "bin"),
): string[] {
    const { files } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        files: string[];
    };
    const pruned: string[] = [];
    for (const map of mapsUnder(outDir)) {
        const { sources } = JSON.parse(fs.readFileSync(map, "utf8")) as { sources: string[] };
        const shipped = sources.every((source) =>
            isShipped(path.relative(root, path.resolve(path.dirname(map), source)), files),
        );
        if (shipped) {
            continue;
        }
        const compiled = map.replace(/\.map$/, "");
        fs.writeFileSync(compiled, fs.readFileSync(compiled, "utf8").replace(MAPPING_URL, "\n"));
        fs.rmSync(map);
        pruned.push(path.relative(root, compiled));
    }
    return pruned;
}
