/**
 * What `npm run build` does after tsc (tools/build): a source map only where its sources ship,
 * and the commands executable even when the build runs after npm linked them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { markExecutables } from "../tools/build/executables";
import { isShipped, pruneSourceMaps } from "../tools/build/sourceMaps";

/** A package on disk: package.json and files by path. */
function packageDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-pod-identity-build-"));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

const compiled = (name: string) => `"use strict";\n//# sourceMappingURL=${name}.js.map\n`;
const map = (source: string) => JSON.stringify({ version: 3, sources: [source], mappings: "" });

describe("npm run build's last step", () => {
    it("keeps the maps of shipped sources, and drops the others with their sourceMappingURL", () => {
        const dir = packageDir({
            "package.json": JSON.stringify({ files: ["bin/", "/index.ts", "components/"] }),
            "bin/index.js": compiled("index"),
            "bin/index.js.map": map("../index.ts"),
            "bin/components/role.js": compiled("role"),
            "bin/components/role.js.map": map("../../components/role.ts"),
            "bin/tools/cli/main.js": compiled("main"),
            "bin/tools/cli/main.js.map": map("../../../tools/cli/main.ts"),
        });
        assert.deepStrictEqual(pruneSourceMaps(dir), [path.join("bin", "tools", "cli", "main.js")]);
        assert.ok(fs.existsSync(path.join(dir, "bin", "index.js.map")));
        assert.ok(fs.existsSync(path.join(dir, "bin", "components", "role.js.map")));
        assert.ok(!fs.existsSync(path.join(dir, "bin", "tools", "cli", "main.js.map")));
        assert.strictEqual(
            fs.readFileSync(path.join(dir, "bin", "tools", "cli", "main.js"), "utf8"),
            '"use strict";\n',
        );
        assert.strictEqual(
            fs.readFileSync(path.join(dir, "bin", "index.js"), "utf8"),
            compiled("index"),
        );
    });

    it("reads package.json `files` as npm does for anchored files and folders", () => {
        const files = ["bin/", "/index.ts", "policy/package.json"];
        assert.ok(isShipped("bin/tools/cli/main.js", files));
        assert.ok(isShipped("index.ts", files));
        assert.ok(isShipped("policy/package.json", files));
        assert.ok(!isShipped("policy/index.ts", files));
        assert.ok(!isShipped("tools/cli/main.ts", files));
    });

    it("makes the package's commands executable", () => {
        const dir = packageDir({
            "package.json": JSON.stringify({ bin: { tool: "bin/tool.js" } }),
            "bin/tool.js": "#!/usr/bin/env node\n",
        });
        fs.chmodSync(path.join(dir, "bin", "tool.js"), 0o644);
        assert.deepStrictEqual(markExecutables(dir), ["bin/tool.js"]);
        assert.strictEqual(fs.statSync(path.join(dir, "bin", "tool.js")).mode & 0o777, 0o755);
    });

    it("left this checkout's command executable and its maps pointing at shipped sources (after npm run build)", () => {
        const root = path.join(__dirname, "..");
        const { bin } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
            bin: Record<string, string>;
        };
        for (const file of Object.values(bin)) {
            assert.strictEqual(fs.statSync(path.join(root, file)).mode & 0o111, 0o111, file);
        }
        assert.ok(!fs.existsSync(path.join(root, "bin", "tools", "cli", "main.js.map")));
    });
});
