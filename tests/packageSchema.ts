/**
 * The package schema exactly as `pulumi package add` gets it from the plugin: the component
 * schema analyzer shipped in @pulumi/pulumi, run over this package for the multi-language
 * components, then turned into a schema. Computed once per test run (the analyzer builds a
 * TypeScript program over the package and its dependencies' typings, which takes seconds).
 */
import * as path from "path";
import { Analyzer, AnalyzeResult } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema, PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";
import * as fs from "fs";
import { MULTI_LANGUAGE_COMPONENTS, PACKAGE_NAME, SCHEMA_DIR } from "../components/multiLanguage";
import packageJson from "../package.json";

export const PACKAGE_ROOT = path.resolve(__dirname, "..");

export interface AnalyzedPackage {
    analysis: AnalyzeResult;
    schema: PackageSpec;
}

let analyzed: AnalyzedPackage | undefined;

export function analyzePackage(): AnalyzedPackage {
    if (!analyzed) {
        // Where the plugin points the analyzer (plugin.ts), with what the package ships there.
        const dir = path.join(PACKAGE_ROOT, SCHEMA_DIR);
        const analyzer = new Analyzer(
            dir,
            PACKAGE_NAME,
            JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<
                string,
                unknown
            >,
            new Set(MULTI_LANGUAGE_COMPONENTS.map((component) => component.name)),
        );
        const analysis = analyzer.analyze();
        const schema = generateSchema(
            PACKAGE_NAME,
            packageJson.version,
            packageJson.description,
            analysis.components,
            analysis.typeDefinitions,
            analysis.dependencies,
        );
        analyzed = { analysis, schema };
    }
    return analyzed;
}

/** A schema property, as the analyzer writes it. */
export interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    optional?: boolean;
    plain?: boolean;
    description?: string;
}

/** The type token a `$ref` of this package's types names, if it is one. */
export function localTypeOf(property: SchemaProperty): string | undefined {
    const prefix = `#/types/${PACKAGE_NAME}:index:`;
    return property.$ref?.startsWith(prefix) ? property.$ref.slice(prefix.length) : undefined;
}

/**
 * A property's type in one short string: `string`, `number[]`, `map<any>`, a type of this
 * package by name, a resource of another package by token; `Input<...>` at the top when the
 * SDKs take an Output there (the analyzer marks everything else plain).
 */
export function renderType(property: SchemaProperty, top = true): string {
    let rendered: string;
    if (property.$ref === "pulumi.json#/Any") {
        rendered = "any";
    } else if (property.$ref) {
        rendered =
            localTypeOf(property) ??
            decodeURIComponent(property.$ref.replace(/^.*#\/resources\//, ""));
    } else if (property.type === "array" && property.items) {
        rendered = `${renderType(property.items, false)}[]`;
    } else if (property.type === "object" && property.additionalProperties) {
        rendered = `map<${renderType(property.additionalProperties, false)}>`;
    } else {
        rendered = String(property.type);
    }
    return top && !property.plain ? `Input<${rendered}>` : rendered;
}
