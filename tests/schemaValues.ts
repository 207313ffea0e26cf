/**
 * Checks a program's literal values against the package schema, as Pulumi's schema binder and
 * the generated SDKs see them: objects of this package's types (no unknown keys, required keys
 * present), enums, lists, maps and primitives. Expressions the program computes (`${...}` in
 * YAML, variables in Python) are left to Pulumi's own type checks.
 */
import { PACKAGE_NAME } from "../components/multiLanguage";
import { localTypeOf, SchemaProperty } from "./packageSchema";
import type { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";

/** A value as a program spells it: the language decides what is an expression. */
export interface ValueReader {
    /** True for a value the program computes, whose type Pulumi checks. */
    isExpression(value: unknown): boolean;
    /**
     * The entries of an object value of the type `type`, each as [the schema's property name,
     * the value, the program's spelling]; adds a problem, at `at`, for a value written as
     * another type.
     */
    entriesOf(
        value: object,
        type: string,
        fields: Record<string, SchemaProperty>,
        at: string,
        problems: string[],
    ): [string, unknown, string][];
}

/** Collects what does not fit `property` in `value`, each problem naming its path. */
export function checkValue(
    schema: PackageSpec,
    reader: ValueReader,
    value: unknown,
    property: SchemaProperty,
    at: string,
    problems: string[],
): void {
    if (reader.isExpression(value)) {
        return;
    }
    const local = localTypeOf(property);
    const type = local ? schema.types[`${PACKAGE_NAME}:index:${local}`] : undefined;
    if (type?.enum) {
        if (!type.enum.some((member) => member.value === value)) {
            problems.push(`${at}: ${JSON.stringify(value)} is not a ${local}`);
        }
    } else if (type && local) {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            problems.push(`${at}: expected a ${local} object`);
            return;
        }
        const fields = (type.properties ?? {}) as Record<string, SchemaProperty>;
        const present = new Set<string>();
        for (const [key, item, spelled] of reader.entriesOf(value, local, fields, at, problems)) {
            if (!fields[key]) {
                problems.push(`${at}.${spelled}: ${local} has no such property`);
            } else {
                present.add(key);
                checkValue(schema, reader, item, fields[key], `${at}.${spelled}`, problems);
            }
        }
        for (const key of type.required ?? []) {
            if (!present.has(key)) {
                problems.push(`${at}.${key}: required by ${local}`);
            }
        }
    } else if (property.type === "array") {
        if (!Array.isArray(value)) {
            problems.push(`${at}: expected a list`);
        } else if (property.items) {
            const items = property.items;
            value.forEach((item, i) =>
                checkValue(schema, reader, item, items, `${at}[${i}]`, problems),
            );
        }
    } else if (property.type === "object" && property.additionalProperties) {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            problems.push(`${at}: expected a map`);
            return;
        }
        for (const [key, item] of Object.entries(value)) {
            checkValue(
                schema,
                reader,
                item,
                property.additionalProperties,
                `${at}.${key}`,
                problems,
            );
        }
    } else if (property.type && ["string", "number", "boolean"].includes(property.type)) {
        if (typeof value !== property.type) {
            problems.push(`${at}: expected a ${property.type}, got ${JSON.stringify(value)}`);
        }
    }
}
