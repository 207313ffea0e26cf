/** The shape of the preset scoping specs (tests/presets*.spec.ts): one describe block per preset. */
import * as fs from "fs";
import * as path from "path";
import { PresetName } from "../presets";

/** One describe block per preset, named so {@link presetsWithSpecs} finds it. */
export function preset(name: PresetName, body: () => void): void {
    describe(`preset ${name}`, body);
}

/** The presets that some tests/presets*.spec.ts file gives a `preset("<name>", ...)` block. */
export function presetsWithSpecs(): string[] {
    const names = new Set<string>();
    for (const file of fs.readdirSync(__dirname).filter((f) => /^presets.*\.spec\.ts$/.test(f))) {
        const text = fs.readFileSync(path.join(__dirname, file), "utf8");
        for (const match of text.matchAll(/^preset\("(\w+)"/gm)) {
            names.add(match[1]);
        }
    }
    return [...names].sort();
}
