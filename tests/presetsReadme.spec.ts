import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { presetCatalog } from "../index";
import { BEGIN, END, presetsTable, withPresetsTable } from "../tools/docs/presetsTable";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README permission presets table", () => {
    it("is exactly what the catalogue generates (run `npm run docs:presets` to update it)", () => {
        assert.strictEqual(withPresetsTable(README), README);
    });

    it("lists exactly the catalogue's presets, with their required options in bold", () => {
        const block = README.slice(README.indexOf(BEGIN), README.indexOf(END));
        const rows = block.split("\n").filter((line) => /^\| `/.test(line));
        const names = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
        assert.deepStrictEqual(
            names,
            presetCatalog.map((entry) => entry.name),
        );
        const externalDns = rows.find((row) => row.startsWith("| `externalDns`"));
        assert.match(externalDns ?? "", /\*\*`hostedZoneArns`\*\*, `recordTypes`/);
        for (const entry of presetCatalog.filter((e) => e.upstream)) {
            const row = rows.find((r) => r.startsWith(`| \`${entry.name}\``)) ?? "";
            const cell = row.split(" | ").pop() ?? "";
            const version = entry.upstream?.version ?? "?";
            assert.ok(cell.includes(` ${version.slice(0, 12)}`), `${entry.name}: ${cell}`);
            const source = entry.upstream?.source ?? "?";
            assert.ok(cell.includes(source.split(/[: ]/).pop() ?? "?"), cell);
        }
    });

    it("sits after the Components section, before Architecture", () => {
        const at = (heading: string) => README.indexOf(`\n## ${heading}\n`);
        assert.ok(at("Components") > 0);
        assert.ok(at("Components") < at("Permission presets"));
        assert.ok(at("Permission presets") < at("Architecture"));
        assert.ok(README.indexOf(BEGIN) > at("Permission presets"));
    });

    it("regenerates a stale table in place", () => {
        const stale = `intro\n${BEGIN}\n| old |\n${END}\noutro`;
        assert.strictEqual(
            withPresetsTable(stale),
            `intro\n${BEGIN}\n${presetsTable()}\n${END}\noutro`,
        );
    });
});
