import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PodIdentity, PodIdentityArgs, ClusterSpec } from "../index";
import { podIdentityTrustPolicy } from "../iam/trustPolicy";
import { json, record, Recorded, T } from "./harness";

const S3_LIST = {
    statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo-bucket"] }],
};
const APP_SAS = [
    { namespace: "demo", name: "s3-lister" },
    { namespace: "demo", name: "s3-writer" },
    { namespace: "jobs", name: "batch" },
];

function fleet(count: number): { [key: string]: ClusterSpec } {
    const clusters: { [key: string]: ClusterSpec } = {};
    for (let i = 0; i < count; i++) {
        clusters[`c${i}`] = { clusterName: `cluster-${i}` };
    }
    return clusters;
}

/**
 * Every cloud resource of a run by URN, with what the engine would diff: inputs, provider,
 * parent. (Components are not sent to any cloud; their recorded args naturally list the fleet.)
 */
function snapshot(run: Recorded): Map<string, string> {
    return new Map(
        run.resources
            .filter((r) => r.custom)
            .map((r) => [
                r.urn,
                JSON.stringify({ inputs: r.inputs, provider: r.provider, parent: r.parent }),
            ]),
    );
}

describe("PodIdentity", () => {
    it("keeps the trust policy byte-identical for fleets of 1, 3 and 50 clusters", async () => {
        const policies: unknown[] = [];
        for (const size of [1, 3, 50]) {
            const run = await record(() => {
                new PodIdentity("app", {
                    role: { ...S3_LIST, trust: { sourceAccounts: ["123456789012"] } },
                    serviceAccounts: [APP_SAS[0]],
                    clusters: fleet(size),
                });
            });
            assert.strictEqual(run.ofType(T.association).length, size);
            policies.push(run.get(T.role, "app").inputs.assumeRolePolicy);
        }
        assert.strictEqual(policies[0], policies[1]);
        assert.strictEqual(policies[0], policies[2]);
        assert.strictEqual(
            policies[0],
            podIdentityTrustPolicy({ sourceAccounts: ["123456789012"] }),
        );
    });

    it("adding, removing or reordering clusters leaves every other resource unchanged", async () => {
        const program = (keys: string[]) => () => {
            const all = fleet(4);
            new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: APP_SAS,
                clusters: Object.fromEntries(keys.map((key) => [key, all[key]])),
            });
        };
        const base = snapshot(await record(program(["c0", "c1", "c2"])));
        const variants = {
            added: snapshot(await record(program(["c0", "c1", "c2", "c3"]))),
            removed: snapshot(await record(program(["c0", "c2"]))),
            reordered: snapshot(await record(program(["c2", "c0", "c1"]))),
        };
        for (const [change, variant] of Object.entries(variants)) {
            let shared = 0;
            for (const [urn, state] of variant) {
                if (base.has(urn)) {
                    shared++;
                    assert.strictEqual(state, base.get(urn), `${change}: ${urn} changed`);
                }
            }
            assert.ok(shared > 20, `${change}: expected most resources to be shared`);
        }
        // Removing c1 removes exactly c1's resources.
        const gone = [...base.keys()].filter((urn) => !variants.removed.has(urn));
        assert.ok(gone.length > 0);
        for (const urn of gone) {
            assert.match(urn, /app\/c1/);
        }
        assert.deepStrictEqual([...variants.reordered.keys()].sort(), [...base.keys()].sort());
    });

    it("creates one association per cluster and service account, all with the shared role", async () => {
        const run = await record(() => {
            const app = new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: APP_SAS,
                clusters: fleet(3),
            });
            return { roleArn: app.roleArn, associations: app.associations };
        });
        const associations = run.ofType(T.association);
        assert.strictEqual(associations.length, 9);
        const keys = associations.map(
            (a) =>
                `${String(a.inputs.clusterName)}/${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`,
        );
        assert.strictEqual(new Set(keys).size, 9);
        for (const association of associations) {
            assert.strictEqual(association.inputs.roleArn, run.outputs.roleArn);
        }
        assert.strictEqual(run.ofType(T.role).length, 1);
        assert.deepStrictEqual(Object.keys(run.outputs.associations).sort(), [
            "c0/demo/s3-lister",
            "c0/demo/s3-writer",
            "c0/jobs/batch",
            "c1/demo/s3-lister",
            "c1/demo/s3-writer",
            "c1/jobs/batch",
            "c2/demo/s3-lister",
            "c2/demo/s3-writer",
            "c2/jobs/batch",
        ]);
        const one = run.outputs.associations["c1/jobs/batch"];
        assert.strictEqual(one.clusterName, "cluster-1");
        assert.strictEqual(one.namespace, "jobs");
        assert.strictEqual(one.serviceAccount, "batch");
        assert.match(one.associationArn, /podidentityassociation\/cluster-1\/a-/);
        assert.match(one.associationId, /^a-/);
        // Each as EKS answered for the association itself (the ID is read from the ARN).
        for (const [key, summary] of Object.entries(run.outputs.associations)) {
            const association = run.get(T.association, `app/${key}`);
            assert.strictEqual(summary.associationArn, association.outputs.associationArn);
            assert.strictEqual(summary.associationId, association.outputs.associationId);
        }
    });

    it("creates one Namespace per cluster and namespace, however many service accounts share it", async () => {
        const run = await record(() => {
            new PodIdentity("app", { role: S3_LIST, serviceAccounts: APP_SAS, clusters: fleet(2) });
        });
        assert.deepStrictEqual(run.names(T.namespace), [
            "app/c0/demo",
            "app/c0/jobs",
            "app/c1/demo",
            "app/c1/jobs",
        ]);
        const demo = run.get(T.namespace, "app/c0/demo");
        assert.strictEqual(demo.options.retainOnDelete, true);
        for (const name of ["s3-lister", "s3-writer"]) {
            const sa = run.get(T.serviceAccount, `app/c0/demo/${name}`);
            assert.ok(
                sa.dependencies.includes(demo.urn),
                "service account waits for its namespace",
            );
        }
    });

    it("installs one agent per cluster with agent: true, none with false, and reuses a shared one", async () => {
        const run = await record(() => {
            const platform = new PodIdentity("platform", {
                role: S3_LIST,
                serviceAccounts: [
                    { namespace: "kube-system", name: "ebs", createNamespace: false },
                ],
                clusters: {
                    a: { clusterName: "a", agent: true },
                    b: { clusterName: "b", agent: { version: "latest", preserve: true } },
                    auto: { clusterName: "auto", agent: false },
                },
            });
            // A second application on the same clusters shares the first one's agents.
            const app = new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    a: { clusterName: "a", agent: platform.agents.a },
                    b: { clusterName: "b", agent: platform.agents.b },
                    auto: { clusterName: "auto", agent: false },
                },
            });
            new k8s.core.v1.Pod("api", {
                metadata: { namespace: "demo" },
                spec: {
                    serviceAccountName: app.bindings["a/demo/api"].ready,
                    containers: [{ name: "api", image: "public.ecr.aws/docker/library/busybox" }],
                },
            });
        });
        const addons = run.ofType(T.addon);
        assert.deepStrictEqual(
            addons.map((a) => a.inputs.clusterName).sort(),
            ["a", "b"],
            "one add-on per cluster that needs one, none duplicated by the second application",
        );
        assert.strictEqual(
            run.get(T.addon, "platform/b").inputs.addonVersion,
            "v1.3.10-eksbuild.2",
        );
        // A workload on `ready` waits for its association, its service account and the shared agent.
        const pod = run.get("kubernetes:core/v1:Pod", "api");
        assert.deepStrictEqual(pod.inputs.spec, {
            serviceAccountName: "api",
            containers: [{ name: "api", image: "public.ecr.aws/docker/library/busybox" }],
        });
        for (const [type, name] of [
            [T.addon, "platform/a"],
            [T.association, "app/a/demo/api"],
            [T.serviceAccount, "app/a/demo/api"],
        ]) {
            assert.ok(
                pod.dependencies.includes(run.get(type, name).urn),
                `the pod waits on ${name}`,
            );
        }
    });

    it("sends each cluster's add-on, associations and lookups through that cluster's providers", async () => {
        const run = await record(() => {
            const use1 = new aws.Provider("use1", { region: "us-east-1" });
            const euw1 = new aws.Provider("euw1", { region: "eu-west-1" });
            const k8sEu = new k8s.Provider("k8s-eu", { kubeconfig: "{}" });
            new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    us: { clusterName: "us", awsProvider: use1 },
                    eu: { clusterName: "eu", awsProvider: euw1, kubernetesProvider: k8sEu },
                },
            });
        });
        assert.strictEqual(run.providerOf(run.get(T.addon, "app/eu"))?.name, "euw1");
        assert.strictEqual(run.providerOf(run.get(T.addon, "app/us"))?.name, "use1");
        assert.strictEqual(run.providerOf(run.get(T.association, "app/eu/demo/api"))?.name, "euw1");
        assert.match(
            String(run.get(T.association, "app/eu/demo/api").outputs.associationArn),
            /^arn:aws:eks:eu-west-1:/,
        );
        assert.strictEqual(run.providerOf(run.get(T.namespace, "app/eu/demo"))?.name, "k8s-eu");
        assert.strictEqual(
            run.providerOf(run.get(T.serviceAccount, "app/eu/demo/api"))?.name,
            "k8s-eu",
        );
        // The US cluster got a kubeconfig-built provider of its own.
        assert.strictEqual(
            run.providerOf(run.get(T.serviceAccount, "app/us/demo/api"))?.name,
            "app/us",
        );
        // The role is global: it uses the component's (default) provider, not a cluster's.
        assert.strictEqual(run.get(T.role, "app").provider, "");
        for (const invoke of run.run.invokes) {
            const cluster = invoke.token === T.getCluster ? invoke.inputs.name : undefined;
            if (cluster === "eu") {
                assert.match(invoke.provider, /providers:aws::euw1::/);
            }
            if (cluster === "us") {
                assert.match(invoke.provider, /providers:aws::use1::/);
            }
        }
        for (const invoke of run.invokes(T.getAddonVersion)) {
            assert.match(invoke.provider, /providers:aws::(euw1|use1)::/);
        }
    });

    it("looks each cluster up at most once, however many service accounts it has", async () => {
        const manyServiceAccounts = Array.from({ length: 25 }, (_, i) => ({
            namespace: `ns-${i % 5}`,
            name: `sa-${i}`,
        }));
        const run = await record(() => {
            new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: manyServiceAccounts,
                clusters: fleet(4),
            });
        });
        assert.strictEqual(run.ofType(T.association).length, 100);
        assert.strictEqual(run.invokes(T.getCluster).length, 4);
        assert.strictEqual(run.invokes(T.getAddonVersion).length, 4);
        assert.strictEqual(run.run.invokes.length, 8);
    });

    it("builds a secret kubeconfig with an aws eks get-token exec credential", async () => {
        const run = await record(
            () => {
                const euw1 = new aws.Provider("euw1", { region: "eu-west-1" });
                new PodIdentity("app", {
                    role: S3_LIST,
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: { eu: { clusterName: "prod-eu", awsProvider: euw1 } },
                });
            },
            {
                fixture: {
                    clusters: {
                        "prod-eu": { endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com" },
                    },
                },
            },
        );
        const provider = run.get("pulumi:providers:kubernetes", "app/eu");
        assert.ok(
            JSON.stringify(provider.wireInputs.kubeconfig).includes(
                "1b47061264138c4ac30d75fd1eb44270",
            ),
            "kubeconfig is secret",
        );
        const kubeconfig = json(provider.inputs.kubeconfig) as {
            clusters: { cluster: { server: string } }[];
            users: { user: { exec: { command: string; args: string[] } } }[];
        };
        assert.strictEqual(
            kubeconfig.clusters[0].cluster.server,
            "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        );
        assert.strictEqual(kubeconfig.users[0].user.exec.command, "aws");
        assert.deepStrictEqual(kubeconfig.users[0].user.exec.args, [
            "--region",
            "eu-west-1",
            "eks",
            "get-token",
            "--cluster-name",
            "prod-eu",
            "--output",
            "json",
        ]);
    });

    it("makes no Kubernetes provider when nothing Kubernetes is created", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                roleArn: "arn:aws:iam::123456789012:role/shared",
                serviceAccounts: [
                    {
                        namespace: "kube-system",
                        name: "karpenter",
                        createNamespace: false,
                        createServiceAccount: false,
                    },
                ],
                clusters: { a: { clusterName: "a", kubernetesVersion: "1.31" } },
            });
        });
        assert.deepStrictEqual(run.ofType("pulumi:providers:kubernetes"), []);
        assert.deepStrictEqual(run.ofType(T.namespace), []);
        assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        // The Kubernetes version is given and nothing Kubernetes is built: nothing to look up.
        assert.strictEqual(run.invokes(T.getCluster).length, 0);
        assert.strictEqual(run.ofType(T.role).length, 0);
        assert.strictEqual(
            run.get(T.association, "app/a/kube-system/karpenter").inputs.roleArn,
            "arn:aws:iam::123456789012:role/shared",
        );
    });

    it("installs the agent on EKS Auto Mode clusters too, for the node groups they may mix in", async () => {
        const run = await record(
            () => {
                new PodIdentity("app", {
                    role: S3_LIST,
                    serviceAccounts: [{ namespace: "demo", name: "api" }],
                    clusters: {
                        auto: { clusterName: "auto" },
                        classic: { clusterName: "classic" },
                    },
                });
            },
            { fixture: { clusters: { auto: { autoMode: true } } } },
        );
        assert.deepStrictEqual(
            run
                .ofType(T.addon)
                .map((a) => a.inputs.clusterName)
                .sort(),
            ["auto", "classic"],
        );
        assert.deepStrictEqual(run.logs("info"), []);
        assert.strictEqual(run.invokes(T.getCluster).length, 2);
    });

    it("lets a cluster replace the service-account list and applies association defaults", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                role: S3_LIST,
                serviceAccounts: [{ namespace: "demo", name: "api" }],
                clusters: {
                    a: { clusterName: "a" },
                    b: {
                        clusterName: "b",
                        serviceAccounts: [{ namespace: "batch", name: "jobs" }],
                    },
                },
                association: {
                    targetRoleArn: "arn:aws:iam::999988887777:role/data",
                    tags: { app: "demo" },
                },
            });
        });
        assert.deepStrictEqual(run.names(T.association), ["app/a/demo/api", "app/b/batch/jobs"]);
        for (const association of run.ofType(T.association)) {
            assert.strictEqual(
                association.inputs.targetRoleArn,
                "arn:aws:iam::999988887777:role/data",
            );
            assert.deepStrictEqual(association.inputs.tags, { app: "demo" });
        }
    });

    it("associations wait on nothing but the role, not even on what the role's permissions name", async () => {
        const run = await record(() => {
            const bucket = new aws.s3.Bucket("data");
            new PodIdentity("app", {
                role: { statements: [{ Action: ["s3:GetObject"], Resource: [bucket.arn] }] },
                serviceAccounts: APP_SAS,
                clusters: fleet(2),
            });
        });
        const roleUrn = run.get(T.role, "app").urn;
        assert.strictEqual(run.ofType(T.association).length, 6);
        for (const association of run.ofType(T.association)) {
            assert.deepStrictEqual([...run.heldBackBy(association)], [roleUrn]);
        }
        // The inline policy is what waits for the bucket.
        assert.ok(
            run
                .waitsOn(run.get(T.rolePolicy, "app-inline"))
                .has(run.get("aws:s3/bucket:Bucket", "data").urn),
        );
    });
});

// Keeps the args type honest for readers: a fleet is plain data.
export const exampleArgs: PodIdentityArgs = {
    role: S3_LIST,
    serviceAccounts: APP_SAS,
    clusters: fleet(1),
};
