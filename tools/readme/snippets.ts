/**
 * Extracts the TypeScript examples of the README and of every page under docs/ into files, so
 * that `npm test` type-checks them (tsconfig.json includes tests/) and runs each under the mock
 * engine (tests/readme.spec.ts): an example that stops compiling or running fails the build
 * instead of misleading a reader.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
/** Where the extracted snippets go (git-ignored; rewritten on every run). */
export const SNIPPET_DIR = path.join(ROOT, "tests", "readme-snippets");

/** One ```typescript block of a documentation page. */
export interface Snippet {
    /** The page, relative to the repository root, e.g. `docs/presets.md`. */
    page: string;
    /** 1-based position among the page's TypeScript blocks. */
    index: number;
    code: string;
}

/** The documentation pages: README.md, then docs/*.md in name order. */
export function documentationPages(root = ROOT): string[] {
    const docs = path.join(root, "docs");
    const pages = fs.existsSync(docs)
        ? fs
              .readdirSync(docs)
              .filter((file) => file.endsWith(".md"))
              .sort()
              .map((file) => `docs/${file}`)
        : [];
    return ["README.md", ...pages];
}

/** The text's ```typescript (or ```ts) blocks, in order. */
export function typescriptBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/^```(?:typescript|ts)\n([\s\S]*?)^```/gm)].map(
        (match) => match[1],
    );
}

/** Every TypeScript block of every documentation page. */
export function documentationSnippets(root = ROOT): Snippet[] {
    return documentationPages(root).flatMap((page) =>
        typescriptBlocks(fs.readFileSync(path.join(root, page), "utf8")).map((code, i) => ({
            page,
            index: i + 1,
            code,
        })),
    );
}

/** The module a snippet is written to: `README.md` #2 -> `readme-2.ts`, `docs/plan.md` #1 -> `docs-plan-1.ts`. */
export function snippetFile(snippet: Snippet): string {
    const stem = snippet.page
        .replace(/\.md$/, "")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .toLowerCase();
    return path.join(SNIPPET_DIR, `${stem}-${snippet.index}.ts`);
}

/** Writes each snippet as a module of its own; returns the snippets with their files. */
export function writeSnippets(): { snippet: Snippet; file: string }[] {
    fs.rmSync(SNIPPET_DIR, { recursive: true, force: true });
    fs.mkdirSync(SNIPPET_DIR, { recursive: true });
    return documentationSnippets().map((snippet) => {
        const file = snippetFile(snippet);
        fs.writeFileSync(
            file,
            `// Extracted from ${snippet.page} by tools/readme/snippets.ts; do not edit.\n${snippet.code}`,
        );
        return { snippet, file };
    });
}

if (require.main === module) {
    const written = writeSnippets();
    const pages = new Set(written.map((w) => w.snippet.page)).size;
    console.log(
        `${written.length} TypeScript examples from ${pages} pages extracted to ${path.relative(ROOT, SNIPPET_DIR)}/`,
    );
}
