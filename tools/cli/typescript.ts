/**
 * TypeScript programs are loaded the way Pulumi's Node.js runtime loads them (the SDK's
 * `cmd/run/run.js`, @pulumi/pulumi 3.276): unless the project sets the `typescript` runtime
 * option to false, ts-node is registered before the program is required, with the project's
 * tsconfig.json (or `PULUMI_NODEJS_TSCONFIG_PATH`) over Pulumi's defaults, type-checking unless
 * `PULUMI_NODEJS_TRANSPILE_ONLY=true` or the tsconfig sets `noCheck`. ts-node and typescript
 * come from the project's install, else from the copies the SDK vendors (ts-node 7.0.1,
 * typescript 3.8.3): the project's own SDK chooses, with its `tsutils`. Pulumi's automatic ESM
 * mode (`"type": "module"` projects) is not supported.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import Module from "module";
import * as path from "path";

interface TsUtils {
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
    loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
}

interface TsNode {
    register(options: Record<string, unknown>): unknown;
}

/** ts-node marks the process it registered in (ts-node 10's `REGISTER_INSTANCE`). */
const REGISTERED = Symbol.for("ts-node.register.instance");

/** The `typescript` runtime option of a project's Pulumi.yaml (default true, as in Pulumi). */
function typeScriptEnabled(projectDir: string): boolean {
    const file = path.join(projectDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        return false;
    }
    const project = yaml.load(fs.readFileSync(file, "utf8")) as {
        runtime?: string | { options?: { typescript?: unknown } };
    } | null;
    const option =
        typeof project?.runtime === "object" ? project.runtime.options?.typescript : undefined;
    return option !== false && option !== "false";
}

/**
 * Registers ts-node for the project's program as `pulumi preview` would; does nothing when the
 * project turns TypeScript off, or when ts-node is already registered in this process (this
 * repository's `npm run plan` runs under ts-node already). Returns what was used, for --verbose.
 */
export function registerTypeScript(projectDir: string): string | undefined {
    if (
        (process as unknown as Record<symbol, unknown>)[REGISTERED] ||
        !typeScriptEnabled(projectDir)
    ) {
        return undefined;
    }
    const fromProject = Module.createRequire(path.join(projectDir, "package.json"));
    let tsutilsPath: string;
    try {
        tsutilsPath = fromProject.resolve("@pulumi/pulumi/tsutils");
    } catch {
        // No SDK in the project: the program cannot run anyway, and says so when it is loaded.
        return undefined;
    }
    const fromSdk = Module.createRequire(tsutilsPath);
    const tsutils = fromSdk(tsutilsPath) as TsUtils;
    const tsConfigPath = path.resolve(
        projectDir,
        process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json",
    );
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
    const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions.noCheck;
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const compiler = fromSdk.resolve(typescriptRequire);
    const ts = fromSdk(compiler) as { version: string };
    const [major, minor] = ts.version.split(".").map(Number);
    // TypeScript 4.7 introduced `nodenext`; Pulumi falls back to commonjs before it.
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    const tsNode = fromSdk(tsnodeRequire) as TsNode;
    tsNode.register({
        compiler,
        transpileOnly,
        project: tsConfigPath,
        skipProject: !fs.existsSync(tsConfigPath),
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: "true",
            ...compilerOptions,
        },
    });
    return `ts-node ${fromSdk.resolve(tsnodeRequire)} with typescript ${ts.version}`;
}
