/**
 * The offline plan's account: the program's, when the ARNs it gives agree on one; otherwise a
 * stand-in, which an error naming it says is a stand-in, with the file that sets the real one.
 */
import * as assert from "assert";
import * as path from "path";
import { PACKAGE_ROOT } from "../tools/mock-engine";
import { main } from "../tools/plan/main";
import { accountsOfArns, STAND_IN_ACCOUNT, withProgramAccount } from "../tools/plan/standInAccount";

const FIXTURES = path.join("tests", "fixtures", "plan");

async function plan(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const status = await main(argv, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    });
    return { status, stdout, stderr };
}

describe("the offline plan's account", () => {
    it("is the account of an existing roleArn in the stack configuration: the fleet plans clean", async () => {
        const outcome = await plan([path.join(FIXTURES, "existing-role")]);
        assert.strictEqual(outcome.status, 0, outcome.stderr);
        assert.match(
            outcome.stdout,
            /^Offline preview under the mock cloud: account 111122223333, default region us-east-1\.$/m,
        );
        assert.match(
            outcome.stdout,
            /prod-euw1 \(eu-west-1\) \/ reports \/ generator -> arn:aws:iam::111122223333:role\/reports/,
        );
    });

    it("is the stand-in when the ARN is in the program, and the refusal says so and how to set it", async () => {
        const outcome = await plan([
            path.join(FIXTURES, "existing-role-program"),
            "--stack",
            "dev",
        ]);
        assert.strictEqual(outcome.status, 2, outcome.stdout);
        const errors = outcome.stderr.split(/^plan: error: /m).filter(Boolean);
        assert.strictEqual(errors.length, 1, outcome.stderr);
        assert.match(errors[0], /the cluster is in account 123456789012/);
        assert.ok(
            errors[0]
                .trimEnd()
                .endsWith(
                    "(123456789012 is the offline plan's stand-in for the account of your AWS " +
                        "credentials, which it cannot ask AWS for. Set the real one in " +
                        'Pulumi.dev.mock.yaml beside the stack file: accountId: "111122223333")',
                ),
            errors[0],
        );
    });

    it("takes an account only when every ARN of the configuration and stack outputs agrees", () => {
        const config = {
            "app:roleArn": "arn:aws:iam::111122223333:role/app",
            "app:policies": '["arn:aws:iam::aws:policy/ReadOnlyAccess","arn:aws:s3:::bucket"]',
        };
        assert.strictEqual(withProgramAccount({}, config).accountId, "111122223333");
        assert.strictEqual(
            withProgramAccount(
                { stackOutputs: { "org/roles/prod": { arn: "arn:aws:iam::444455556666:role/x" } } },
                config,
            ).accountId,
            undefined,
        );
        assert.strictEqual(
            withProgramAccount({ accountId: "777788889999" }, config).accountId,
            "777788889999",
        );
        assert.strictEqual(withProgramAccount({}, {}).accountId, undefined);
        assert.deepStrictEqual(
            [
                ...accountsOfArns([
                    "arn:aws-cn:eks:cn-north-1:210987654321:cluster/c",
                    STAND_IN_ACCOUNT,
                ]),
            ],
            ["210987654321"],
        );
    });
});
