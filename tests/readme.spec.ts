import * as assert from "assert";
import * as path from "path";
import { documentationSnippets, writeSnippets } from "../tools/readme/snippets";
import { programOf } from "../tools/mock-engine";
import { record } from "./harness";

// `npm run typecheck` type-checks the same files (its pretypecheck step writes them).
describe("README and docs/ examples", () => {
    const written = writeSnippets();

    it("has examples to check, in the README and under docs/", () => {
        const pages = new Set(documentationSnippets().map((s) => s.page));
        assert.ok(pages.has("README.md"));
        assert.ok(
            [...pages].some((page) => page.startsWith("docs/")),
            [...pages].join(),
        );
    });

    for (const { snippet, file } of written) {
        it(`${snippet.page} example ${snippet.index} runs as written`, async () => {
            const program = programOf({
                dir: path.dirname(file),
                name: "readme",
                main: file,
                stack: "readme",
                config: {},
                secretKeys: [],
                fixture: undefined,
            });
            const run = await record(program);
            assert.ok(
                run.resources.some((r) => r.type.startsWith("eks-pod-identity:index:")),
                `${path.basename(file)} registers no component of this package`,
            );
        });
    }
});
