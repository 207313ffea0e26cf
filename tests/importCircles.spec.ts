/**
 * The package's folders import one way (components -> model -> iam, eks, kubernetes, presets,
 * core): no module reaches itself again through its imports, type-only imports included, as
 * `npx madge --circular --extensions ts` counts them. A circle makes the load order decide
 * which module sees the other half-initialised, and hides which layer owns what.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const FOLDERS = ["components", "model", "iam", "eks", "kubernetes", "presets", "core"];

/** Every TypeScript file of the package's sources, relative to the root. */
function sources(): string[] {
    const found = ["index.ts", "plugin.ts"];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
            const relative = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(relative);
            } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
                found.push(relative);
            }
        }
    };
    FOLDERS.forEach(walk);
    return found;
}

/** The package files `file` imports (relative imports only; packages cannot import back). */
export function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    return ts
        .preProcessFile(text, true, true)
        .importedFiles.map((imported) => imported.fileName)
        .filter((name) => name.startsWith("."))
        .map((name) => {
            const base = path.join(path.dirname(file), name);
            return [`${base}.ts`, path.join(base, "index.ts")].find((candidate) =>
                fs.existsSync(path.join(ROOT, candidate)),
            );
        })
        .filter((resolved): resolved is string => resolved !== undefined);
}

/** The import circles of a graph, each as the files along it (first file repeated last). */
export function circlesOf(graph: Map<string, string[]>): string[][] {
    const circles: string[][] = [];
    const done = new Set<string>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const visit = (file: string) => {
        stack.push(file);
        onStack.add(file);
        for (const next of graph.get(file) ?? []) {
            if (onStack.has(next)) {
                circles.push([...stack.slice(stack.indexOf(next)), next]);
            } else if (!done.has(next)) {
                visit(next);
            }
        }
        stack.pop();
        onStack.delete(file);
        done.add(file);
    };
    [...graph.keys()].sort().forEach((file) => done.has(file) || visit(file));
    return circles;
}

describe("imports of the package's sources", () => {
    it("finds a circle when there is one (the detector itself)", () => {
        const graph = new Map([
            ["a.ts", ["b.ts"]],
            ["b.ts", ["c.ts"]],
            ["c.ts", ["a.ts"]],
            ["d.ts", ["a.ts"]],
        ]);
        assert.deepStrictEqual(circlesOf(graph), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
    });

    it("form no circle, type-only imports included", () => {
        const files = sources();
        assert.ok(files.length > 80, `only ${files.length} files found`);
        const graph = new Map(files.map((file) => [file, importsOf(file)]));
        assert.ok(
            (graph.get(path.join("components", "podIdentity.ts")) ?? []).length > 5,
            "the imports of components/podIdentity.ts were not read",
        );
        assert.deepStrictEqual(
            circlesOf(graph).map((circle) => circle.join(" > ")),
            [],
        );
    });

    it("never reach a public component from the model or below it", () => {
        const below = sources().filter(
            (file) => !file.startsWith("components") && !/^(index|plugin)\.ts$/.test(file),
        );
        const upward = below.flatMap((file) =>
            importsOf(file)
                .filter((imported) => imported.startsWith("components"))
                .map((imported) => `${file} > ${imported}`),
        );
        assert.deepStrictEqual(upward, []);
    });
});
