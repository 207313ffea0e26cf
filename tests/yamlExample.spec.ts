import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { PACKAGE_NAME } from "../components/multiLanguage";
import { analyzePackage, PACKAGE_ROOT, SchemaProperty } from "./packageSchema";
import { checkValue, ValueReader } from "./schemaValues";

interface YamlResource {
    type: string;
    properties?: Record<string, unknown>;
    options?: { providers?: Record<string, unknown>; provider?: unknown };
}

interface YamlProgram {
    runtime: string | { name: string };
    packages?: Record<string, string>;
    config?: Record<string, unknown>;
    resources: Record<string, YamlResource>;
    outputs?: Record<string, unknown>;
}

/**
 * `${a.b}` expressions anywhere in a value, as [root, first property]. `$$` is a literal `$`
 * (pulumi-yaml pkg/pulumiyaml/ast/interpolation.go), so `$${...}` is no expression.
 */
function references(value: unknown): [string, string | undefined][] {
    if (typeof value === "string") {
        return [...value.matchAll(/(?<!\$)\$\{([^}.[]+)(?:\.([^}.[]+))?[^}]*\}/g)].map((m) => [
            m[1],
            m[2],
        ]);
    }
    if (Array.isArray(value)) {
        return value.flatMap(references);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).flatMap(references);
    }
    return [];
}

/** Pulumi YAML's spelling: `${...}` alone is an expression; keys are the schema's names. */
const YAML_VALUES: ValueReader = {
    isExpression: (value) => typeof value === "string" && /^\$\{[^}]+\}$/.test(value),
    entriesOf: (value) => Object.entries(value).map(([key, item]) => [key, item, key]),
};

/** The YAML examples, with the components each uses. */
const EXAMPLES: Record<string, string[]> = {
    // Role, agent and binding, each cluster's providers given as resource options.
    yaml: ["PodIdentityAgent", "PodIdentityBinding", "PodIdentityRole"],
    // The fleet in one resource: each cluster names its region.
    "yaml-fleet": ["PodIdentity"],
};

for (const [example, components] of Object.entries(EXAMPLES)) {
    const dir = path.join(PACKAGE_ROOT, "examples", example);

    describe(`examples/${example}: the components from a Pulumi YAML program`, function () {
        let program: YamlProgram;
        let schema: ReturnType<typeof analyzePackage>["schema"];

        before(function () {
            this.timeout(120_000);
            schema = analyzePackage().schema;
            program = yaml.load(
                fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"),
            ) as YamlProgram;
        });

        it("takes the package from this repository through `packages:`", () => {
            assert.strictEqual(program.runtime, "yaml");
            const source = program.packages?.[PACKAGE_NAME];
            assert.ok(source, "packages: eks-pod-identity");
            const root = path.resolve(dir, source);
            assert.strictEqual(root, PACKAGE_ROOT);
            assert.ok(fs.existsSync(path.join(root, "PulumiPlugin.yaml")));
        });

        it(`uses ${components.join(", ")}, each a resource of the schema, setting only its inputs`, () => {
            const ours = Object.entries(program.resources).filter(([, r]) =>
                r.type.startsWith(`${PACKAGE_NAME}:`),
            );
            assert.deepStrictEqual(
                ours.map(([, r]) => r.type).sort(),
                components.map((component) => `${PACKAGE_NAME}:index:${component}`),
            );
            const problems: string[] = [];
            for (const [name, resource] of ours) {
                const definition = schema.resources[resource.type];
                assert.ok(definition, `${resource.type} is not in the schema`);
                const inputs = (definition.inputProperties ?? {}) as Record<string, SchemaProperty>;
                const properties = resource.properties ?? {};
                for (const [key, value] of Object.entries(properties)) {
                    if (!inputs[key]) {
                        problems.push(`${name}.${key}: not an input of ${resource.type}`);
                    } else {
                        checkValue(
                            schema,
                            YAML_VALUES,
                            value,
                            inputs[key],
                            `${name}.${key}`,
                            problems,
                        );
                    }
                }
                for (const key of definition.requiredInputs ?? []) {
                    if (!(key in properties)) {
                        problems.push(`${name}.${key}: required`);
                    }
                }
            }
            assert.deepStrictEqual(problems, []);
        });

        it("reads only outputs the components have, and config and resources it declares", () => {
            const problems: string[] = [];
            const everything = [
                ...Object.values(program.resources).map((r) => [r.properties, r.options]),
                program.outputs,
            ];
            for (const [root, property] of references(everything)) {
                const resource = program.resources[root];
                if (!resource) {
                    if (!(root in (program.config ?? {}))) {
                        problems.push(`\${${root}}: neither a resource nor a config value`);
                    }
                    continue;
                }
                const definition = schema.resources[resource.type];
                if (definition && property && !(definition.properties ?? {})[property]) {
                    problems.push(`\${${root}.${property}}: ${resource.type} has no such output`);
                }
            }
            assert.deepStrictEqual(problems, []);
        });

        it("passes providers as a resource option: a map of package to a provider of that package", () => {
            for (const [name, resource] of Object.entries(program.resources)) {
                const providers = resource.options?.providers;
                if (providers === undefined) {
                    continue;
                }
                assert.ok(
                    typeof providers === "object" && !Array.isArray(providers),
                    `${name}: providers must be a map`,
                );
                for (const [pkg, reference] of Object.entries(providers)) {
                    const target = /^\$\{([^}]+)\}$/.exec(String(reference))?.[1];
                    assert.strictEqual(
                        target && program.resources[target]?.type,
                        `pulumi:providers:${pkg}`,
                        `${name}: providers.${pkg}`,
                    );
                }
            }
        });
    });
}

describe("examples/yaml-fleet: two clusters in two regions", () => {
    it("names a distinct region for each cluster, and no provider objects", () => {
        const program = yaml.load(
            fs.readFileSync(
                path.join(PACKAGE_ROOT, "examples", "yaml-fleet", "Pulumi.yaml"),
                "utf8",
            ),
        ) as YamlProgram;
        const clusters = program.resources.fleet.properties?.clusters as Record<
            string,
            { region?: string }
        >;
        assert.deepStrictEqual(
            Object.values(clusters)
                .map((cluster) => cluster.region)
                .sort(),
            ["eu-west-1", "us-east-1"],
        );
        assert.ok(
            Object.values(program.resources).every((r) => !r.type.startsWith("pulumi:providers:")),
        );
    });
});
