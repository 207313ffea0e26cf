/**
 * The verification Job's check script, run for real: the shipped `kubernetes/verify/check.sh`,
 * as the Job embeds it, under the POSIX shells this machine has, with curl, against a local HTTP server on
 * 127.0.0.1 that plays the Pod Identity agent (its answers follow aws/eks-pod-identity-agent:
 * credentials as JSON, 400 with EKS Auth's exception name, 403 for a call through another
 * address). Each case asserts the exit status and the reason `pulumi up` would print (the
 * container's termination message).
 */
import * as assert from "assert";
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { checkScript, checkScriptPath } from "../kubernetes/verify/script";

/** The tools the script uses; a machine without one of them fails here, loudly. */
const TOOLS = ["sh", "curl", "cat", "cut", "tr", "sed", "grep", "id", "mkdir", "rm"];

function which(tool: string): string {
    try {
        return execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    } catch {
        throw new Error(`the check script's spec needs ${tool} on PATH, and this machine has none`);
    }
}

/** The shells the script must run under: the system's POSIX sh, and bash in POSIX mode. */
const SHELLS: { name: string; command: string[] }[] = [
    { name: "sh", command: ["sh"] },
    ...(fs.existsSync("/bin/bash")
        ? [{ name: "bash --posix", command: ["bash", "--posix", "--norc", "--noprofile"] }]
        : []),
];

const ROLE = "arn:aws:iam::111111111111:role/pods/app-role";
const TARGET = "arn:aws:iam::222222222222:role/data-reader";
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.pod-token.signature";
const SECRET = "secret-key-never-printed";
const CREDENTIALS = JSON.stringify({
    AccessKeyId: "ASIAEXAMPLE",
    SecretAccessKey: SECRET,
    Token: "session-token",
    AccountId: "111111111111",
    Expiration: "2026-01-01T06:00:00Z",
});

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** A stand-in for the agent: answers each request with the current handler. */
class Agent {
    readonly requests: { url: string; authorization?: string }[] = [];
    handler: Handler = (_, response) => response.end(CREDENTIALS);
    private readonly server = http.createServer((request, response) => {
        this.requests.push({
            url: request.url ?? "",
            authorization: request.headers.authorization,
        });
        this.handler(request, response);
    });
    private readonly held = new Set<http.ServerResponse>();
    private readonly delays = new Set<NodeJS.Timeout>();

    async start(): Promise<void> {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    }

    get uri(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/credentials`;
    }

    /** Keeps the request open and never answers it. */
    hold(response: http.ServerResponse): void {
        this.held.add(response);
    }

    /** Answers after `ms`: the agent's own slowness (EKS Auth taking its time). */
    later(ms: number, answer: () => void): void {
        const delay = setTimeout(() => {
            this.delays.delete(delay);
            answer();
        }, ms);
        this.delays.add(delay);
    }

    reset(): void {
        this.requests.length = 0;
        this.handler = (_, response) => response.end(CREDENTIALS);
        this.release();
    }

    release(): void {
        for (const delay of this.delays) {
            clearTimeout(delay);
        }
        this.delays.clear();
        for (const response of this.held) {
            response.destroy();
        }
        this.held.clear();
    }

    async stop(): Promise<void> {
        this.release();
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

interface Result {
    status: number;
    stdout: string;
    stderr: string;
    /** What Kubernetes would copy into the container's terminated state. */
    terminationMessage: string;
}

describe("the verification Job's check script, against a local stand-in for the Pod Identity agent", function () {
    // Two cases wait for curl to give up after 1 s, under each shell.
    this.timeout(30_000);

    const agent = new Agent();
    let dir: string;
    let tokenFile: string;
    let fakeAws: string;

    before(async () => {
        for (const tool of TOOLS) {
            which(tool);
        }
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pod-identity-verify-"));
        tokenFile = path.join(dir, "eks-pod-identity-token");
        fs.writeFileSync(tokenFile, TOKEN);
        // An `aws` stand-in: records its arguments, prints $FAKE_IDENTITY or fails.
        fakeAws = path.join(dir, "fake-aws");
        fs.mkdirSync(fakeAws);
        fs.writeFileSync(
            path.join(fakeAws, "aws"),
            [
                "#!/bin/sh",
                `printf '%s\\n' "$*" > "${path.join(dir, "aws-args")}"`,
                'if [ -n "${FAKE_AWS_ERROR:-}" ]; then echo "$FAKE_AWS_ERROR" >&2; exit 255; fi',
                'printf "%s\\n" "$FAKE_IDENTITY"',
            ].join("\n"),
            { mode: 0o755 },
        );
        await agent.start();
    });

    afterEach(() => agent.reset());

    after(async () => {
        await agent.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Runs the script as the Job's container would, with `env` on top of a bare environment. */
    function check(shell: string[], env: Record<string, string | undefined>): Promise<Result> {
        const terminationLog = path.join(dir, "termination-log");
        // The kubelet creates the file before the container starts.
        fs.writeFileSync(terminationLog, "");
        const tmp = fs.mkdtempSync(path.join(dir, "tmp-"));
        const defined = Object.fromEntries(
            Object.entries({
                PATH: process.env.PATH,
                TMPDIR: tmp,
                POD_IDENTITY_SUBJECT: "cluster prod, namespace app, service account api",
                POD_IDENTITY_ROLE_ARN: ROLE,
                POD_IDENTITY_TIMEOUT_SECONDS: "5",
                POD_IDENTITY_TERMINATION_LOG: terminationLog,
                ...env,
            }).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
        return new Promise((resolve) => {
            execFile(
                which(shell[0]),
                // As the Job's container runs it: `sh -c <the embedded script>`.
                [...shell.slice(1), "-c", checkScript()],
                { env: defined, encoding: "utf8" },
                (error, stdout, stderr) => {
                    const status = error ? Number((error as { code?: number }).code) : 0;
                    const terminationMessage = fs.readFileSync(terminationLog, "utf8");
                    // The script cleans up after itself: no token or credentials left behind.
                    assert.deepStrictEqual(fs.readdirSync(tmp), []);
                    resolve({ status, stdout, stderr, terminationMessage });
                },
            );
        });
    }

    const injected = () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.uri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
    });

    /** The one line the script reports, which must also be the termination message. */
    function reported(result: Result): string {
        const line = (result.status === 0 ? result.stdout : result.stderr).trim();
        assert.strictEqual(result.terminationMessage, line);
        assert.ok(!line.includes(SECRET), "the report must never show credentials");
        assert.ok(!line.includes(TOKEN), "the report must never show the token");
        return line;
    }

    it("embeds the shipped file, less its comment and blank lines", () => {
        const file = fs.readFileSync(checkScriptPath(), "utf8").split("\n");
        const code = file.filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
        assert.strictEqual(checkScript(), [file[0], ...code].join("\n") + "\n");
        assert.ok(checkScript().startsWith("#!/bin/sh\n"));
    });

    for (const shell of SHELLS) {
        describe(`under ${shell.name}`, () => {
            it("passes when EKS injected the variables and the agent answers the token with credentials", async () => {
                const result = await check(shell.command, injected());
                assert.strictEqual(result.status, 0, result.stderr);
                assert.match(
                    reported(result),
                    /^pod-identity-verify: PASS credentials: EKS injected Pod Identity for cluster prod, namespace app, service account api and the agent at http:\/\/127\.0\.0\.1:\d+\/v1\/credentials returned credentials in account 111111111111 \(role arn:aws:iam::111111111111:role\/pods\/app-role\)\.$/,
                );
                // The Authorization header is the token file's contents, as the agent expects.
                assert.deepStrictEqual(agent.requests, [
                    { url: "/v1/credentials", authorization: TOKEN },
                ]);
            });

            it("fails as not injected when EKS set neither variable, without calling anything", async () => {
                const result = await check(shell.command, {});
                assert.strictEqual(result.status, 10);
                const line = reported(result);
                assert.match(
                    line,
                    /^pod-identity-verify: FAIL not injected: EKS did not inject Pod Identity into this pod \(AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE not set\) for cluster prod, namespace app, service account api/,
                );
                assert.match(
                    line,
                    /not in effect yet \(it takes several seconds; the next try is a new pod\)/,
                );
                assert.deepStrictEqual(agent.requests, []);
            });

            it("names the one variable that is missing", async () => {
                const result = await check(shell.command, {
                    AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.uri,
                });
                assert.strictEqual(result.status, 10);
                assert.match(
                    reported(result),
                    /\(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE not set\)/,
                );
            });

            it("fails as token unreadable when the token file cannot be read", async () => {
                const result = await check(shell.command, {
                    ...injected(),
                    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path.join(dir, "no-such-token"),
                });
                assert.strictEqual(result.status, 11);
                assert.match(reported(result), /FAIL token unreadable: .*no-such-token/);
            });

            it("fails as token refused on a 401 for a wrong token", async () => {
                agent.handler = (request, response) => {
                    if (request.headers.authorization === TOKEN) {
                        response.end(CREDENTIALS);
                    } else {
                        response.writeHead(401).end("Unauthorized");
                    }
                };
                const wrongToken = path.join(dir, "wrong-token");
                fs.writeFileSync(wrongToken, "a-token-of-another-pod");
                const result = await check(shell.command, {
                    ...injected(),
                    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: wrongToken,
                });
                assert.strictEqual(result.status, 13);
                assert.match(
                    reported(result),
                    /FAIL token refused: the agent at .* answered HTTP 401 for cluster prod, namespace app, service account api \(role arn:aws:iam::111111111111:role\/pods\/app-role\): Unauthorized\. The token in .*wrong-token is not the one EKS projected/,
                );
            });

            it("fails as token refused when the agent cannot parse the token (its 400)", async () => {
                agent.handler = (_, response) =>
                    response
                        .writeHead(400)
                        .end("Service account token cannot be parsed: token is malformed\n");
                const result = await check(shell.command, injected());
                assert.strictEqual(result.status, 13);
                assert.match(reported(result), /FAIL token refused: .*HTTP 400.*cannot be parsed/);
            });

            it("names both roles when EKS Auth denies a chain into a target role", async () => {
                agent.handler = (_, response) =>
                    response
                        .writeHead(400)
                        .end(
                            "[a1b2]: (AccessDeniedException): not authorized to perform sts:AssumeRole, fault: client\n",
                        );
                const result = await check(shell.command, {
                    ...injected(),
                    POD_IDENTITY_TARGET_ROLE_ARN: TARGET,
                });
                assert.strictEqual(result.status, 14);
                const line = reported(result);
                assert.match(line, /FAIL access denied: EKS Auth refused credentials/);
                assert.match(
                    line,
                    /role arn:aws:iam::111111111111:role\/pods\/app-role chaining into target role arn:aws:iam::222222222222:role\/data-reader/,
                );
                assert.match(
                    line,
                    /target role arn:aws:iam::222222222222:role\/data-reader does not trust role arn:aws:iam::111111111111:role\/pods\/app-role/,
                );
                assert.match(line, /eks-auth:AssumeRoleForPodIdentity/);
            });

            it("fails as no association when EKS Auth finds none (its 404)", async () => {
                agent.handler = (_, response) =>
                    response
                        .writeHead(404)
                        .end("[c3]: (ResourceNotFoundException): association not found\n");
                const result = await check(shell.command, injected());
                assert.strictEqual(result.status, 14);
                assert.match(reported(result), /FAIL no association: .*HTTP 404/);
            });

            it("fails as agent not answering when nothing listens (connection refused)", async () => {
                const port = await closedPort();
                const result = await check(shell.command, {
                    ...injected(),
                    AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/v1/credentials`,
                });
                assert.strictEqual(result.status, 12);
                const line = reported(result);
                assert.match(
                    line,
                    /FAIL agent not answering: connection refused at http:\/\/127\.0\.0\.1:\d+\/v1\/credentials/,
                );
                assert.match(line, /not installed, has no ready pod on this node/);
                assert.match(line, /another process holds its port 80/);
            });

            it("fails as agent not answering when the agent never answers within the timeout", async () => {
                agent.handler = (_, response) => agent.hold(response);
                const result = await check(shell.command, {
                    ...injected(),
                    POD_IDENTITY_TIMEOUT_SECONDS: "1",
                });
                assert.strictEqual(result.status, 12);
                assert.match(
                    reported(result),
                    /FAIL agent not answering: no answer from .* within 1s/,
                );
                assert.strictEqual(agent.requests.length, 1);
            });

            it("passes when the agent answers slowly but within the timeout", async () => {
                agent.handler = (_, response) => agent.later(300, () => response.end(CREDENTIALS));
                const result = await check(shell.command, {
                    ...injected(),
                    POD_IDENTITY_TIMEOUT_SECONDS: "5",
                });
                assert.strictEqual(result.status, 0, result.stderr);
                assert.match(reported(result), /PASS credentials/);
            });

            it("fails when the agent answers only after the timeout", async () => {
                agent.handler = (_, response) =>
                    agent.later(4_000, () => response.end(CREDENTIALS));
                const result = await check(shell.command, {
                    ...injected(),
                    POD_IDENTITY_TIMEOUT_SECONDS: "1",
                });
                assert.strictEqual(result.status, 12);
                assert.match(reported(result), /no answer from .* within 1s/);
            });

            it("says a proxy is in the way when no_proxy does not name the agent's address", async () => {
                const port = await closedPort();
                const result = await check(shell.command, {
                    ...injected(),
                    http_proxy: `http://127.0.0.1:${port}`,
                });
                assert.strictEqual(result.status, 12);
                assert.match(
                    reported(result),
                    /A proxy is set \(http:\/\/127\.0\.0\.1:\d+\) and no_proxy does not name 127\.0\.0\.1: add 169\.254\.170\.23 and fd00:ec2::23 to no_proxy/,
                );
                // With the agent's address in no_proxy, the request goes straight to it.
                const bypassed = await check(shell.command, {
                    ...injected(),
                    http_proxy: `http://127.0.0.1:${port}`,
                    no_proxy: "127.0.0.1",
                });
                assert.strictEqual(bypassed.status, 0, bypassed.stderr);
            });

            it("fails as an agent error on a 5xx, with the agent's text", async () => {
                agent.handler = (_, response) =>
                    response.writeHead(500).end("[d4]: (InternalServerException): try again\n");
                const result = await check(shell.command, injected());
                assert.strictEqual(result.status, 14);
                assert.match(
                    reported(result),
                    /FAIL agent error: .*HTTP 500.*InternalServerException.*EKS Auth VPC endpoint/,
                );
            });

            it("fails when an answer of 200 carries no credentials", async () => {
                agent.handler = (_, response) => response.end("{}");
                const result = await check(shell.command, injected());
                assert.strictEqual(result.status, 14);
                assert.match(reported(result), /FAIL no credentials/);
            });

            describe("with callerIdentity", () => {
                const withAws = () => ({
                    ...injected(),
                    PATH: `${fakeAws}:${process.env.PATH ?? ""}`,
                    POD_IDENTITY_CALLER_IDENTITY: "true",
                });

                it("passes when sts get-caller-identity names the target role", async () => {
                    const result = await check(shell.command, {
                        ...withAws(),
                        POD_IDENTITY_TARGET_ROLE_ARN: TARGET,
                        FAKE_IDENTITY:
                            "arn:aws:sts::222222222222:assumed-role/data-reader/eks-prod-api-7f",
                    });
                    assert.strictEqual(result.status, 0, result.stderr);
                    assert.match(
                        reported(result),
                        /PASS caller identity: .* acts as arn:aws:sts::222222222222:assumed-role\/data-reader\/eks-prod-api-7f, target role arn:aws:iam::222222222222:role\/data-reader \(through role arn:aws:iam::111111111111:role\/pods\/app-role\)/,
                    );
                    assert.strictEqual(
                        fs.readFileSync(path.join(dir, "aws-args"), "utf8").trim(),
                        "sts get-caller-identity --query Arn --output text --cli-connect-timeout 5 --cli-read-timeout 5",
                    );
                });

                it("passes when it names the association's role, whose ARN has a path the session ARN drops", async () => {
                    const result = await check(shell.command, {
                        ...withAws(),
                        FAKE_IDENTITY:
                            "arn:aws:sts::111111111111:assumed-role/app-role/eks-prod-api-7f",
                    });
                    assert.strictEqual(result.status, 0, result.stderr);
                    assert.match(
                        reported(result),
                        /PASS caller identity: .*, role arn:aws:iam::111111111111:role\/pods\/app-role\./,
                    );
                });

                it("fails as wrong role, naming the role and the target role, when the chain did not happen", async () => {
                    const result = await check(shell.command, {
                        ...withAws(),
                        POD_IDENTITY_TARGET_ROLE_ARN: TARGET,
                        FAKE_IDENTITY:
                            "arn:aws:sts::111111111111:assumed-role/app-role/eks-prod-api-7f",
                    });
                    assert.strictEqual(result.status, 15);
                    const line = reported(result);
                    assert.match(
                        line,
                        /FAIL wrong role: aws sts get-caller-identity names arn:aws:sts::111111111111:assumed-role\/app-role\/eks-prod-api-7f, but cluster prod, namespace app, service account api should act as target role arn:aws:iam::222222222222:role\/data-reader \(through role arn:aws:iam::111111111111:role\/pods\/app-role\)/,
                    );
                    assert.match(line, /EKS did not chain into the target role/);
                });

                it("fails as wrong role when another role's credentials came first", async () => {
                    const result = await check(shell.command, {
                        ...withAws(),
                        FAKE_IDENTITY: "arn:aws:sts::111111111111:assumed-role/node-role/i-0abc",
                    });
                    assert.strictEqual(result.status, 15);
                    assert.match(
                        reported(result),
                        /should act as role arn:aws:iam::111111111111:role\/pods\/app-role\. Another credential source comes first/,
                    );
                });

                it("fails as caller identity failed when STS cannot be reached", async () => {
                    const result = await check(shell.command, {
                        ...withAws(),
                        FAKE_AWS_ERROR: "Could not connect to the endpoint URL",
                    });
                    assert.strictEqual(result.status, 17);
                    assert.match(
                        reported(result),
                        /FAIL caller identity: .*Could not connect to the endpoint URL/,
                    );
                });

                it("fails as no aws when the image has no AWS CLI", async () => {
                    const result = await check(shell.command, {
                        ...injected(),
                        POD_IDENTITY_CALLER_IDENTITY: "true",
                        PATH: toolsOnly(["aws"]),
                    });
                    assert.strictEqual(result.status, 16);
                    assert.match(
                        reported(result),
                        /FAIL no aws: callerIdentity needs an image with the AWS CLI v2/,
                    );
                });
            });

            it("fails as no curl when the image has none", async () => {
                const result = await check(shell.command, {
                    ...injected(),
                    PATH: toolsOnly(["curl"]),
                });
                assert.strictEqual(result.status, 16);
                assert.match(reported(result), /FAIL no curl/);
            });
        });
    }

    /** A PATH with the script's tools, without those named. */
    function toolsOnly(without: string[]): string {
        const bin = fs.mkdtempSync(path.join(dir, "bin-"));
        for (const tool of TOOLS.filter((t) => !without.includes(t))) {
            fs.symlinkSync(which(tool), path.join(bin, tool));
        }
        return bin;
    }
});
