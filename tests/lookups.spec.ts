/**
 * Never hang: under Pulumi's plain mocks, which answer every lookup with `{}`, each lookup the
 * package makes fails at once with one message naming it and pointing at
 * `eks-pod-identity/testing`, instead of a test waiting for its runner's timeout on Outputs
 * that never resolve. Run as a user runs their tests: a mocha process of its own, with
 * tests/fixtures/plain-mocks/plainMocks.ts as the test file.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { CLUSTER_FIELDS, TESTING_HINT } from "../model/lookups";

const ROOT = path.join(__dirname, "..");
const USER_TESTS = path.join(__dirname, "fixtures", "plain-mocks", "plainMocks.ts");

interface MochaReport {
    stats: { tests: number; failures: number };
    failures: { title: string; err: { message: string } }[];
    passes: { title: string }[];
}

describe("lookups under plain mocks: each fails at once, naming itself (never a hang)", function () {
    // A new process loads TypeScript and the package: seconds, more on a busy machine.
    this.timeout(180_000);
    let report: MochaReport;

    before(() => {
        // The inner timeout is the hang this guards against: a test that waits for it fails
        // with mocha's "Timeout of ..." instead of the lookup's message.
        const result = spawnSync(
            process.execPath,
            [
                require.resolve("mocha/bin/mocha.js"),
                "--no-config",
                "--require",
                "ts-node/register/transpile-only",
                "--timeout",
                "60000",
                "--reporter",
                "json",
                USER_TESTS,
            ],
            { cwd: ROOT, encoding: "utf8" },
        );
        report = JSON.parse(result.stdout) as MochaReport;
    });

    const expected: Record<string, string> = {
        "agent and binding": 'aws.eks.getCluster for cluster "demo" answered without version,',
        "agent on a known Kubernetes version":
            "aws.eks.getAddonVersion for eks-pod-identity-agent on Kubernetes 1.33 answered without version,",
        "add-on":
            "aws.eks.getAddonVersion for aws-ebs-csi-driver on Kubernetes 1.33 answered without version,",
        "fleet with a provider per cluster":
            'aws.getCallerIdentity through the AWS provider "east" answered without accountId, arn,',
        "role with a preset":
            "aws.getCallerIdentity through the component's AWS provider answered without accountId, arn,",
        "fleet that builds its Kubernetes provider": `aws.eks.getCluster for cluster "demo" answered without ${Object.keys(CLUSTER_FIELDS.kubeconfig).join(", ")},`,
    };

    it("fails every test, none by the runner's timeout", () => {
        assert.deepStrictEqual(
            report.passes.map((p) => p.title),
            [],
        );
        assert.strictEqual(report.stats.failures, Object.keys(expected).length);
        const timedOut = report.failures.filter((f) => /Timeout of \d+ms/.test(f.err.message));
        assert.deepStrictEqual(
            timedOut.map((f) => f.title),
            [],
        );
    });

    for (const [title, message] of Object.entries(expected)) {
        it(`${title}: ${message.split(" answered")[0]}`, () => {
            const failure = report.failures.find((f) => f.title === title);
            assert.ok(failure, `no failure for "${title}"`);
            assert.ok(
                failure.err.message.startsWith(message),
                `"${title}" failed with: ${failure.err.message}`,
            );
            assert.ok(failure.err.message.endsWith(TESTING_HINT), failure.err.message);
        });
    }
});
