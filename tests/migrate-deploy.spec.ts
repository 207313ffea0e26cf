import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { MigrationDocument, runMigrate } from "../tools/migrate";
import { PACKAGE_ROOT, programOf } from "../tools/mock-engine";
import { parseRootConfig } from "../program/config";
import { json, record, T } from "./harness";

const FLEET = path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", "fleet.json");

function planOf(file: string): MigrationDocument {
    let stdout = "";
    const status = runMigrate([file, "--json"], {
        stdout: (text) => (stdout += text),
        stderr: (text) => assert.fail(text),
        readFile: (name) => fs.readFileSync(name, "utf8"),
    });
    assert.strictEqual(status, 0);
    return JSON.parse(stdout) as MigrationDocument;
}

/**
 * Type-checks modules as if they sat at the given paths, with the repository's compiler
 * options, in one program (loading the typings of @pulumi/aws takes seconds); the errors of
 * each, in order.
 */
function typeErrors(sources: Record<string, string>): string[][] {
    const configFile = ts.readConfigFile(path.join(PACKAGE_ROOT, "tsconfig.json"), (f) =>
        ts.sys.readFile(f),
    );
    const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, PACKAGE_ROOT);
    const compilerOptions = { ...options, noEmit: true };
    const host = ts.createCompilerHost(compilerOptions);
    const virtual = (name: string) => sources[path.resolve(name)];
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, ...rest) =>
        virtual(name) !== undefined
            ? ts.createSourceFile(name, virtual(name), version)
            : getSourceFile(name, version, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => virtual(name) !== undefined || fileExists(name);
    const program = ts.createProgram(Object.keys(sources), compilerOptions, host);
    return Object.keys(sources).map((file) => {
        const sourceFile = program.getSourceFile(file)!;
        return [
            ...program.getSyntacticDiagnostics(sourceFile),
            ...program.getSemanticDiagnostics(sourceFile),
        ].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    });
}

/** The associations a run registered, as `cluster namespace/serviceAccount -> role name`. */
function associations(run: Awaited<ReturnType<typeof record>>): string[] {
    const roles = new Map(run.ofType(T.role).map((r) => [r.outputs.arn, r.name]));
    return run
        .ofType(T.association)
        .map((a) =>
            [
                String(a.inputs.clusterName),
                `${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`,
                "->",
                roles.get(a.inputs.roleArn),
            ].join(" "),
        )
        .sort();
}

describe("npm run migrate: the plan deploys", function () {
    this.timeout(120_000);
    const doc = planOf(FLEET);
    const expected = doc.migrations
        .map((m) => {
            const role = doc.roles.find((r) => r.roleArn === m.roleArn)!;
            return `${m.clusterName} ${m.namespace}/${m.serviceAccount} -> ${role.name}`;
        })
        .sort();

    it("prints a TypeScript snippet that type-checks against the package", () => {
        const at = (name: string) => path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", name);
        const [good, bad] = typeErrors({
            [at("snippet.ts")]: doc.snippet!,
            // The check can fail: a misspelt argument is reported.
            [at("misspelt.ts")]: doc.snippet!.replace("irsaTrust:", "irsaTrusts:"),
        });
        assert.deepStrictEqual(good, []);
        assert.match(bad.join("\n"), /'irsaTrusts' does not exist in type/);
    });

    it("whose program creates each planned association, with the IRSA trust kept", async () => {
        const file = path.join(path.dirname(FLEET), `.snippet-${process.pid}.ts`);
        fs.writeFileSync(file, doc.snippet!);
        try {
            const run = await record(
                programOf({
                    dir: path.dirname(file),
                    name: "migrated",
                    main: file,
                    stack: "migrated",
                    config: {},
                    secretKeys: [],
                    fixture: undefined,
                }),
            );
            assert.deepStrictEqual(associations(run), expected);
            // Adopted, not created: the service accounts and namespaces exist already.
            assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
            assert.deepStrictEqual(run.ofType(T.namespace), []);
            const trust = json(run.get(T.role, "payments-api").inputs.assumeRolePolicy) as {
                Statement: { Action: string[] }[];
            };
            assert.deepStrictEqual(
                trust.Statement.map((s) => s.Action.join(",")),
                [
                    "sts:AssumeRole,sts:TagSession",
                    "sts:AssumeRoleWithWebIdentity",
                    "sts:AssumeRoleWithWebIdentity",
                ],
            );
        } finally {
            fs.rmSync(file, { force: true });
        }
    });

    it("prints stack configuration the root project accepts and deploys", async () => {
        for (const role of doc.roles) {
            const values = Object.fromEntries(
                Object.entries(role.stackConfig!).map(([key, value]) => [
                    key.replace(/^eks-pod-identity:/, ""),
                    typeof value === "string" ? value : JSON.stringify(value),
                ]),
            );
            parseRootConfig(values, "eks-pod-identity");
        }
        const payments = doc.roles.find((r) => r.roleName === "payments-api")!;
        const config: Record<string, string> = { "aws:region": "us-east-1" };
        for (const [key, value] of Object.entries(payments.stackConfig!)) {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
        const run = await record(
            programOf({
                dir: PACKAGE_ROOT,
                name: "eks-pod-identity",
                main: path.join(PACKAGE_ROOT, "program", "index.ts"),
                stack: "payments",
                config,
                secretKeys: [],
                fixture: undefined,
            }),
            { project: "eks-pod-identity", stack: "payments", config },
        );
        assert.deepStrictEqual(
            associations(run),
            expected.filter((row) => row.endsWith("-> payments-api")),
        );
        assert.deepStrictEqual(
            run
                .ofType(T.addon)
                .map((a) => a.inputs.clusterName)
                .sort(),
            ["prod-euw1", "prod-use1"],
        );
    });
});
