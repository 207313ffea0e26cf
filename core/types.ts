/**
 * An arbitrary JSON value (object, list, string, number, boolean).
 *
 * Pulumi's component schema maps `any` to `pulumi.json#/Any`, which is the one type that
 * carries free-form JSON to Python, Go, C# and YAML; TypeScript has no other way to express
 * it that the schema analyzer accepts, so this alias is the single deliberate `any` in the
 * public types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonValue = any;
