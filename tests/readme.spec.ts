import * as assert from "assert";
import { readmeSnippets, writeSnippets } from "../tools/readme/snippets";
import { programOf } from "../tools/mock-engine";
import { record } from "./harness";
import * as path from "path";

describe("README examples", () => {
    const files = writeSnippets();

    it("has examples to check", () => {
        assert.ok(readmeSnippets().length >= 2);
    });

    for (const file of files) {
        it(`${path.basename(file)} runs as written`, async () => {
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
            assert.ok(run.resources.some((r) => r.type.startsWith("eks-pod-identity:index:")));
        });
    }
});
