import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseExternalId } from "../iam/externalId";
import { podIdentityExternalId } from "../index";
import { record } from "./harness";

const PARTS = {
    region: "us-east-1",
    accountId: "111122223333",
    clusterName: "prod-use1",
    namespace: "reports",
    serviceAccount: "reader",
};

describe("podIdentityExternalId", () => {
    it("is region/account/cluster/namespace/service-account, as EKS sets sts:ExternalId", () => {
        // EKS User Guide, pod-id-assign-target-role: "region/111122223333/cluster-name/namespace/service-account-name".
        assert.strictEqual(
            podIdentityExternalId(PARTS),
            "us-east-1/111122223333/prod-use1/reports/reader",
        );
        assert.deepStrictEqual(parseExternalId(podIdentityExternalId(PARTS)), PARTS);
    });

    it("gives an Output for Inputs, equal to the association's externalId under the mock engine", async () => {
        let computed: pulumi.Output<string> | undefined;
        const run = await record(() => {
            const association = new aws.eks.PodIdentityAssociation("reader", {
                clusterName: "prod-use1",
                namespace: "reports",
                serviceAccount: "reader",
                roleArn: "arn:aws:iam::123456789012:role/reader",
            });
            computed = podIdentityExternalId({
                ...PARTS,
                accountId: pulumi.output("123456789012"),
            });
            return { externalId: association.externalId, computed };
        });
        const outputs = run.outputs as { externalId: string; computed: string };
        assert.ok(pulumi.Output.isInstance(computed));
        assert.strictEqual(outputs.computed, outputs.externalId);
    });

    it("throws on a part that cannot be right", () => {
        for (const [key, value] of [
            ["region", "us east"],
            ["accountId", "1111"],
            ["clusterName", "arn:aws:eks:us-east-1:111122223333:cluster/prod"],
            ["namespace", "Reports"],
            ["serviceAccount", "a/b"],
        ]) {
            assert.throws(
                () => podIdentityExternalId({ ...PARTS, [key]: value }),
                new RegExp(`^Error: podIdentityExternalId: ${key} `),
                key,
            );
        }
    });
});
