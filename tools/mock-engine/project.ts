import * as fs from "fs";
import * as yaml from "js-yaml";
import Module from "module";
import * as path from "path";
import { mergeFixtures } from "./fixture";

/**
 * The package's root (its package.json's folder): the repository checkout when this runs from
 * source, or the installed package when it runs compiled from `bin/tools/mock-engine`.
 */
export const PACKAGE_ROOT = packageRoot(__dirname);

function packageRoot(from: string): string {
    let dir = from;
    while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) {
        dir = path.dirname(dir);
    }
    return dir;
}

/** What `eks-pod-identity` means to a program that cannot resolve it: these sources, or the build. */
const PACKAGE_ENTRY = __filename.endsWith(".ts")
    ? path.join(PACKAGE_ROOT, "index.ts")
    : path.join(PACKAGE_ROOT, "bin", "index.js");

/** A Pulumi project on disk and one of its stacks' configuration. */
export interface PulumiProject {
    dir: string;
    name: string;
    /** Absolute path of the program's entry file. */
    main: string;
    stack: string;
    /** `<namespace>:<key>` -> value as the runtime expects it (objects as JSON). */
    config: Record<string, string>;
    /** Keys whose values are secret (`secure:` in the stack file). */
    secretKeys: string[];
    /**
     * Fixture values for the mock engine: the stack file's `x-mock` section, overridden by
     * `Pulumi.<stack>.mock.yaml` beside it (which survives the CLI rewriting the stack file).
     * Unvalidated: see `checkFixture`.
     */
    fixture: unknown;
    /** The files the fixture came from, for messages. */
    fixtureSources?: string[];
}

interface ProjectFile {
    name: string;
    runtime?: string | { name?: string };
    main?: string;
    config?: Record<string, unknown>;
}

/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the CLI does: project config
 * defaults first, then the stack's values; keys without a namespace belong to the project.
 */
export function readProject(dir: string, stack?: string): PulumiProject {
    const projectDir = path.resolve(dir);
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    if (!fs.existsSync(projectFile)) {
        throw new Error(`${projectDir} is not a Pulumi project: no Pulumi.yaml there.`);
    }
    const project = yaml.load(fs.readFileSync(projectFile, "utf8")) as ProjectFile;
    const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime?.name;
    if (runtime !== undefined && runtime !== "nodejs") {
        throw new Error(
            `${projectDir} is a Pulumi ${runtime} program; the mock engine runs Node.js (TypeScript) ` +
                `programs only. Preview it with the Pulumi CLI instead.`,
        );
    }
    const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const set = (key: string, value: unknown) => {
        if (value !== null && typeof value === "object" && "secure" in value) {
            // Ciphertext cannot be decrypted without the stack's secrets provider.
            config[qualify(key)] = "[secret]";
            secretKeys.push(qualify(key));
            return;
        }
        config[qualify(key)] = typeof value === "string" ? value : JSON.stringify(value);
    };
    for (const [key, spec] of Object.entries(project.config ?? {})) {
        if (spec !== null && typeof spec === "object") {
            const declared = spec as { default?: unknown; value?: unknown };
            const value = declared.value ?? declared.default;
            if (value !== undefined) {
                set(key, value);
            }
        } else if (spec !== undefined) {
            set(key, spec);
        }
    }
    let fixture: unknown;
    const fixtureSources: string[] = [];
    let stackName = stack ?? "dev";
    const stackFiles = fs
        .readdirSync(projectDir)
        .filter((file) => /^Pulumi\.[^.]+\.ya?ml$/.test(file))
        .sort();
    const stackFile = stack
        ? stackFiles.find((file) => file.split(".")[1] === stack)
        : stackFiles[0];
    if (stack && !stackFile) {
        throw new Error(`stack ${stack}: no Pulumi.${stack}.yaml in ${projectDir}`);
    }
    if (stackFile) {
        stackName = stackFile.split(".")[1];
        const parsed = (yaml.load(fs.readFileSync(path.join(projectDir, stackFile), "utf8")) ??
            {}) as { config?: Record<string, unknown>; "x-mock"?: unknown };
        for (const [key, value] of Object.entries(parsed.config ?? {})) {
            set(key, value);
        }
        if (parsed["x-mock"] !== undefined) {
            fixture = parsed["x-mock"];
            fixtureSources.push(`${stackFile} (x-mock)`);
        }
    }
    // Commands that rewrite a stack file (`pulumi config set`) keep only the keys the CLI
    // knows, so a fixture can live in a file of its own.
    const mockFile = path.join(projectDir, `Pulumi.${stackName}.mock.yaml`);
    if (fs.existsSync(mockFile)) {
        fixture = mergeFixtures(fixture, yaml.load(fs.readFileSync(mockFile, "utf8")));
        fixtureSources.push(path.basename(mockFile));
    }
    return {
        dir: projectDir,
        name: project.name,
        main: resolveMain(projectDir, project.main),
        stack: stackName,
        config,
        secretKeys,
        fixture,
        fixtureSources,
    };
}

function resolveMain(projectDir: string, main: string | undefined): string {
    const target = path.resolve(projectDir, main ?? ".");
    if (fs.existsSync(target) && fs.statSync(target).isFile()) {
        return target;
    }
    for (const candidate of ["index.ts", "index.js"]) {
        if (fs.existsSync(path.join(target, candidate))) {
            return path.join(target, candidate);
        }
    }
    throw new Error(`no program entry (index.ts) in ${target}`);
}

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
let aliased = false;

/**
 * Programs `import ... from "eks-pod-identity"` through their own package.json dependency
 * (the examples are npm workspaces of this repository, so `npm ci` installs it). Only a
 * program with no such dependency falls back to this package.
 */
function aliasPackage(): void {
    if (aliased) {
        return;
    }
    aliased = true;
    const original = moduleInternals._resolveFilename;
    moduleInternals._resolveFilename = function (this: unknown, request, ...rest) {
        try {
            return original.call(this, request, ...rest);
        } catch (error) {
            if (request !== "eks-pod-identity") {
                throw error;
            }
            return original.call(this, PACKAGE_ENTRY, ...rest);
        }
    };
}

/**
 * The program of a project as a function the mock engine can run: it loads the entry file
 * afresh (so the program runs once per call) and returns its exports, the stack outputs.
 */
export function programOf(project: PulumiProject): () => unknown {
    aliasPackage();
    // The entry's directory is reloaded even outside the project (`main: ../program/index.ts`),
    // or a second run would get the first run's cached exports. The package itself stays
    // loaded, as an installed dependency would: for the root project only its program reloads.
    const dirs = [path.dirname(project.main)];
    if (project.dir !== PACKAGE_ROOT) {
        dirs.push(project.dir);
    }
    const prefixes = dirs.map((dir) => dir + path.sep);
    return () => {
        for (const cached of Object.keys(require.cache)) {
            if (
                prefixes.some((dir) => cached.startsWith(dir)) &&
                !cached.includes(`${path.sep}node_modules${path.sep}`)
            ) {
                delete require.cache[cached];
            }
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(project.main) as unknown;
    };
}
