import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityBinding } from "../index";
import { failure, record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";

const fleet = (name: string, clusterName: pulumi.Input<string>, provider?: aws.Provider) =>
    new PodIdentity(name, {
        roleArn: ROLE_ARN,
        serviceAccounts: [
            { namespace: "demo", name: "api" },
            { namespace: "demo", name: `${name}-only` },
        ],
        clusters: { prod: { clusterName, awsProvider: provider } },
    });

describe("service accounts bound by two components of one program (EKS: one association each)", () => {
    it("refuses the second component before it creates anything, naming both", async () => {
        const failed = await failure(() => {
            fleet("payments", "prod");
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
            });
        });
        assert.deepStrictEqual(
            failed.errors.map((error) => error.message),
            [
                'PodIdentityBinding "api" binds service account demo/api on cluster prod, which ' +
                    'PodIdentity "payments" (clusters.prod) already binds: EKS allows one Pod ' +
                    "Identity association per cluster, namespace and service account, and refuses " +
                    "a second with 409 ResourceInUseException. Bind it in one component only, or " +
                    "use another service account.",
            ],
        );
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.name.startsWith("api")).map((r) => r.type),
            ["eks-pod-identity:index:PodIdentityBinding"],
        );
    });

    it("checks a cluster name known only at deploy time once it is known, with one message", async () => {
        const failed = await failure(() => {
            const cluster = new aws.eks.Cluster("prod", {
                name: "prod",
                roleArn: "arn:aws:iam::123456789012:role/cluster",
                vpcConfig: { subnetIds: ["subnet-1"] },
            });
            fleet("payments", cluster.name);
            fleet("reports", cluster.name);
        });
        assert.strictEqual(failed.errors.length, 1, failed.message);
        assert.match(
            failed.errors[0].message,
            /^PodIdentity "reports" \(clusters\.prod\) binds service account demo\/api on cluster prod, which PodIdentity "payments" \(clusters\.prod\) already binds/,
        );
        // The later component's resources on that cluster wait for the check: none is created.
        assert.deepStrictEqual(
            failed.resources
                .filter((r) => r.type === T.association)
                .map((r) => r.name)
                .sort(),
            ["payments/prod/demo/api", "payments/prod/demo/payments-only"],
        );
    });

    it("lets components bind the same names on clusters of other providers, and the same program run twice", async () => {
        const program = () => {
            fleet("us", "prod");
            fleet("eu", "prod", new aws.Provider("eu", { region: "eu-west-1" }));
        };
        assert.strictEqual((await record(program)).ofType(T.association).length, 4);
        // The register belongs to one program run: a second run starts empty.
        assert.strictEqual((await record(program)).ofType(T.association).length, 4);
    });
});
