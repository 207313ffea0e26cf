/**
 * Extracts the README's TypeScript examples into files, so that `npm test` type-checks them
 * and runs each under the mock engine: an example that stops compiling or running fails the
 * build instead of misleading a reader.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
/** Where the extracted snippets go (git-ignored; rewritten on every run). */
export const SNIPPET_DIR = path.join(ROOT, "tests", "readme-snippets");

/** The README's ```typescript blocks that use this package, in order. */
export function readmeSnippets(readme = path.join(ROOT, "README.md")): string[] {
    const text = fs.readFileSync(readme, "utf8");
    const blocks = [...text.matchAll(/```typescript\n([\s\S]*?)```/g)].map((match) => match[1]);
    return blocks.filter((block) => block.includes('from "eks-pod-identity"'));
}

/** Writes each snippet as a module of its own. */
export function writeSnippets(): string[] {
    fs.rmSync(SNIPPET_DIR, { recursive: true, force: true });
    fs.mkdirSync(SNIPPET_DIR, { recursive: true });
    return readmeSnippets().map((snippet, i) => {
        const file = path.join(SNIPPET_DIR, `snippet-${i + 1}.ts`);
        fs.writeFileSync(
            file,
            `// Extracted from README.md by tools/readme/snippets.ts; do not edit.\n${snippet}`,
        );
        return file;
    });
}

if (require.main === module) {
    const files = writeSnippets();
    console.log(
        `README: ${files.length} TypeScript examples extracted to ${path.relative(ROOT, SNIPPET_DIR)}/`,
    );
}
