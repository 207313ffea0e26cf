import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { PACKAGE_NAME } from "../components/multiLanguage";
import { analyzePackage, localTypeOf, PACKAGE_ROOT, SchemaProperty } from "./packageSchema";

const EXAMPLE = path.join(PACKAGE_ROOT, "examples", "yaml");

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

/** `${a.b}` expressions anywhere in a value, as [root, first property]. */
function references(value: unknown): [string, string | undefined][] {
    if (typeof value === "string") {
        return [...value.matchAll(/\$\{([^}.[]+)(?:\.([^}.[]+))?[^}]*\}/g)].map((m) => [
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

/** True for a value that is a single `${...}` expression (its type is checked by Pulumi). */
function isExpression(value: unknown): boolean {
    return typeof value === "string" && /^\$\{[^}]+\}$/.test(value);
}

describe("examples/yaml: the components from a Pulumi YAML program", function () {
    let program: YamlProgram;
    let schema: ReturnType<typeof analyzePackage>["schema"];

    before(function () {
        this.timeout(120_000);
        schema = analyzePackage().schema;
        program = yaml.load(
            fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8"),
        ) as YamlProgram;
    });

    /** Checks a property value against its schema, collecting what does not fit. */
    function check(value: unknown, property: SchemaProperty, at: string, problems: string[]) {
        if (isExpression(value)) {
            return;
        }
        const local = localTypeOf(property);
        const type = local ? schema.types[`${PACKAGE_NAME}:index:${local}`] : undefined;
        if (type?.enum) {
            if (!type.enum.some((member) => member.value === value)) {
                problems.push(`${at}: ${JSON.stringify(value)} is not a ${local}`);
            }
        } else if (type) {
            if (value === null || typeof value !== "object" || Array.isArray(value)) {
                problems.push(`${at}: expected a ${local} object`);
                return;
            }
            const fields = (type.properties ?? {}) as Record<string, SchemaProperty>;
            for (const [key, item] of Object.entries(value)) {
                if (!fields[key]) {
                    problems.push(`${at}.${key}: ${local} has no such property`);
                } else {
                    check(item, fields[key], `${at}.${key}`, problems);
                }
            }
            for (const key of type.required ?? []) {
                if (!(key in value)) {
                    problems.push(`${at}.${key}: required by ${local}`);
                }
            }
        } else if (property.type === "array") {
            if (!Array.isArray(value)) {
                problems.push(`${at}: expected a list`);
            } else if (property.items) {
                value.forEach((item, i) => check(item, property.items!, `${at}[${i}]`, problems));
            }
        } else if (property.type === "object" && property.additionalProperties) {
            for (const [key, item] of Object.entries(value as object)) {
                check(item, property.additionalProperties, `${at}.${key}`, problems);
            }
        } else if (property.type && ["string", "number", "boolean"].includes(property.type)) {
            if (typeof value !== property.type) {
                problems.push(`${at}: expected a ${property.type}, got ${JSON.stringify(value)}`);
            }
        }
    }

    it("takes the package from this repository through `packages:`", () => {
        assert.strictEqual(program.runtime, "yaml");
        const source = program.packages?.[PACKAGE_NAME];
        assert.ok(source, "packages: eks-pod-identity");
        const root = path.resolve(EXAMPLE, source);
        assert.strictEqual(root, PACKAGE_ROOT);
        assert.ok(fs.existsSync(path.join(root, "PulumiPlugin.yaml")));
    });

    it("uses role, agent and binding, each a resource of the schema, setting only its inputs", () => {
        const ours = Object.entries(program.resources).filter(([, r]) =>
            r.type.startsWith(`${PACKAGE_NAME}:`),
        );
        assert.deepStrictEqual(ours.map(([, r]) => r.type).sort(), [
            `${PACKAGE_NAME}:index:PodIdentityAgent`,
            `${PACKAGE_NAME}:index:PodIdentityBinding`,
            `${PACKAGE_NAME}:index:PodIdentityRole`,
        ]);
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
                    check(value, inputs[key], `${name}.${key}`, problems);
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
