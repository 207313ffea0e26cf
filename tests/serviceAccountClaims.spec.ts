import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity, PodIdentityAddon, PodIdentityBinding } from "../index";
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

// EKS creates and owns an add-on's association (EKS User Guide, "IAM roles for Amazon EKS
// add-ons"); a standalone one on the same service account fails with 409.
describe("a service account bound by one component and associated by another's add-on", () => {
    const EBS_SA = { namespace: "kube-system", name: "ebs-csi-controller-sa" };
    const binding = () =>
        new PodIdentityBinding("driver-sa", {
            clusterName: "prod",
            namespace: EBS_SA.namespace,
            serviceAccount: EBS_SA.name,
            roleArn: ROLE_ARN,
        });
    const addon = () =>
        new PodIdentityAddon("storage", {
            clusterName: "prod",
            addonName: "aws-ebs-csi-driver",
            agent: false,
        });
    const why =
        "EKS creates and owns an add-on's Pod Identity association with the add-on, and " +
        "refuses any second association for the same cluster, namespace and service account " +
        "with 409 ResourceInUseException. Keep one of the two, or use another service account.";
    const viaAddon = "associates (through add-on aws-ebs-csi-driver's own association)";

    it("refuses an add-on after a binding, before the add-on creates anything", async () => {
        const failed = await failure(() => {
            binding();
            addon();
        });
        assert.deepStrictEqual(
            failed.errors.map((error) => error.message),
            [
                `PodIdentityAddon "storage" ${viaAddon} service account ` +
                    `kube-system/ebs-csi-controller-sa on cluster prod, which PodIdentityBinding ` +
                    `"driver-sa" already binds: ${why}`,
            ],
        );
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.name.startsWith("storage")).map((r) => r.type),
            ["eks-pod-identity:index:PodIdentityAddon"],
        );
    });

    it("refuses a binding after an add-on, before the binding creates anything", async () => {
        const failed = await failure(() => {
            addon();
            binding();
        });
        assert.deepStrictEqual(
            failed.errors.map((error) => error.message),
            [
                `PodIdentityBinding "driver-sa" binds service account ` +
                    `kube-system/ebs-csi-controller-sa on cluster prod, which PodIdentityAddon ` +
                    `"storage" already ${viaAddon}: ${why}`,
            ],
        );
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.name.startsWith("driver-sa")).map((r) => r.type),
            ["eks-pod-identity:index:PodIdentityBinding"],
        );
    });

    it("refuses a fleet's add-on on a cluster where another fleet binds its service account", async () => {
        const failed = await failure(() => {
            const apps = new PodIdentity("apps", {
                roleArn: ROLE_ARN,
                serviceAccounts: [EBS_SA],
                clusters: { blue: { clusterName: "prod" } },
            });
            // Sharing the first one's agent: one agent add-on per cluster.
            new PodIdentity("storage", {
                addon: { name: "aws-ebs-csi-driver", version: "v1.40.0-eksbuild.1" },
                clusters: {
                    blue: {
                        clusterName: "prod",
                        kubernetesVersion: "1.31",
                        agent: apps.agents.blue,
                    },
                },
            });
        });
        assert.deepStrictEqual(
            failed.errors.map((error) => error.message),
            [
                `PodIdentity "storage" (clusters.blue) ${viaAddon} service account ` +
                    `kube-system/ebs-csi-controller-sa on cluster prod, which PodIdentity "apps" ` +
                    `(clusters.blue) already binds: ${why}`,
            ],
        );
        // Not even the fleet's shared role: the check runs before the fleet creates anything.
        assert.deepStrictEqual(
            failed.resources.filter((r) => r.name.startsWith("storage")).map((r) => r.type),
            ["eks-pod-identity:index:PodIdentity"],
        );
    });

    it("lets a fleet's add-on share its own claim, and the same add-on run on other clusters", async () => {
        const run = await record(() => {
            addon();
            new PodIdentity("storage-fleet", {
                addon: { name: "aws-ebs-csi-driver", version: "v1.40.0-eksbuild.1" },
                clusters: {
                    blue: { clusterName: "blue", kubernetesVersion: "1.31" },
                    green: { clusterName: "green", kubernetesVersion: "1.31" },
                },
            });
        });
        assert.deepStrictEqual(
            run
                .ofType(T.addon)
                .map((r) => r.name)
                .filter((n) => n === "storage" || n.endsWith("/aws-ebs-csi-driver"))
                .sort(),
            [
                "storage",
                "storage-fleet/blue/aws-ebs-csi-driver",
                "storage-fleet/green/aws-ebs-csi-driver",
            ],
        );
    });
});
