/**
 * Starts `policy/` the way `pulumi preview --policy-pack ./policy` does (the Node.js policy
 * runner, from the pack's folder, with ts-node type-checking it) and speaks the engine's side
 * of the analyzer protocol to it: configure, analyze each resource, analyze the stack.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { Policies, PolicyPackConfig } from "@pulumi/policy";
import { inputsOf, resolveConfig, stateOf, Violation } from "../policy/offline";
import { RecordedResource } from "../tools/mock-engine";

const LEVELS: Record<string, proto.EnforcementLevel> = {
    advisory: proto.EnforcementLevel.ADVISORY,
    mandatory: proto.EnforcementLevel.MANDATORY,
    disabled: proto.EnforcementLevel.DISABLED,
    remediate: proto.EnforcementLevel.REMEDIATE,
};

function struct(value: unknown): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})) as never);
}

function unary<Req, Res>(
    call: (req: Req, callback: (error: grpc.ServiceError | null, res: Res) => void) => unknown,
    req: Req,
): Promise<Res> {
    return new Promise((resolve, reject) =>
        call(req, (error, res) => (error ? reject(error) : resolve(res))),
    );
}

function options(record: RecordedResource): proto.AnalyzerResourceOptions {
    return new proto.AnalyzerResourceOptions()
        .setProtect(record.options.protect ?? false)
        .setIgnorechangesList(record.options.ignoreChanges)
        .setAdditionalsecretoutputsList(record.options.additionalSecretOutputs)
        .setParent(record.parent);
}

/**
 * What the engine sends a policy pack during one preview: an `Analyze` request per resource
 * (by URN) and one `AnalyzeStack` request.
 */
export function analyzerRequests(records: RecordedResource[]): {
    resources: [string, proto.AnalyzeRequest][];
    stack: proto.AnalyzeStackRequest;
} {
    const byUrn = new Map(records.map((r) => [r.urn, r]));
    const provider = (record: RecordedResource) => {
        const found = byUrn.get(record.provider.split("::").slice(0, -1).join("::"));
        return found
            ? new proto.AnalyzerProviderResource()
                  .setType(found.type)
                  .setName(found.name)
                  .setUrn(found.urn)
                  .setProperties(struct(inputsOf(found)))
            : undefined;
    };
    const resources = records.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const stack = new proto.AnalyzeStackRequest().setResourcesList(
        resources.map((record) => {
            const resource = new proto.AnalyzerResource()
                .setType(record.type)
                .setName(record.name)
                .setUrn(record.urn)
                .setProperties(struct(stateOf(record)))
                .setOptions(options(record))
                .setProvider(provider(record))
                .setParent(record.parent)
                .setDependenciesList(record.dependencies);
            for (const [key, urns] of Object.entries(record.propertyDependencies)) {
                if (urns.length > 0) {
                    resource
                        .getPropertydependenciesMap()
                        .set(key, new proto.AnalyzerPropertyDependencies().setUrnsList(urns));
                }
            }
            return resource;
        }),
    );
    return {
        resources: resources.map((record) => [
            record.urn,
            new proto.AnalyzeRequest()
                .setType(record.type)
                .setName(record.name)
                .setUrn(record.urn)
                .setProperties(struct(inputsOf(record)))
                .setOptions(options(record))
                .setProvider(provider(record)),
        ]),
        stack,
    };
}

/** A running policy pack process and a client for it. */
export class PolicyServer {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: AnalyzerClient,
    ) {}

    /** Starts the pack in `policy/` and connects once it prints its port. */
    static async start(): Promise<PolicyServer> {
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
        // The sources, type-checked by the runner's ts-node; policy/package.json's `main` is the
        // compiled pack that ships (tests/consumer.spec.ts starts that one).
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", "index.ts"], {
            cwd: path.join(__dirname, "..", "policy"),
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const port = await new Promise<string>((resolve, reject) => {
            readline.createInterface({ input: child.stdout }).once("line", resolve);
            child.once("exit", (code) =>
                reject(new Error(`policy pack exited with ${code} before serving:\n${stderr}`)),
            );
        });
        const client = new AnalyzerClient(
            `127.0.0.1:${port.trim()}`,
            grpc.credentials.createInsecure(),
        );
        return new PolicyServer(child, client);
    }

    /** What the pack tells the engine about itself. */
    info(): Promise<proto.AnalyzerInfo> {
        return unary<Empty, proto.AnalyzerInfo>(
            this.client.getAnalyzerInfo.bind(this.client),
            new Empty(),
        );
    }

    /** Configures the pack as the engine does: every rule, defaults filled in. */
    async configure(policies: Policies, config?: PolicyPackConfig): Promise<void> {
        const request = new proto.ConfigureAnalyzerRequest();
        for (const [name, resolved] of resolveConfig(policies, config)) {
            const level =
                resolved.enforcementLevel ??
                policies.find((p) => p.name === name)!.enforcementLevel;
            request
                .getPolicyconfigMap()
                .set(
                    name,
                    new proto.PolicyConfig()
                        .setEnforcementlevel(LEVELS[level ?? "advisory"])
                        .setProperties(struct(resolved.properties)),
                );
        }
        await unary<proto.ConfigureAnalyzerRequest, Empty>(
            this.client.configure.bind(this.client),
            request,
        );
    }

    /** `Analyze` for each resource, then `AnalyzeStack`, as one preview does. */
    async review(records: RecordedResource[]): Promise<Violation[]> {
        const requests = analyzerRequests(records);
        const diagnostics: proto.AnalyzeDiagnostic[] = [];
        for (const [urn, request] of requests.resources) {
            const response = await unary<proto.AnalyzeRequest, proto.AnalyzeResponse>(
                this.client.analyze.bind(this.client),
                request,
            );
            diagnostics.push(
                ...response.getDiagnosticsList().map((d) => (d.getUrn() ? d : d.setUrn(urn))),
            );
        }
        const response = await unary<proto.AnalyzeStackRequest, proto.AnalyzeResponse>(
            this.client.analyzeStack.bind(this.client),
            requests.stack,
        );
        diagnostics.push(...response.getDiagnosticsList());
        return diagnostics.map((d) => ({
            policyName: d.getPolicyname(),
            enforcementLevel:
                d.getEnforcementlevel() === proto.EnforcementLevel.ADVISORY
                    ? "advisory"
                    : "mandatory",
            // The runtime prints the rule's description first; keep what the rule reported.
            message: d.getMessage().slice(d.getDescription().length).replace(/^\n/, ""),
            urn: d.getUrn() || undefined,
        }));
    }

    /** Stops the pack process. */
    stop(): void {
        this.client.close();
        this.child.kill();
    }
}
