import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { presetCatalog } from "../index";
import { sectionOf } from "../tools/docs/generatedSection";
import { PRESETS_TABLE, presetsTable, withPresetsTable } from "../tools/docs/presetsTable";

const ROOT = path.join(__dirname, "..");
const PAGE = fs.readFileSync(path.join(ROOT, PRESETS_TABLE.page), "utf8");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("Permission presets table (docs/presets.md)", () => {
    it("is exactly what the catalogue generates (run `npm run docs:presets` to update it)", () => {
        assert.strictEqual(withPresetsTable(PAGE), PAGE);
    });

    it("lists exactly the catalogue's presets, with their required options in bold", () => {
        const rows = sectionOf(PAGE, PRESETS_TABLE)
            .split("\n")
            .filter((line) => /^\| `/.test(line));
        const names = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
        assert.deepStrictEqual(
            names,
            presetCatalog.map((entry) => entry.name),
        );
        const externalDns = rows.find((row) => row.startsWith("| `externalDns`"));
        assert.match(externalDns ?? "", /\*\*`hostedZoneArns`\*\*, `recordTypes`/);
        for (const entry of presetCatalog.filter((e) => e.upstream)) {
            const row = rows.find((r) => r.startsWith(`| \`${entry.name}\``)) ?? "";
            const cells = row.split(" | ");
            const cell = cells[cells.length - 2] ?? "";
            const version = entry.upstream?.version ?? "?";
            assert.ok(cell.includes(` ${version.slice(0, 12)}`), `${entry.name}: ${cell}`);
            const source = entry.upstream?.source ?? "?";
            assert.ok(cell.includes(source.split(/[: ]/).pop() ?? "?"), cell);
        }
    });

    it("regenerates a stale table in place", () => {
        const { begin, end } = PRESETS_TABLE;
        const stale = `intro\n${begin}\n| old |\n${end}\noutro`;
        assert.strictEqual(
            withPresetsTable(stale),
            `intro\n${begin}\n${presetsTable()}\n${end}\noutro`,
        );
    });

    it("is linked from the README's short list, whose presets all exist", () => {
        const start = README.indexOf("\n## Permission presets\n");
        assert.ok(start > 0, "the README has a Permission presets section");
        const section = README.slice(start + 1, README.indexOf("\n## ", start + 1));
        assert.match(section, /\]\(docs\/presets\.md#[a-z-]+\)/);
        const known = new Set<string>(presetCatalog.map((entry) => entry.name));
        const listed = [...section.matchAll(/^- .*$/gm)].flatMap((line) =>
            [...line[0].matchAll(/`([A-Za-z0-9]+)`/g)].map((m) => m[1]),
        );
        assert.ok(listed.length >= 10, `only ${listed.length} presets listed`);
        assert.deepStrictEqual(
            listed.filter((name) => !known.has(name)),
            [],
        );
    });
});
