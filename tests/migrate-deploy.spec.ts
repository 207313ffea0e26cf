import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { MigrationDocument, runMigrate } from "../tools/migrate";
import { PACKAGE_ROOT, programOf } from "../tools/mock-engine";
import { parseRootConfig } from "../program/config";
import { json, record, T } from "./harness";

const FLEET = path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", "fleet.json");
/** The mock cloud in the export's account: EKS wants the association role in the cluster's. */
const EXPORT_ACCOUNT = { accountId: "111122223333" };

function planOf(file: string, ...options: string[]): MigrationDocument {
    let stdout = "";
    const status = runMigrate([file, "--json", ...options], {
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

/** The associations a run registered, as `cluster namespace/serviceAccount -> role`. */
function associations(run: Awaited<ReturnType<typeof record>>): string[] {
    const roles = new Map(run.ofType(T.role).map((r) => [r.outputs.arn, r.name]));
    return run
        .ofType(T.association)
        .map((a) =>
            [
                String(a.inputs.clusterName),
                `${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`,
                "->",
                roles.get(a.inputs.roleArn) ?? String(a.inputs.roleArn),
            ].join(" "),
        )
        .sort();
}

/** The agent add-ons a run installed, by cluster. */
function agentsByCluster(run: Awaited<ReturnType<typeof record>>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const addon of run.ofType(T.addon)) {
        if (addon.inputs.addonName === "eks-pod-identity-agent") {
            const cluster = String(addon.inputs.clusterName);
            counts[cluster] = (counts[cluster] ?? 0) + 1;
        }
    }
    return counts;
}

/** Runs a printed program as the project `migrated`, from a file beside the fixture. */
async function runSnippet(snippet: string) {
    const file = path.join(path.dirname(FLEET), `.snippet-${process.pid}.ts`);
    fs.writeFileSync(file, snippet);
    try {
        return await record(
            programOf({
                dir: path.dirname(file),
                name: "migrated",
                main: file,
                stack: "migrated",
                config: {},
                secretKeys: [],
                fixture: undefined,
            }),
            { fixture: EXPORT_ACCOUNT },
        );
    } finally {
        fs.rmSync(file, { force: true });
    }
}

describe("npm run migrate: the plan deploys", function () {
    this.timeout(120_000);
    const doc = planOf(FLEET);
    const newRoles = planOf(FLEET, "--new-roles");
    const expected = doc.migrations
        .map((m) => `${m.clusterName} ${m.namespace}/${m.serviceAccount} -> ${m.roleArn}`)
        .sort();

    // The add-on change the program closes with, as the owning stack would write it.
    const change = doc
        .snippet!.slice(doc.snippet!.indexOf("// new aws.eks.Addon("))
        .split("\n")
        .filter((line) => line.startsWith("// "))
        .map((line) => line.slice(3))
        .join("\n");
    const addonProgram = `import * as aws from "@pulumi/aws";\n\n${change}\n`;

    it("prints a TypeScript program that type-checks against the package, in both modes", () => {
        const at = (name: string) => path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", name);
        const [good, created, addon, bad] = typeErrors({
            [at("snippet.ts")]: doc.snippet!,
            [at("new-roles.ts")]: newRoles.snippet!,
            [at("addon.ts")]: addonProgram,
            // The check can fail: a misspelt argument is reported.
            [at("misspelt.ts")]: doc.snippet!.replace("roleArn:", "roleArns:"),
        });
        assert.deepStrictEqual(good, []);
        assert.deepStrictEqual(created, []);
        assert.deepStrictEqual(addon, []);
        assert.match(bad.join("\n"), /'roleArns' does not exist in type/);
    });

    it("whose program keeps every role: one agent per cluster at most, no role, one association each", async () => {
        const run = await runSnippet(doc.snippet!);
        // prod-euw1 runs the agent already (the export's add-on): none there; one on prod-use1,
        // shared by the two roles that bind service accounts on it.
        assert.deepStrictEqual(agentsByCluster(run), { "prod-use1": 1 });
        assert.deepStrictEqual(run.ofType(T.role), []);
        assert.deepStrictEqual(associations(run), expected);
        // One per cluster, namespace and service account; none for the EBS CSI driver's, which
        // its add-on's own association takes.
        const keys = run
            .ofType(T.association)
            .map(
                (a) =>
                    `${String(a.inputs.clusterName)}/${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`,
            );
        assert.strictEqual(new Set(keys).size, keys.length);
        assert.ok(!keys.some((k) => k.endsWith("/ebs-csi-controller-sa")), keys.join(", "));
        assert.deepStrictEqual(
            run.ofType(T.addon).map((a) => a.inputs.addonName),
            ["eks-pod-identity-agent"],
        );
        // Adopted, not created: the service accounts and namespaces exist already.
        assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        assert.deepStrictEqual(run.ofType(T.namespace), []);
    });

    it("whose add-on change sets podIdentityAssociations without serviceAccountRoleArn", async () => {
        const run = await runSnippet(addonProgram);
        const addon = run.get(T.addon, "ebs-csi-use1");
        assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
            {
                roleArn: "arn:aws:iam::111122223333:role/ebs-csi",
                serviceAccount: "ebs-csi-controller-sa",
            },
        ]);
        assert.strictEqual(addon.inputs.serviceAccountRoleArn, undefined);
    });

    it("whose --new-roles program creates roles carrying everything, with the IRSA trust kept", async () => {
        const run = await runSnippet(newRoles.snippet!);
        assert.deepStrictEqual(agentsByCluster(run), { "prod-use1": 1 });
        assert.deepStrictEqual(run.names(T.role), ["external-dns", "jobs-runner", "payments-api"]);
        const role = run.get(T.role, "payments-api");
        assert.strictEqual(role.inputs.maxSessionDuration, 7200);
        assert.strictEqual(
            role.inputs.permissionsBoundary,
            "arn:aws:iam::111122223333:policy/platform-boundary",
        );
        assert.deepStrictEqual(role.inputs.tags, { "cost-center": "cc-1042", team: "payments" });
        assert.strictEqual(run.get(T.role, "external-dns").inputs.path, "/controllers/");
        const trust = json(role.inputs.assumeRolePolicy) as { Statement: { Action: string[] }[] };
        assert.deepStrictEqual(
            trust.Statement.map((s) => s.Action.join(",")),
            [
                "sts:AssumeRole,sts:TagSession",
                "sts:AssumeRoleWithWebIdentity",
                "sts:AssumeRoleWithWebIdentity",
            ],
        );
        const inline = (name: string) =>
            json(
                run
                    .ofType(T.rolePolicy)
                    .find(
                        (p) => p.name.startsWith(`${name}-inline`) || p.name === `${name}-inline`,
                    )!.inputs.policy,
            ) as { Statement: object[] };
        assert.deepStrictEqual(inline("payments-api").Statement, [
            {
                Sid: "Ledger",
                Effect: "Allow",
                Action: ["dynamodb:PutItem"],
                Resource: ["arn:aws:dynamodb:us-east-1:111122223333:table/ledger"],
            },
        ]);
        assert.deepStrictEqual(inline("jobs-runner").Statement, [
            {
                Effect: "Allow",
                Action: ["s3:PutObject"],
                Resource: ["arn:aws:s3:::nightly-exports/*"],
            },
        ]);
        assert.deepStrictEqual(
            run
                .ofType(T.attachment)
                .map((a) => a.inputs.policyArn)
                .sort(),
            [
                "arn:aws:iam::111122223333:policy/external-dns-route53",
                "arn:aws:iam::111122223333:policy/payments-receipts-s3",
                "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess",
            ],
        );
        assert.strictEqual(run.ofType(T.association).length, expected.length);
    });

    it("prints stack configuration the root project accepts and deploys, the agent once per cluster", async () => {
        for (const plan of [doc, newRoles]) {
            for (const role of plan.roles.filter((r) => r.stackConfig)) {
                const values = Object.fromEntries(
                    Object.entries(role.stackConfig!).map(([key, value]) => [
                        key.replace(/^eks-pod-identity:/, ""),
                        typeof value === "string" ? value : JSON.stringify(value),
                    ]),
                );
                parseRootConfig(values, "eks-pod-identity");
            }
        }
        const agents: Record<string, number> = {};
        let all: string[] = [];
        for (const role of doc.roles.filter((r) => r.stackConfig)) {
            const config: Record<string, string> = { "aws:region": "us-east-1" };
            for (const [key, value] of Object.entries(role.stackConfig!)) {
                config[key] = typeof value === "string" ? value : JSON.stringify(value);
            }
            const run = await record(
                programOf({
                    dir: PACKAGE_ROOT,
                    name: "eks-pod-identity",
                    main: path.join(PACKAGE_ROOT, "program", "index.ts"),
                    stack: role.name,
                    config,
                    secretKeys: [],
                    fixture: undefined,
                }),
                { project: "eks-pod-identity", stack: role.name, config, fixture: EXPORT_ACCOUNT },
            );
            assert.deepStrictEqual(run.ofType(T.role), [], role.name);
            all = [...all, ...associations(run)];
            for (const [cluster, n] of Object.entries(agentsByCluster(run))) {
                agents[cluster] = (agents[cluster] ?? 0) + n;
            }
        }
        // Across the stacks of every role: the agent once on prod-use1, none on prod-euw1.
        assert.deepStrictEqual(agents, { "prod-use1": 1 });
        assert.deepStrictEqual(all.sort(), expected);
    });
});
