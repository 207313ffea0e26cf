/**
 * The rules catalogue: every rule has an id, a source and a fix, every refusal names a rule of
 * the catalogue, and docs/troubleshooting.md lists exactly the catalogue.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RULES } from "../model/rules/catalog";
import { sectionOf } from "../tools/docs/generatedSection";
import { RULES_TABLE, withRulesTable } from "../tools/docs/rulesTable";

const ROOT = path.join(__dirname, "..");
const PAGE = fs.readFileSync(path.join(ROOT, RULES_TABLE.page), "utf8");
const RULE_SOURCES = path.join(ROOT, "model", "rules");

describe("rules: the catalogue and the troubleshooting page", () => {
    it("gives every rule a unique id, a sentence, a fix and a source address", () => {
        const ids = RULES.map((rule) => rule.id);
        assert.deepStrictEqual(ids, [...new Set(ids)], "ids are unique");
        for (const rule of RULES) {
            assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(rule.rule.length > 20 && rule.fix.length > 5, rule.id);
            assert.match(rule.source.url, /^https:\/\//, rule.id);
            assert.ok(rule.source.title.length > 5, rule.id);
        }
    });

    it("lists every rule declared in model/rules/", () => {
        const declared = fs
            .readdirSync(RULE_SOURCES)
            .flatMap((file) =>
                [
                    ...fs
                        .readFileSync(path.join(RULE_SOURCES, file), "utf8")
                        .matchAll(/id: "([a-z0-9-]+)"/g),
                ].map((match) => match[1]),
            )
            .sort();
        assert.deepStrictEqual(declared, RULES.map((rule) => rule.id).sort());
    });

    it("is exactly what the troubleshooting page lists (run `npm run docs:rules` to update it)", () => {
        assert.strictEqual(withRulesTable(PAGE), PAGE);
        const listed = sectionOf(PAGE, RULES_TABLE)
            .split("\n")
            .flatMap((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? []);
        assert.deepStrictEqual(
            listed,
            RULES.map((rule) => rule.id),
        );
        for (const rule of RULES) {
            assert.ok(PAGE.includes(rule.source.url), `${rule.id} links its source`);
        }
    });
});
