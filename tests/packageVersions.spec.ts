/**
 * One version everywhere a user meets it: the package, the policy pack `pulumi preview
 * --policy-pack` reports, the plugin schema's package, the release tags the documentation
 * tells users to install, and the CHANGELOG's newest entry. And no placeholder a reader would
 * copy as it is.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { documentationPages } from "../tools/readme/snippets";

const ROOT = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const manifest = (file: string) =>
    JSON.parse(read(file)) as { name: string; version: string; description: string };
const root = manifest("package.json");

/** Files a user reads install instructions in: the documentation and the examples' comments. */
function instructionFiles(): string[] {
    const examples = fs
        .readdirSync(path.join(ROOT, "examples"), { recursive: true, encoding: "utf8" })
        .filter((file) => /(^|\/)(Pulumi\.yaml|README\.md)$/.test(file))
        .map((file) => `examples/${file}`);
    return [...documentationPages(), "PulumiPlugin.yaml", ...examples];
}

describe("versions and release tags", () => {
    it("the policy pack's version is the package's", () => {
        assert.strictEqual(manifest("policy/package.json").version, root.version);
    });

    it("the plugin schema's package is this package: name, version, description", () => {
        const schema = manifest("schema/package.json");
        assert.deepStrictEqual(
            [schema.name, schema.version, schema.description],
            [root.name, root.version, root.description],
        );
    });

    it("every release tag the documentation names is this version", () => {
        const stale: string[] = [];
        for (const file of instructionFiles()) {
            for (const match of read(file).matchAll(/[@#]v(\d+\.\d+\.\d+)\b/g)) {
                if (match[1] !== root.version) {
                    stale.push(`${file}: ${match[0]}`);
                }
            }
        }
        assert.deepStrictEqual(stale, []);
    });

    it("names no made-up owner (`<org>`): a reader would copy it as it is", () => {
        const files = [...instructionFiles(), "CHANGELOG.md"];
        assert.deepStrictEqual(
            files.filter((file) => read(file).split("\n## [0.2.0]")[0].includes("<org>")),
            [],
        );
    });

    it("the CHANGELOG's newest entry is this version", () => {
        const newest = /^## \[(\d+\.\d+\.\d+)\]/m.exec(read("CHANGELOG.md"));
        assert.strictEqual(newest?.[1], root.version);
    });
});
