import * as pulumi from "@pulumi/pulumi";
import { RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import {
    invokeAnswer,
    Placement,
    previewAnswer,
    providerPlacement,
    resourceAnswer,
} from "./answers";
import { MockFixture, partitionOf } from "./fixture";
import { RecordedInvoke, RecordedResource } from "./records";
import { decodeWire } from "./wire";

type Props = Record<string, unknown>;
type Callback = (err: Error | null, response?: unknown) => void;

interface WireStruct {
    toJavaScript(): Props;
}

/** The parts of the SDK's RegisterResourceRequest this monitor reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getProvider(): string;
    getObject(): WireStruct | undefined;
    getImportid(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
    };
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getDeletebeforereplace(): boolean;
    getIgnorechangesList(): string[];
    getReplaceonchangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getDeletedwith(): string;
    getAliasesList(): { toObject(): unknown }[];
}

interface RegisterOutputsRequest {
    getUrn(): string;
    getOutputs(): WireStruct | undefined;
}

interface RegisterResponse {
    getUrn(): string;
    setUrn(urn: string): unknown;
    getId(): string;
    getObject(): WireStruct | undefined;
}

/** How the monitor answers, beyond the fixture. */
export interface MonitorOptions {
    /**
     * Answer as `pulumi preview` would: a resource to be created reports its inputs and the
     * names its provider assigns up front; every other output stays unknown. Default: false.
     */
    preview?: boolean;
    /** Called for each resource once it is registered (progress reporting). */
    onResource?: (resource: RecordedResource) => void;
}

/**
 * The SDK's mock monitor, extended to record everything a real engine would be told
 * (parent, provider, dependencies, resource options), and to answer with realistic cloud
 * values placed in each provider's account and region.
 */
export class RecordingMonitor extends MockMonitor {
    public readonly recorded: RecordedResource[] = [];
    public readonly invoked: RecordedInvoke[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly defaults: Placement;

    constructor(
        private readonly fixture: MockFixture,
        private readonly options: MonitorOptions = {},
    ) {
        const defaults: Placement = {
            accountId: fixture.accountId ?? "123456789012",
            region: fixture.region ?? "us-east-1",
            partition: partitionOf(fixture.region ?? "us-east-1"),
        };
        super({
            newResource: (args: pulumi.runtime.MockResourceArgs) => {
                const inputs = args.inputs as Props;
                const where = args.type.startsWith("pulumi:providers:")
                    ? defaults
                    : this.placementOf(args.provider ?? "");
                const answer = resourceAnswer(
                    args.type,
                    args.name,
                    inputs,
                    where,
                    this.fixture,
                    args.id || undefined,
                );
                // Reads and imports (an `id` is given: a preview reads what it would import)
                // and providers are answered in previews too.
                const creates =
                    args.custom && !args.id && !args.type.startsWith("pulumi:providers:");
                return options.preview && creates
                    ? previewAnswer(args.type, inputs, answer)
                    : answer;
            },
            call: (args: pulumi.runtime.MockCallArgs) => {
                const inputs = args.inputs as Props;
                this.invoked.push({
                    token: args.token,
                    inputs: decodeWire(inputs) as Props,
                    provider: args.provider ?? "",
                });
                return invokeAnswer(
                    args.token,
                    inputs,
                    this.placementOf(args.provider ?? ""),
                    this.fixture,
                );
            },
        });
        this.defaults = defaults;
    }

    /** The account and region of a provider reference (`<urn>::<id>`). */
    placementOf(providerRef: string): Placement {
        const urn = providerRef.split("::").slice(0, -1).join("::");
        const provider = this.byUrn.get(urn);
        return provider && provider.type === "pulumi:providers:aws"
            ? providerPlacement(provider.inputs, this.defaults)
            : this.defaults;
    }

    registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
        const wireInputs = req.getObject()?.toJavaScript() ?? {};
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
            propertyDependencies[key] = value.getUrnsList();
        });
        const record: RecordedResource = {
            urn: "",
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent(),
            provider: req.getProvider(),
            inputs: decodeWire(wireInputs) as Props,
            wireInputs,
            outputs: {},
            id: "",
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            options: {
                protect: req.getProtect(),
                retainOnDelete: req.getRetainondelete(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                ignoreChanges: req.getIgnorechangesList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                deletedWith: req.getDeletedwith() || undefined,
                aliases: req.getAliasesList().map((alias) => alias.toObject()),
                importId: req.getImportid() || undefined,
            },
        };
        if (!record.custom && !req.getRemote()) {
            return Promise.resolve(this.registerComponent(record, callback));
        }
        return super.registerResource(req, (err: Error | null, response?: unknown) => {
            if (!err && response) {
                const registered = response as RegisterResponse;
                record.urn = this.adoptEngineUrn(registered.getUrn(), record);
                registered.setUrn(record.urn);
                record.id = registered.getId();
                record.outputs = decodeWire(registered.getObject()?.toJavaScript() ?? {}) as Props;
                this.recorded.push(record);
                this.byUrn.set(record.urn, record);
                this.options.onResource?.(record);
            }
            callback(err, response);
        });
    }

    /**
     * The URN the engine gives a resource: the types of all its ancestors (the stack's
     * excepted) joined with `$`. The SDK's mock monitor keeps only the parent's type, which
     * is not what aliases, computed by the SDK like the engine does, resolve to; its record of
     * the resource is moved to the engine's URN.
     */
    private adoptEngineUrn(mockUrn: string, record: RecordedResource): string {
        const urn = engineUrn(record.parent, record.type, record.name);
        const stored = this.resources.get(mockUrn);
        if (stored && mockUrn !== urn) {
            this.resources.delete(mockUrn);
            this.resources.set(urn, { ...stored, urn });
        }
        return urn;
    }

    /**
     * A component is not sent to any provider: the engine records it and answers with its URN
     * and no outputs (they arrive with registerResourceOutputs). The SDK's mock monitor
     * instead rebuilds every resource the component's args reference and answers with the
     * args, which the SDK then rebuilds once more: work a real deployment does not do, paid
     * for every component.
     */
    private registerComponent(record: RecordedResource, callback: Callback): void {
        record.urn = engineUrn(record.parent, record.type, record.name);
        this.resources.set(record.urn, { urn: record.urn, id: null, state: {} });
        this.recorded.push(record);
        this.byUrn.set(record.urn, record);
        callback(null, new RegisterResourceResponse().setUrn(record.urn));
    }

    registerResourceOutputs(req: RegisterOutputsRequest, callback: Callback): void {
        const record = this.byUrn.get(req.getUrn());
        if (record) {
            record.outputs = decodeWire(req.getOutputs()?.toJavaScript() ?? {}) as Props;
        }
        super.registerResourceOutputs(req, callback);
    }
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** `urn:pulumi:<stack>::<project>::<ancestor types$type>::<name>`, as the engine builds it. */
export function engineUrn(parentUrn: string, type: string, name: string): string {
    const parentType = parentUrn ? parentUrn.split("::")[2] : "";
    const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}
