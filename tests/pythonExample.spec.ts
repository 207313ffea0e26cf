import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { PACKAGE_NAME } from "../components/multiLanguage";
import { analyzePackage, PACKAGE_ROOT, SchemaProperty } from "./packageSchema";
import { pyName, pythonInputClass, pythonModule } from "./pythonNames";
import { PyCall, PyExpression, topLevelAssignments } from "./pythonSource";
import { checkValue, ValueReader } from "./schemaValues";

const EXAMPLE = path.join(PACKAGE_ROOT, "examples", "python-fleet");

describe("examples/python-fleet: PodIdentity from Python, through the generated SDK's names", function () {
    let schema: ReturnType<typeof analyzePackage>["schema"];
    let source: string;
    let alias: string;

    before(function () {
        this.timeout(120_000);
        schema = analyzePackage().schema;
        source = fs.readFileSync(path.join(EXAMPLE, "__main__.py"), "utf8");
        const imported = new RegExp(`^import ${pythonModule(PACKAGE_NAME)} as (\\w+)$`, "m").exec(
            source,
        );
        assert.ok(imported, `imports ${pythonModule(PACKAGE_NAME)}`);
        alias = imported[1];
    });

    /** Python's spelling of a schema object: its `<Type>Args` class, snake_case keywords. */
    const reader: ValueReader = {
        isExpression: (value) => value instanceof PyExpression,
        entriesOf(value, type, fields, at, problems) {
            let entries: [string, unknown][];
            if (value instanceof PyCall) {
                const expected = `${alias}.${pythonInputClass(type)}`;
                if (value.callee !== expected) {
                    problems.push(`${at}: ${value.callee}(...) where the SDK takes ${expected}`);
                }
                if (value.args.length > 0) {
                    problems.push(`${at}: ${value.callee} takes keyword arguments only`);
                }
                entries = value.kwargs;
            } else {
                // A dict: the SDK's `<Type>ArgsDict` takes the same snake_case keys.
                entries = Object.entries(value);
            }
            const byPythonName = new Map(Object.keys(fields).map((key) => [pyName(key), key]));
            return entries.map(([key, item]) => [byPythonName.get(key) ?? key, item, key]);
        },
    };

    /** Every call of the SDK's classes at the top of the program, by the variable it sets. */
    function sdkCalls(): [string, PyCall][] {
        return topLevelAssignments(source).filter(
            (entry): entry is [string, PyCall] =>
                entry[1] instanceof PyCall && entry[1].callee.startsWith(`${alias}.`),
        );
    }

    it("is a Python project with the SDK that `pulumi package add` generates from this repository", () => {
        const project = yaml.load(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as {
            runtime: { name: string };
            packages: Record<string, string>;
        };
        assert.strictEqual(project.runtime.name, "python");
        assert.strictEqual(path.resolve(EXAMPLE, project.packages[PACKAGE_NAME]), PACKAGE_ROOT);
        const requirements = fs
            .readFileSync(path.join(EXAMPLE, "requirements.txt"), "utf8")
            .split("\n")
            .filter((line) => line.trim() && !line.startsWith("#"));
        assert.ok(requirements.some((line) => /^pulumi\b/.test(line)));
        assert.ok(requirements.includes(`sdks/${PACKAGE_NAME}`));
    });

    it("creates a PodIdentity for two clusters in two regions, with the schema's arguments", () => {
        const calls = sdkCalls();
        assert.deepStrictEqual(
            calls.map(([, call]) => call.callee),
            [`${alias}.PodIdentity`],
        );
        const [, fleet] = calls[0];
        const resource = schema.resources[`${PACKAGE_NAME}:index:PodIdentity`];
        const inputs = (resource.inputProperties ?? {}) as Record<string, SchemaProperty>;
        const byPythonName = new Map(Object.keys(inputs).map((key) => [pyName(key), key]));
        const problems: string[] = [];
        assert.strictEqual(typeof fleet.args[0], "string", "the resource name comes first");
        const given = new Set<string>();
        for (const [keyword, value] of fleet.kwargs) {
            const input = byPythonName.get(keyword);
            if (keyword === "opts") {
                continue;
            } else if (!input) {
                problems.push(`PodIdentity(${keyword}=...): no such argument`);
            } else {
                given.add(input);
                checkValue(schema, reader, value, inputs[input], keyword, problems);
            }
        }
        for (const required of resource.requiredInputs ?? []) {
            if (!given.has(required)) {
                problems.push(`PodIdentity(${pyName(required)}=...): required`);
            }
        }
        assert.deepStrictEqual(problems, []);

        const clusters = fleet.kwargs.find(([keyword]) => keyword === "clusters")?.[1] as Record<
            string,
            PyCall
        >;
        const regions = Object.values(clusters).map(
            (cluster) => cluster.kwargs.find(([keyword]) => keyword === "region")?.[1],
        );
        assert.deepStrictEqual(regions.sort(), ["eu-west-1", "us-east-1"]);
    });

    it("reads only outputs PodIdentity has, by their Python names", () => {
        const resource = schema.resources[`${PACKAGE_NAME}:index:PodIdentity`];
        const outputs = new Set(Object.keys(resource.properties ?? {}).map(pyName));
        const problems: string[] = [];
        let reads = 0;
        for (const [variable] of sdkCalls()) {
            for (const match of source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, "g"))) {
                reads++;
                if (!outputs.has(match[1])) {
                    problems.push(`${variable}.${match[1]}: PodIdentity has no such output`);
                }
            }
        }
        assert.deepStrictEqual(problems, []);
        assert.ok(reads > 0, "the program exports some outputs");
    });

    it("spells names as Pulumi's Python generator does (PyName, `<Type>Args`, pulumi_<package>)", () => {
        // The cases PyName's comments name, a plural acronym, a keyword, and this schema's own.
        const cases: Record<string, string> = {
            Sha256Hash: "sha256_hash",
            SHA256Hash: "sha256_hash",
            podCIDRs: "pod_cidrs",
            Sid: "sid",
            NotAction: "not_action",
            managedPolicyArns: "managed_policy_arns",
            roleArn: "role_arn",
            from: "from_",
        };
        for (const [name, expected] of Object.entries(cases)) {
            assert.strictEqual(pyName(name), expected, name);
        }
        assert.strictEqual(pythonModule("eks-pod-identity"), "pulumi_eks_pod_identity");
        assert.strictEqual(pythonInputClass("ClusterSettings"), "ClusterSettingsArgs");
    });
});
