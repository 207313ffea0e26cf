/** One resource as the program registered it: what `pulumi up` would send to the engine. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    /** True for resources a provider manages; false for components. */
    custom: boolean;
    /** URN of the parent resource ("" for the stack's direct children). */
    parent: string;
    /** Provider reference (`<urn>::<id>`), "" when the default provider applies. */
    provider: string;
    /** Inputs, decoded: secrets revealed, unknowns undefined, resource references as URNs. */
    inputs: Record<string, unknown>;
    /** Inputs on the wire, with secret and unknown markers kept (for masking). */
    wireInputs: Record<string, unknown>;
    /** Outputs the mock cloud answered (components: their registered outputs). */
    outputs: Record<string, unknown>;
    id: string;
    /** URNs this resource waits on (explicit dependsOn and every input's resources). */
    dependencies: string[];
    /** Per input property, the URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
    options: {
        protect?: boolean;
        retainOnDelete?: boolean;
        deleteBeforeReplace?: boolean;
        ignoreChanges: string[];
        replaceOnChanges: string[];
        additionalSecretOutputs: string[];
        deletedWith?: string;
        aliases: unknown[];
        importId?: string;
    };
}

/** One provider function call (data source). */
export interface RecordedInvoke {
    token: string;
    inputs: Record<string, unknown>;
    provider: string;
}

/** One message the program logged (`pulumi.log.*`). */
export interface RecordedLog {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
}
