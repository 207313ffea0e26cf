/**
 * @pulumi/policy is an optional peer of the package: only the policy pack needs it. A plan
 * of a project without it previews the program all the same, and says why no policy ran.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Module from "module";
import { main } from "../tools/plan/main";
import { loadPolicyPack, NO_POLICY_SDK } from "../tools/plan/policyPack";
import { PodIdentityRole } from "../index";
import { record } from "./harness";

const ROOT = path.join(__dirname, "..");

type Resolve = (request: string, ...rest: unknown[]) => string;

describe("the plan without @pulumi/policy (an optional peer)", () => {
    it("declares @pulumi/policy an optional peer, and the others required", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            peerDependencies: Record<string, string>;
            peerDependenciesMeta?: Record<string, { optional?: boolean }>;
        };
        const optional = Object.keys(manifest.peerDependencies).filter(
            (peer) => manifest.peerDependenciesMeta?.[peer]?.optional === true,
        );
        assert.deepStrictEqual(optional, ["@pulumi/policy"]);
    });

    it("previews a project whose role may do anything: exit 0, policies not evaluated and how to add them", async () => {
        // The project the consumer spec plans, whose admin role violates a mandatory rule.
        const project = path.join(__dirname, "fixtures", "consumer", "project");
        const resolver = Module as unknown as { _resolveFilename: Resolve };
        const original = resolver._resolveFilename;
        resolver._resolveFilename = function (this: unknown, request, ...rest) {
            if (/^@pulumi\/policy(\/|$)/.test(request)) {
                throw Object.assign(new Error(`Cannot find module '${request}'`), {
                    code: "MODULE_NOT_FOUND",
                });
            }
            return original.call(this, request, ...rest);
        };
        let stdout = "";
        let stderr = "";
        let status: number;
        try {
            status = await main([project, "--stack", "dev"], {
                stdout: (text) => (stdout += text),
                stderr: (text) => (stderr += text),
                stderrIsTTY: false,
                cwd: ROOT,
            });
        } finally {
            resolver._resolveFilename = original;
        }
        assert.strictEqual(status, 0, stderr);
        assert.ok(stdout.includes(`Policies: not evaluated (${NO_POLICY_SDK})`), stdout);
        assert.match(stdout, /\+ aws:iam\/role:Role/);
    });

    it("runs the pack when @pulumi/policy resolves", async () => {
        const run = await record(() => {
            new PodIdentityRole("admin", { statements: [{ Action: ["*"], Resource: ["*"] }] });
        });
        const report = await loadPolicyPack()!.evaluate(run.resources);
        assert.strictEqual(report.evaluated, true);
        assert.ok(report.findings.mandatory.length > 0);
    });
});
