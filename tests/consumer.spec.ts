/**
 * The package as someone outside this repository gets it: `npm pack` (the tarball
 * `npm publish` uploads), installed from that tarball into a new project that brings its own
 * @pulumi/* packages, then used from plain JavaScript, from strict TypeScript (node16 module
 * resolution), under Pulumi's runtime mocks, as the plugin `pulumi package add` runs, as the
 * `eks-pod-identity` command (plan, migrate) on the consumer's own project, and as the policy
 * pack `pulumi preview --policy-pack node_modules/eks-pod-identity/policy` starts.
 *
 * The consumer project lives under node_modules/.cache, keyed on this repository's
 * package-lock.json: its dependencies are installed once per lockfile, and each run only
 * replaces the package itself (npm install from the npm cache, `--prefer-offline`).
 */
import * as assert from "assert";
import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { runMigrate } from "../tools/migrate";
import { policies } from "../policy/rules";
import { relativeLinks } from "../tools/readme/links";
import { typescriptBlocks } from "../tools/readme/snippets";
import { analyzePackage } from "./packageSchema";

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(__dirname, "fixtures", "consumer");
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    main: string;
    types: string;
    bin?: Record<string, string>;
    license: string;
    exports: Record<"." | "./testing", { types: string; default: string }>;
};

/** The version installed here, so the consumer's install is served from the npm cache. */
function installedVersion(name: string): string {
    const manifest = path.join(ROOT, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function run(command: string, args: string[], cwd: string): string {
    try {
        return execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(
            `${command} ${args.join(" ")} (in ${cwd}) failed:\n${failed.stderr ?? ""}${failed.stdout ?? ""}`,
        );
    }
}

/** Runs a command that may fail; its exit status and output. */
function runStatus(
    command: string,
    args: string[],
    cwd: string,
): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Newest modification time of the files `npm run build` compiles. */
function newestSource(): number {
    const sources = ["index.ts", "plugin.ts"].map((file) => path.join(ROOT, file));
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((entry) =>
                entry.isDirectory()
                    ? walk(path.join(dir, entry.name))
                    : entry.name.endsWith(".ts")
                      ? [path.join(dir, entry.name)]
                      : [],
            );
    const dirs = [
        ...["components", "core", "model", "iam", "eks", "kubernetes", "presets", "testing"],
        ...["policy", "program", "tools/cli", "tools/plan", "tools/migrate"],
    ];
    const files = [...sources, ...dirs.flatMap((dir) => walk(path.join(ROOT, dir)))];
    return Math.max(...files.map(mtime));
}

function mtime(file: string): number {
    return fs.statSync(file).mtimeMs;
}

interface PackResult {
    filename: string;
    files: { path: string }[];
}

/** Starts a plugin, resolves with the port it prints (the plugin protocol's handshake). */
function startPlugin(cwd: string, args: string[]): Promise<{ child: ChildProcess; port: number }> {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const line = /^(\d+)\s*$/m.exec(stdout);
            if (line) {
                resolve({ child, port: Number(line[1]) });
            }
        });
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("exit", (code) =>
            reject(new Error(`plugin exited (${code}): ${stderr}${stdout}`)),
        );
    });
}

interface AnalyzerInfoClient {
    getAnalyzerInfo(
        request: unknown,
        callback: (
            error: Error | null,
            response: { getName(): string; getPoliciesList(): { getName(): string }[] },
        ) => void,
    ): void;
    close(): void;
}

interface SchemaClient {
    getSchema(
        request: unknown,
        callback: (error: Error | null, response: { getSchema(): string }) => void,
    ): void;
    close(): void;
}

/** GetSchema over gRPC, with the consumer's own grpc-js and Pulumi's generated stubs. */
function schemaOf(
    consumer: string,
    port: number,
): Promise<{ version: string; resources: Record<string, unknown> }> {
    const load = createRequire(path.join(consumer, "package.json"));
    const grpc = load("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
    const stubs = load("@pulumi/pulumi/proto/provider_grpc_pb") as {
        ResourceProviderClient: new (address: string, credentials: unknown) => SchemaClient;
    };
    const messages = load("@pulumi/pulumi/proto/provider_pb") as {
        GetSchemaRequest: new () => unknown;
    };
    const client = new stubs.ResourceProviderClient(
        `127.0.0.1:${port}`,
        grpc.credentials.createInsecure(),
    );
    return new Promise((resolve, reject) =>
        client.getSchema(new messages.GetSchemaRequest(), (error, response) => {
            client.close();
            if (error) {
                reject(error);
            } else {
                resolve(
                    JSON.parse(response.getSchema()) as {
                        version: string;
                        resources: Record<string, unknown>;
                    },
                );
            }
        }),
    );
}

describe("the package as a consumer installs it (npm pack, npm install <tarball>)", function () {
    // Packing, installing and type-checking take tens of seconds, more on a cold npm cache.
    this.timeout(600_000);

    let consumer: string;
    let packed: PackResult;
    let installed: string;

    before(function () {
        // `npm test` builds first (pretest); a stale bin/ would test yesterday's package.
        const built = path.join(ROOT, "bin", "index.js");
        assert.ok(
            fs.existsSync(built) && mtime(built) >= newestSource(),
            "bin/ is older than the sources: run `npm run build` (npm test does it first)",
        );

        const manifest = {
            name: "eks-pod-identity-consumer",
            private: true,
            dependencies: {
                "@pulumi/aws": installedVersion("@pulumi/aws"),
                "@pulumi/kubernetes": installedVersion("@pulumi/kubernetes"),
                "@pulumi/policy": installedVersion("@pulumi/policy"),
                "@pulumi/pulumi": installedVersion("@pulumi/pulumi"),
                [rootPackage.name]: "file:package.tgz",
                "@types/node": installedVersion("@types/node"),
                "@types/mocha": installedVersion("@types/mocha"),
                mocha: installedVersion("mocha"),
                typescript: installedVersion("typescript"),
            },
        };
        const key = createHash("sha256")
            .update(fs.readFileSync(path.join(ROOT, "package-lock.json")))
            .update(JSON.stringify(manifest))
            .digest("hex")
            .slice(0, 12);
        consumer = path.join(ROOT, "node_modules", ".cache", "eks-pod-identity-consumer", key);
        fs.mkdirSync(consumer, { recursive: true });

        // The prepare script already ran (pretest builds), so pack what is there.
        const output = run(
            "npm",
            ["pack", "--json", "--ignore-scripts", "--pack-destination", consumer],
            ROOT,
        );
        packed = (JSON.parse(output) as PackResult[])[0];
        fs.renameSync(path.join(consumer, packed.filename), path.join(consumer, "package.tgz"));

        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify(manifest, null, 2));
        fs.cpSync(FIXTURE, consumer, { recursive: true });
        // Only the package changed since the last run: drop it, keep the rest of the install.
        fs.rmSync(path.join(consumer, "package-lock.json"), { force: true });
        fs.rmSync(path.join(consumer, "node_modules", rootPackage.name), {
            recursive: true,
            force: true,
        });
        run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], consumer);
        installed = path.join(consumer, "node_modules", rootPackage.name);
    });

    it("ships the compiled package, its typings and the plugin's sources, and nothing for development", () => {
        const files = packed.files.map((file) => file.path);
        for (const required of [
            "package.json",
            "README.md",
            "PulumiPlugin.yaml",
            rootPackage.main,
            rootPackage.types,
            rootPackage.exports["."].default.replace(/^\.\//, ""),
            rootPackage.exports["."].types.replace(/^\.\//, ""),
            rootPackage.exports["./testing"].default.replace(/^\.\//, ""),
            rootPackage.exports["./testing"].types.replace(/^\.\//, ""),
            "LICENSE",
            // What the schema analyzer reads when the plugin answers GetSchema.
            "schema/tsconfig.json",
            "schema/package.json",
            "index.ts",
            "components/role.ts",
            // The verification Job's check, which the compiled package reads and embeds.
            "kubernetes/verify/check.sh",
        ]) {
            assert.ok(files.includes(required), `${required} is not in the tarball`);
        }
        for (const required of [
            (rootPackage.bin ?? {})["eks-pod-identity"],
            "bin/tools/plan/main.js",
            "bin/tools/migrate/index.js",
            "bin/policy/index.js",
            "policy/PulumiPolicy.yaml",
            "policy/package.json",
        ]) {
            assert.ok(files.includes(required), `${required} is not in the tarball`);
        }
        // Compiled: the command's and the policy pack's run-time code, nothing else of the
        // repository's tools, tests, fixtures or sources.
        const development = files.filter(
            (file) =>
                /^(tests|tools|program|examples|node_modules)\//.test(file) ||
                (/^policy\//.test(file) &&
                    !/^policy\/(PulumiPolicy\.yaml|package\.json)$/.test(file)) ||
                /^bin\/(tests|examples|tools\/(?!cli|plan|migrate|mock-engine)[^/]+)\//.test(
                    file,
                ) ||
                /fixtures?\//.test(file),
        );
        assert.deepStrictEqual(development, []);
        assert.ok(files.every((file) => !file.endsWith(".spec.ts") && !file.endsWith(".spec.js")));
        // The repository's development and build configurations name tests, tools and mocha.
        assert.deepStrictEqual(
            files.filter((file) => /^tsconfig(\.\w+)?\.json$/.test(file)),
            [],
        );
    });

    it("ships the Apache-2.0 text that package.json declares", () => {
        assert.strictEqual(rootPackage.license, "Apache-2.0");
        const license = fs.readFileSync(path.join(installed, "LICENSE"), "utf8");
        assert.match(license, /^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
        assert.match(license, /\n\s+END OF TERMS AND CONDITIONS\n/);
        // All nine sections of the terms.
        for (let section = 1; section <= 9; section++) {
            assert.match(license, new RegExp(`\\n\\s+${section}\\. [A-Z]`), `section ${section}`);
        }
    });

    it("ships a source map only where its sources ship", () => {
        const files = new Set(packed.files.map((file) => file.path));
        const broken: string[] = [];
        const maps = [...files].filter((file) => file.endsWith(".js.map"));
        assert.ok(maps.includes("bin/index.js.map"));
        for (const map of maps) {
            const { sources } = JSON.parse(fs.readFileSync(path.join(installed, map), "utf8")) as {
                sources: string[];
            };
            for (const source of sources) {
                const shipped = path.posix.join(path.posix.dirname(map), source);
                if (!files.has(shipped)) {
                    broken.push(`${map} -> ${shipped}`);
                }
            }
        }
        assert.deepStrictEqual(broken, []);
        // A compiled file names a map only when the map ships.
        const dangling = [...files].filter(
            (file) =>
                file.endsWith(".js") &&
                /\/\/# sourceMappingURL=/.test(
                    fs.readFileSync(path.join(installed, file), "utf8"),
                ) &&
                !files.has(`${file}.map`),
        );
        assert.deepStrictEqual(dangling, []);
    });

    it("ships every file the README links to", () => {
        const files = new Set(packed.files.map((file) => file.path));
        const readme = fs.readFileSync(path.join(installed, "README.md"), "utf8");
        const links = relativeLinks(readme).filter((link) => link.path !== "");
        assert.ok(links.some((link) => link.path.startsWith("docs/")));
        assert.deepStrictEqual(
            links.map((link) => link.path).filter((file) => !files.has(path.posix.normalize(file))),
            [],
        );
    });

    it("finds the verification check it ships from the compiled package, as the Job embeds it", () => {
        const script = path.join(installed, "bin", "kubernetes", "verify", "script.js");
        const embedded = run(
            process.execPath,
            ["-e", `process.stdout.write(require(${JSON.stringify(script)}).checkScript())`],
            consumer,
        );
        const shipped = fs.readFileSync(
            path.join(installed, "kubernetes", "verify", "check.sh"),
            "utf8",
        );
        assert.ok(embedded.startsWith("#!/bin/sh\n"));
        assert.ok(embedded.includes('finish 10 "FAIL not injected'));
        // The shipped file, less its comment and blank lines.
        const code = shipped
            .split("\n")
            .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
        assert.strictEqual(embedded, ["#!/bin/sh", ...code].join("\n") + "\n");
    });

    it("installs with one @pulumi/pulumi: the consumer's own, not a copy of its own", () => {
        const fromPackage = createRequire(path.join(fs.realpathSync(installed), "package.json"));
        const fromConsumer = createRequire(path.join(consumer, "package.json"));
        for (const peer of ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes"]) {
            assert.strictEqual(
                fromPackage.resolve(peer),
                fromConsumer.resolve(peer),
                `${peer} resolves to another copy from inside the package`,
            );
        }
        assert.ok(!fs.existsSync(path.join(installed, "node_modules")));
    });

    it("loads with require() from plain JavaScript, through the compiled entry", () => {
        const result = JSON.parse(run(process.execPath, ["require.js"], consumer)) as {
            entry: string;
            exports: string[];
        };
        assert.strictEqual(result.entry, path.join(installed, "bin", "index.js"));
        for (const name of [
            "PodIdentity",
            "PodIdentityRole",
            "PodIdentityTargetRole",
            "PodIdentityAgent",
            "PodIdentityBinding",
            "podIdentityTrustPolicy",
            "presetCatalog",
        ]) {
            assert.ok(result.exports.includes(name), `${name} is not exported`);
        }
    });

    it("type-checks a strict node16 TypeScript consumer, whose fleet then runs under the consumer's mocks", () => {
        const tsc = path.join(consumer, "node_modules", "typescript", "bin", "tsc");
        run(process.execPath, [tsc, "-p", "tsconfig.json"], consumer);
        const result = JSON.parse(
            run(process.execPath, [path.join("out", "fleet.js")], consumer),
        ) as {
            roleArn: string;
            standaloneRoleArn: string;
            associations: string[];
            registered: string[];
            componentIsResource: boolean;
            roleIsResource: boolean;
            outputIsOutput: boolean;
        };
        assert.match(result.roleArn, /^arn:aws:iam::111122223333:role\//);
        assert.match(result.standaloneRoleArn, /^arn:aws:iam::111122223333:role\//);
        assert.strictEqual(result.associations.length, 2);
        for (const type of [
            "aws:eks/addon:Addon",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            "aws:iam/role:Role",
            "eks-pod-identity:index:PodIdentity",
            "kubernetes:core/v1:ServiceAccount",
        ]) {
            assert.ok(result.registered.includes(type), `no ${type} registered`);
        }
        assert.strictEqual(result.componentIsResource, true);
        assert.strictEqual(result.roleIsResource, true);
        assert.strictEqual(result.outputIsOutput, true);
    });

    it("runs docs/testing.md's mocha example against eks-pod-identity/testing: strict node16 and node10 TypeScript, then mocha", () => {
        // The page as the tarball ships it, its one TypeScript block as the user's test file.
        const page = fs.readFileSync(path.join(installed, "docs", "testing.md"), "utf8");
        const [example] = typescriptBlocks(page);
        const tests = path.join(consumer, "testing");
        fs.rmSync(tests, { recursive: true, force: true });
        fs.mkdirSync(tests);
        fs.writeFileSync(path.join(tests, "fleet.spec.ts"), example);
        const tsc = path.join(consumer, "node_modules", "typescript", "bin", "tsc");
        const compile = (resolution: string, module: string, outDir: string) =>
            run(
                process.execPath,
                [
                    ...[tsc, "--strict", "--target", "ES2022", "--skipLibCheck", "false"],
                    ...["--module", module, "--moduleResolution", resolution],
                    ...["--types", "node,mocha", "--outDir", outDir, "fleet.spec.ts"],
                ],
                tests,
            );
        // node10 resolution ignores `exports`: package.json `typesVersions` serves the subpath.
        compile("node10", "commonjs", "out-node10");
        compile("node16", "node16", "out");
        const mocha = path.join(consumer, "node_modules", "mocha", "bin", "mocha.js");
        const result = runStatus(
            process.execPath,
            [mocha, "--timeout", "60000", "--reporter", "json", path.join("out", "fleet.spec.js")],
            tests,
        );
        const report = JSON.parse(result.stdout) as {
            stats: { passes: number; failures: number };
            failures: { fullTitle: string; err: { message: string } }[];
        };
        assert.deepStrictEqual(
            report.failures.map((f) => `${f.fullTitle}: ${f.err.message}`),
            [],
        );
        assert.strictEqual(report.stats.passes, 2);
        assert.strictEqual(result.status, 0, result.stderr);
    });

    it("runs as the plugin `pulumi package add` starts: plain node, and GetSchema offers the six components", async () => {
        // Pulumi's Node.js host require()s the plugin directory (package.json `main`); plain
        // `node <dir>` does the same, with no TypeScript loader registered.
        const { child, port } = await startPlugin(consumer, [installed]);
        try {
            const schema = await schemaOf(consumer, port);
            // From the shipped analyzer configuration (schema/), the schema of the sources.
            assert.deepStrictEqual(schema, JSON.parse(JSON.stringify(analyzePackage().schema)));
            assert.strictEqual(schema.version, rootPackage.version);
            assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
                "eks-pod-identity:index:PodIdentity",
                "eks-pod-identity:index:PodIdentityAddon",
                "eks-pod-identity:index:PodIdentityAgent",
                "eks-pod-identity:index:PodIdentityBinding",
                "eks-pod-identity:index:PodIdentityRole",
                "eks-pod-identity:index:PodIdentityTargetRole",
            ]);
            // The fleet in the form every language writes: clusters name their region.
            const fleet = schema.resources["eks-pod-identity:index:PodIdentity"] as {
                inputProperties: { clusters: { additionalProperties: { $ref: string } } };
            };
            assert.strictEqual(
                fleet.inputProperties.clusters.additionalProperties.$ref,
                "#/types/eks-pod-identity:index:ClusterSettings",
            );
        } finally {
            child.kill();
        }
    });

    it("plans the consumer's own TypeScript project with `npx eks-pod-identity plan`: a mandatory finding, exit status 1", () => {
        // The project imports eks-pod-identity and @pulumi/* from the consumer's install and
        // has no ts-node: the command registers the one the consumer's Pulumi SDK vendors, as
        // Pulumi does. Started in the project's folder, with no directory named.
        const json = runStatus(
            "npx",
            ["--no", "eks-pod-identity", "plan", "--json", "--stack", "dev"],
            path.join(consumer, "project"),
        );
        assert.strictEqual(json.status, 1, json.stderr);
        const doc = JSON.parse(json.stdout) as {
            summary: { status: string };
            resources: { type: string }[];
            policies: { findings: { mandatory: { policy: string }[] } };
        };
        assert.strictEqual(doc.summary.status, "mandatory-violations");
        assert.ok(doc.resources.some((r) => r.type === "aws:iam/role:Role"));
        assert.ok(
            doc.policies.findings.mandatory.some(
                (v) => v.policy === "pod-identity-role-no-admin-attached",
            ),
        );

        const usage = runStatus("npx", ["--no", "eks-pod-identity", "plan", "--jsn"], consumer);
        assert.strictEqual(usage.status, 2);
        assert.match(usage.stderr, /^plan: unknown option --jsn\n\nUsage: eks-pod-identity plan /);
        const help = runStatus("npx", ["--no", "eks-pod-identity", "plan", "--help"], consumer);
        assert.strictEqual(help.status, 0, help.stderr);
        assert.doesNotMatch(help.stdout, /repository/);
    });

    it("migrates a stack export with `npx eks-pod-identity migrate`, printing what `npm run migrate` prints", () => {
        const fleet = path.join(ROOT, "tests", "fixtures", "migrate", "fleet.json");
        const installedRun = runStatus(
            "npx",
            ["--no", "eks-pod-identity", "migrate", fleet],
            consumer,
        );
        let expected = "";
        const status = runMigrate([fleet], {
            stdout: (text) => (expected += text),
            stderr: (text) => assert.fail(text),
            readFile: (file) => fs.readFileSync(file, "utf8"),
        });
        assert.strictEqual(installedRun.status, status, installedRun.stderr);
        assert.strictEqual(installedRun.stdout, expected);
        const missing = runStatus("npx", ["--no", "eks-pod-identity", "migrate"], consumer);
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /usage: eks-pod-identity migrate <file>/);
    });

    it("ships the policy pack compiled: the runner `pulumi preview --policy-pack` uses serves every rule, with the consumer's @pulumi/policy", async () => {
        const pack = path.join(installed, "policy");
        const manifest = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8")) as {
            main: string;
            dependencies?: unknown;
        };
        const entry = path.resolve(pack, manifest.main);
        assert.match(entry, /\.js$/);
        // Nothing for `npm install` to fetch into the pack's folder: a second @pulumi/pulumi there
        // would split the runtime.
        assert.strictEqual(manifest.dependencies, undefined);
        const rules = JSON.parse(
            run(
                process.execPath,
                [
                    "-e",
                    `const { policies } = require(${JSON.stringify(path.join(path.dirname(entry), "rules.js"))});` +
                        "console.log(JSON.stringify(policies.map((p) => [p.name, p.enforcementLevel])));",
                ],
                consumer,
            ),
        ) as [string, string][];
        assert.deepStrictEqual(
            rules,
            policies.map((p) => [p.name, p.enforcementLevel]),
        );
        // pulumi-analyzer-policy resolves the runner from the pack's folder, which finds the
        // consumer's SDK, and starts it there with the program ".".
        const runner = createRequire(path.join(pack, "package.json")).resolve(
            "@pulumi/pulumi/cmd/run-policy-pack",
        );
        assert.ok(
            runner.startsWith(path.join(consumer, "node_modules", "@pulumi", "pulumi") + path.sep),
        );
        const { child, port } = await startPlugin(pack, [runner, "127.0.0.1:0", "."]);
        try {
            const load = createRequire(path.join(consumer, "package.json"));
            const grpc = load("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
            const stubs = load("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
                AnalyzerClient: new (address: string, credentials: unknown) => AnalyzerInfoClient;
            };
            const empty = load("google-protobuf/google/protobuf/empty_pb") as {
                Empty: new () => unknown;
            };
            const client = new stubs.AnalyzerClient(
                `127.0.0.1:${port}`,
                grpc.credentials.createInsecure(),
            );
            const info = await new Promise<{
                getName(): string;
                getPoliciesList(): { getName(): string }[];
            }>((resolve, reject) =>
                client.getAnalyzerInfo(new empty.Empty(), (error, response) => {
                    client.close();
                    return error ? reject(error) : resolve(response);
                }),
            );
            assert.strictEqual(info.getName(), "eks-pod-identity");
            assert.deepStrictEqual(
                info.getPoliciesList().map((p) => p.getName()),
                policies.map((p) => p.name),
            );
        } finally {
            child.kill();
        }
    });
});
