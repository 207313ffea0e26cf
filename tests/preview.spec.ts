import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity } from "../index";
import { UNKNOWN } from "../tools/mock-engine";
import { record, T } from "./harness";

/** A role stack's ARN read through a StackReference, and a role created in the same run. */
function program() {
    const shared = new pulumi.StackReference("acme/roles/prod");
    const created = new PodIdentity("app", {
        role: { statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::b"] }] },
        serviceAccounts: [{ namespace: "demo", name: "app" }],
        clusters: { prod: { clusterName: "prod" } },
    });
    const reused = new PodIdentity("reused", {
        roleArn: shared.requireOutput("roleArn").apply(String),
        serviceAccounts: [{ namespace: "demo", name: "reused" }],
        clusters: { prod: { clusterName: "prod", agent: false } },
    });
    return { created: created.roleArn, reused: reused.roleArn };
}

const fixture = {
    stackOutputs: { "acme/roles/prod": { roleArn: "arn:aws:iam::123456789012:role/shared" } },
};

describe("mock engine in preview mode", () => {
    it("knows what `pulumi preview` knows: inputs and auto-names, not ARNs of resources it would create", async () => {
        const run = await record(program, { preview: true, fixture });
        const role = run.get(T.role, "app");
        assert.strictEqual(role.outputs.arn, undefined);
        assert.match(String(role.outputs.name), /^app-[0-9a-f]{7}$/);
        assert.strictEqual(role.id, "");
        const association = run.get(T.association, "app/prod/demo/app");
        assert.strictEqual(association.wireInputs.roleArn, UNKNOWN);
        assert.strictEqual(association.outputs.associationArn, undefined);
        const namespace = run.get(T.namespace, "app/prod/demo");
        assert.deepStrictEqual(
            [
                (namespace.outputs.metadata as { name: string; uid?: string }).name,
                (namespace.outputs.metadata as { uid?: string }).uid,
            ],
            ["demo", undefined],
        );
    });

    it("still answers lookups and reads: add-on versions, other stacks' outputs", async () => {
        const run = await record(program, { preview: true, fixture });
        assert.strictEqual(run.get(T.addon, "app/prod").inputs.addonVersion, "v1.3.8-eksbuild.2");
        assert.strictEqual(
            run.get(T.association, "reused/prod/demo/reused").inputs.roleArn,
            "arn:aws:iam::123456789012:role/shared",
        );
    });

    it("answers with the mock cloud's values when not previewing", async () => {
        const run = await record(program, { fixture });
        assert.match(
            String(run.get(T.role, "app").outputs.arn),
            /^arn:aws:iam::123456789012:role\/app-/,
        );
        assert.strictEqual(
            run.get(T.association, "app/prod/demo/app").inputs.roleArn,
            run.get(T.role, "app").outputs.arn,
        );
    });
});
