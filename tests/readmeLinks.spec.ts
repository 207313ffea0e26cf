import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { anchorsOf, relativeLinks, slugOf } from "../tools/readme/links";
import { documentationPages } from "../tools/readme/snippets";

const ROOT = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(file, "utf8");

describe("README and docs/ links", () => {
    for (const page of documentationPages()) {
        it(`${page}: every relative link and anchor leads somewhere`, () => {
            const dir = path.dirname(path.join(ROOT, page));
            const broken: string[] = [];
            for (const link of relativeLinks(read(path.join(ROOT, page)))) {
                const file =
                    link.path === "" ? path.join(ROOT, page) : path.resolve(dir, link.path);
                if (!fs.existsSync(file)) {
                    broken.push(`${link.target}: no such file`);
                } else if (link.anchor !== undefined && file.endsWith(".md")) {
                    if (!anchorsOf(read(file)).has(link.anchor)) {
                        broken.push(`${link.target}: no heading makes #${link.anchor}`);
                    }
                }
            }
            assert.deepStrictEqual(broken, []);
        });
    }

    it("the README links every page under docs/", () => {
        const linked = new Set(
            relativeLinks(read(path.join(ROOT, "README.md"))).map((l) => l.path),
        );
        const pages = documentationPages().filter((page) => page.startsWith("docs/"));
        assert.deepStrictEqual(
            pages.filter((page) => !linked.has(page)),
            [],
        );
    });

    it("makes anchors as GitHub does", () => {
        assert.strictEqual(
            slugOf("`npm run plan`: an offline preview"),
            "npm-run-plan-an-offline-preview",
        );
        assert.strictEqual(
            slugOf("Using the components from Python, Go, C# and YAML"),
            "using-the-components-from-python-go-c-and-yaml",
        );
        assert.deepStrictEqual(
            [...anchorsOf("# A\n## Rules\n```\n# not a heading\n```\n### Rules\n")],
            ["a", "rules", "rules-1"],
        );
    });

    it("finds links in prose only", () => {
        const links = relativeLinks(
            "[a](docs/x.md#y) `[b](no.md)` [c](https://e.com)\n```\n[d](no.md)\n```\n",
        );
        assert.deepStrictEqual(links, [{ target: "docs/x.md#y", path: "docs/x.md", anchor: "y" }]);
    });
});
