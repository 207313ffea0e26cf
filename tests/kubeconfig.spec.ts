import * as assert from "assert";
import { eksKubeconfig } from "../kubernetes/kubeconfig";

const CLUSTER = {
    name: "prod-eu",
    arn: "arn:aws:eks:eu-west-1:111111111111:cluster/prod-eu",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    certificateAuthorityData: "LS0tLS1CRUdJTi1DQQ==",
};

describe("EKS kubeconfig", () => {
    it("points at the cluster's endpoint and trusts its certificate authority", () => {
        const kubeconfig = JSON.parse(eksKubeconfig(CLUSTER)) as {
            clusters: { name: string; cluster: Record<string, string> }[];
            "current-context": string;
        };
        assert.deepStrictEqual(kubeconfig.clusters, [
            {
                name: CLUSTER.arn,
                cluster: {
                    server: CLUSTER.endpoint,
                    "certificate-authority-data": CLUSTER.certificateAuthorityData,
                },
            },
        ]);
        assert.strictEqual(kubeconfig["current-context"], CLUSTER.arn);
    });

    it("authenticates with a short-lived aws eks get-token credential in the cluster's region", () => {
        const kubeconfig = JSON.parse(eksKubeconfig(CLUSTER)) as {
            users: { user: { exec: unknown } }[];
        };
        // v1beta1 is the exec API every supported Kubernetes version (1.24+) accepts; the
        // client must never prompt, since pulumi up runs unattended.
        assert.deepStrictEqual(kubeconfig.users[0].user.exec, {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: [
                "--region",
                "eu-west-1",
                "eks",
                "get-token",
                "--cluster-name",
                "prod-eu",
                "--output",
                "json",
            ],
            interactiveMode: "Never",
        });
    });

    it("can assume a role in the cluster's account, or use a CLI profile, for the token", () => {
        const kubeconfig = JSON.parse(
            eksKubeconfig(CLUSTER, {
                roleArn: "arn:aws:iam::111111111111:role/deployer",
                profile: "apps",
            }),
        ) as { users: { user: { exec: { args: string[]; env: unknown } } }[] };
        const exec = kubeconfig.users[0].user.exec;
        assert.deepStrictEqual(exec.args.slice(6, 8), [
            "--role-arn",
            "arn:aws:iam::111111111111:role/deployer",
        ]);
        assert.deepStrictEqual(exec.env, [{ name: "AWS_PROFILE", value: "apps" }]);
    });
});
