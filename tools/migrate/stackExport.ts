/**
 * Reads the output of `pulumi stack export`: an untyped deployment `{ version, deployment }`
 * whose deployment (version 3, Pulumi's apitype `DeploymentV3`) has a `manifest` and
 * `resources`, each a `ResourceV3` with `urn`, `custom`, `id`, `type`, `inputs`, `outputs`,
 * `parent` and `provider` (`<provider urn>::<provider id>`).
 */

/** Input that is not a stack export; the message says what was expected. */
export class BadInput extends Error {}

/** The signature key Pulumi marks a secret value with in a deployment. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A value `pulumi stack export` wrote encrypted (without `--show-secrets`). */
export const ENCRYPTED: unique symbol = Symbol("encrypted");

/** One resource of the deployment, secrets revealed where the export shows them. */
export interface ExportedResource {
    urn: string;
    type: string;
    /** The logical name, the URN's last part. */
    name: string;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    /** URN of the resource's provider (the `provider` reference without its id). */
    provider?: string;
}

/** A deployment read from a stack export. */
export interface StackExport {
    resources: ExportedResource[];
    /** How many values were encrypted (exported without `--show-secrets`). */
    encrypted: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Replaces secret envelopes by their plaintext value, or {@link ENCRYPTED}. */
function reveal(value: unknown, counter: { encrypted: number }): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => reveal(item, counter));
    }
    if (!isRecord(value)) {
        return value;
    }
    if (value[SECRET_SIG_KEY] === SECRET_SIG) {
        if (typeof value.plaintext === "string") {
            try {
                return reveal(JSON.parse(value.plaintext), counter);
            } catch {
                return value.plaintext;
            }
        }
        counter.encrypted++;
        return ENCRYPTED;
    }
    return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, reveal(item, counter)]),
    );
}

const EXPECTED =
    'expected the JSON that `pulumi stack export` writes: { "version": 3, "deployment": ' +
    '{ "manifest": {...}, "resources": [...] } }';

/** Parses a stack export; throws {@link BadInput} naming the file when it is not one. */
export function parseStackExport(text: string, file: string): StackExport {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        // One line: JSON.parse quotes the offending input, newlines and all.
        const reason = (error as Error).message.replace(/\s+/g, " ");
        throw new BadInput(`${file} is not JSON (${reason}); ${EXPECTED}.`);
    }
    if (!isRecord(document) || !isRecord(document.deployment) || !("version" in document)) {
        throw new BadInput(`${file} is not a Pulumi stack export; ${EXPECTED}.`);
    }
    if (document.version !== 3) {
        throw new BadInput(
            `${file} holds a version ${JSON.stringify(document.version)} deployment; this tool ` +
                `reads version 3, what \`pulumi stack export\` of Pulumi 3 writes.`,
        );
    }
    const deployment = document.deployment;
    const resources = deployment.resources ?? [];
    if (!isRecord(deployment.manifest) || !Array.isArray(resources)) {
        throw new BadInput(`${file} is not a Pulumi stack export; ${EXPECTED}.`);
    }
    const counter = { encrypted: 0 };
    const parsed = resources.map((resource: unknown, i): ExportedResource => {
        if (!isRecord(resource) || typeof resource.urn !== "string") {
            throw new BadInput(`${file}: deployment.resources[${i}] has no urn; ${EXPECTED}.`);
        }
        const provider = typeof resource.provider === "string" ? resource.provider : undefined;
        return {
            urn: resource.urn,
            type: typeof resource.type === "string" ? resource.type : "",
            name: resource.urn.split("::").pop() ?? "",
            id: typeof resource.id === "string" ? resource.id : undefined,
            inputs: (reveal(resource.inputs, counter) as Record<string, unknown>) ?? {},
            outputs: (reveal(resource.outputs, counter) as Record<string, unknown>) ?? {},
            parent: typeof resource.parent === "string" ? resource.parent : undefined,
            // A provider reference is `<urn>::<id>`, and URNs contain `::` themselves.
            provider: provider?.split("::").slice(0, -1).join("::"),
        };
    });
    return { resources: parsed, encrypted: counter.encrypted };
}

/** A property from a resource's outputs (what the cloud holds), else from its inputs. */
export function property(resource: ExportedResource, key: string): unknown {
    return resource.outputs[key] ?? resource.inputs[key];
}

/** A nested member of a plain value, undefined when any step is missing. */
export function member(value: unknown, ...path: (string | number)[]): unknown {
    let at = value;
    for (const key of path) {
        if (at === null || typeof at !== "object") {
            return undefined;
        }
        at = (at as Record<string | number, unknown>)[key];
    }
    return at;
}
