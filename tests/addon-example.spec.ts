import * as assert from "assert";
import * as path from "path";
import { programOf, readProject } from "../tools/mock-engine";
import { json, record, T } from "./harness";

describe("examples/addons", () => {
    it("installs the EBS and EFS CSI add-ons on two clusters, one role per add-on", async () => {
        const project = readProject(path.resolve(__dirname, "..", "examples", "addons"));
        const run = await record(programOf(project), { project: project.name });
        assert.deepStrictEqual(run.names(T.role), ["ebs-csi", "efs-csi"]);
        assert.deepStrictEqual(run.names(T.addon), [
            "ebs-csi/prod-euw1",
            "ebs-csi/prod-euw1/aws-ebs-csi-driver",
            "ebs-csi/prod-use1",
            "ebs-csi/prod-use1/aws-ebs-csi-driver",
            "efs-csi/prod-euw1/aws-efs-csi-driver",
            "efs-csi/prod-use1/aws-efs-csi-driver",
        ]);
        const efsRole = run.get(T.role, "efs-csi");
        for (const key of ["prod-use1", "prod-euw1"]) {
            const efs = run.get(T.addon, `efs-csi/${key}/aws-efs-csi-driver`);
            assert.deepStrictEqual(efs.inputs.podIdentityAssociations, [
                { roleArn: efsRole.outputs.arn, serviceAccount: "efs-csi-controller-sa" },
            ]);
            // The EFS driver waits for the agent the EBS fleet installed on its cluster.
            assert.ok(run.heldBackBy(efs).has(run.get(T.addon, `ebs-csi/${key}`).urn));
        }
        assert.strictEqual(
            run.providerOf(run.get(T.addon, "efs-csi/prod-euw1/aws-efs-csi-driver"))?.name,
            "eu-west-1",
        );
        const efsPolicy = json(run.get(T.policy, "efs-csi-preset-efsCsi").inputs.policy) as {
            Statement: { Resource: string[] }[];
        };
        assert.ok(
            efsPolicy.Statement.some((s) =>
                s.Resource.some((r) => r.endsWith("file-system/fs-0fedcba9876543210")),
            ),
        );
        assert.deepStrictEqual(run.ofType(T.association), []);
    });
});
