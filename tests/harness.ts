/**
 * The shared mock harness: evaluates a program as `pulumi up` would, under the recording
 * mock engine, and offers lookups over what it registered and invoked.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    MockRun,
    ProgramError,
    RecordedResource,
    runProgram,
    RunOptions,
} from "../tools/mock-engine";

export { ProgramError } from "../tools/mock-engine";

/** Type tokens of the resources the package creates. */
export const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policy: "aws:iam/policy:Policy",
    addon: "aws:eks/addon:Addon",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    namespace: "kubernetes:core/v1:Namespace",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    getCluster: "aws:eks/getCluster:getCluster",
    getAddonVersion: "aws:eks/getAddonVersion:getAddonVersion",
} as const;

/** A finished mock run with lookups. */
export class Recorded<T = unknown> {
    constructor(public readonly run: MockRun<T>) {}

    get resources(): RecordedResource[] {
        return this.run.resources;
    }

    get outputs() {
        return this.run.outputs;
    }

    /** All resources of a type. */
    ofType(type: string): RecordedResource[] {
        return this.run.resources.filter((r) => r.type === type);
    }

    /** The one resource of a type and logical name; fails the test when missing. */
    get(type: string, name: string): RecordedResource {
        const found = this.run.resources.filter((r) => r.type === type && r.name === name);
        assert.strictEqual(
            found.length,
            1,
            `expected one ${type} named ${name}; registered: ${this.names(type).join(", ")}`,
        );
        return found[0];
    }

    /** Logical names of the resources of a type, sorted. */
    names(type: string): string[] {
        return this.ofType(type)
            .map((r) => r.name)
            .sort();
    }

    /** The resource with a URN. */
    byUrn(urn: string): RecordedResource | undefined {
        return this.run.resources.find((r) => r.urn === urn);
    }

    /** Invokes of one token. */
    invokes(token: string) {
        return this.run.invokes.filter((i) => i.token === token);
    }

    /** Log messages of one severity. */
    logs(severity: "info" | "warning" | "error" | "debug"): string[] {
        return this.run.logs.filter((l) => l.severity === severity).map((l) => l.message);
    }

    /** The provider resource a resource is bound to, if any. */
    providerOf(resource: RecordedResource): RecordedResource | undefined {
        if (!resource.provider) {
            return undefined;
        }
        return this.byUrn(resource.provider.split("::").slice(0, -1).join("::"));
    }

    /**
     * Every URN a resource's creation waits on, transitively: its dependencies, and what its
     * ancestors waited on to be registered (the SDK registers a resource only once its
     * parent is, and a component only once the Outputs in its args have resolved).
     */
    heldBackBy(resource: RecordedResource): Set<string> {
        const seen = new Set<string>();
        const visit = (record: RecordedResource | undefined) => {
            for (let at = record; at; at = this.byUrn(at.parent)) {
                for (const urn of at.dependencies) {
                    if (!seen.has(urn)) {
                        seen.add(urn);
                        visit(this.byUrn(urn));
                    }
                }
            }
        };
        visit(resource);
        return seen;
    }

    /** Every URN a resource waits on, transitively (dependencies, not parents). */
    waitsOn(resource: RecordedResource): Set<string> {
        const seen = new Set<string>();
        const visit = (urns: string[]) => {
            for (const urn of urns) {
                if (!seen.has(urn)) {
                    seen.add(urn);
                    const next = this.byUrn(urn);
                    if (next) {
                        visit(next.dependencies);
                    }
                }
            }
        };
        visit(resource.dependencies);
        return seen;
    }
}

/** Evaluates a program under the mock engine. */
export async function record<T>(program: () => T, options?: RunOptions): Promise<Recorded<T>> {
    return new Recorded(await runProgram(program, options));
}

/**
 * Evaluates a program that must fail, and returns what the run reported: every distinct
 * error, as the engine would print them, and what was registered before it stopped.
 */
export async function failure(program: () => unknown, options?: RunOptions): Promise<ProgramError> {
    try {
        await runProgram(program, options);
    } catch (error) {
        if (error instanceof ProgramError) {
            return error;
        }
        throw error;
    }
    assert.fail("the program was expected to fail, and it ran to the end");
}

/** Parses a JSON string input (policies, configuration values). */
export function json(value: unknown): unknown {
    assert.strictEqual(typeof value, "string", `expected a JSON string, got ${typeof value}`);
    return JSON.parse(value as string);
}

/**
 * The InputPropertiesError a constructor throws before registering anything, as
 * `path: reason` lines; fails when it throws anything else, or nothing.
 */
export function refusal(create: () => unknown): string[] {
    try {
        create();
    } catch (error) {
        assert.ok(
            pulumi.InputPropertiesError.isInstance(error),
            `expected InputPropertiesError, got ${String(error)}`,
        );
        return error.errors.map((e) => `${e.propertyPath}: ${e.reason}`);
    }
    return assert.fail("expected the component to refuse its arguments");
}
