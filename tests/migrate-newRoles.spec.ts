import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { MigrationDocument, runMigrate } from "../tools/migrate";
import { PACKAGE_ROOT } from "../tools/mock-engine";

const FLEET = path.join(PACKAGE_ROOT, "tests", "fixtures", "migrate", "fleet.json");
const ACCOUNT = "111122223333";

function run(...argv: string[]): string {
    let stdout = "";
    const status = runMigrate([FLEET, "--new-roles", ...argv], {
        stdout: (text) => (stdout += text),
        stderr: (text) => assert.fail(text),
        readFile: (file) => fs.readFileSync(file, "utf8"),
    });
    assert.strictEqual(status, 0);
    return stdout;
}

describe("npm run migrate --new-roles: a new role per IRSA role, only when asked", () => {
    const doc = JSON.parse(run("--json")) as MigrationDocument;
    const config = (roleName: string) =>
        doc.roles.find((r) => r.roleName === roleName)!.stackConfig!["eks-pod-identity:role"];

    it("carries everything the old role had: policies, inline statements, boundary, tags, session, path", () => {
        assert.strictEqual(doc.mode, "new-roles");
        assert.deepStrictEqual(config("payments-api"), {
            description: "Pod Identity role migrated from IRSA role payments-api",
            maxSessionDuration: 7200,
            permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/platform-boundary`,
            tags: { "cost-center": "cc-1042", team: "payments" },
            managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/payments-receipts-s3`],
            // The role's own inline policy, its single strings made lists.
            statements: [
                {
                    Sid: "Ledger",
                    Effect: "Allow",
                    Action: ["dynamodb:PutItem"],
                    Resource: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/ledger`],
                },
            ],
            irsaTrust: [
                {
                    oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5C8A0E1F7B3D4A6E9F20B1C3D5E7F901`,
                    serviceAccounts: ["payments/api"],
                },
                {
                    oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/A17E3B9C2D4F60815E2C7A9B3D1F0E46`,
                    serviceAccounts: ["payments/api"],
                },
            ],
        });
        // An aws:iam/rolePolicy:RolePolicy of the role.
        assert.deepStrictEqual((config("jobs-runner") as { statements: unknown }).statements, [
            {
                Effect: "Allow",
                Action: ["s3:PutObject"],
                Resource: ["arn:aws:s3:::nightly-exports/*"],
            },
        ]);
        assert.strictEqual((config("external-dns") as { path: string }).path, "/controllers/");
        assert.ok(
            !doc.roles.some((r) => r.flagged.some((f) => f.includes("not copied"))),
            "nothing is left to copy by hand",
        );
    });

    it('lists every policy and trust naming an old role under "must be updated before the switch"', () => {
        const text = run();
        const payments = text.slice(
            text.indexOf("Role payments-api"),
            text.indexOf("Role jobs-runner"),
        );
        assert.match(
            payments,
            /named by 4 resource\(s\) of the export: must be updated before the switch, to name the new role as well:\n/,
        );
        for (const name of [
            "receipts-policy",
            "payments-key",
            "ledger-db-policy",
            "ledger-writer",
        ]) {
            assert.ok(payments.includes(`::${name}  (`), name);
        }
        assert.ok(doc.steps.some((step) => step.includes('"must be updated before the switch"')));
        assert.strictEqual(doc.references.length, 7);
    });

    it("keeps the add-on's role, whose trust alone changes", () => {
        assert.deepStrictEqual(
            doc.trustUpdates.map((u) => u.roleName),
            ["ebs-csi"],
        );
        assert.strictEqual(doc.addons[0].roleArn, `arn:aws:iam::${ACCOUNT}:role/ebs-csi`);
        assert.match(doc.steps[0], /each add-on's role/);
    });
});
