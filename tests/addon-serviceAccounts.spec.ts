/**
 * PodIdentityAddon with several service accounts (EKS replaces all of an add-on's
 * associations on an update, so one component owns them all: EKS User Guide,
 * "Use Pod Identities to assign an IAM role to an Amazon EKS add-on", update-addon-role), the
 * known defaults per service account (ADOT add-on docs: one managed policy per collector),
 * and the single form kept as it was.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { PodIdentityAddon, PodIdentityAddonArgs } from "../index";
import { json, record, refusal, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/otel-prom";

describe("PodIdentityAddon: several service accounts", () => {
    it("gives each ADOT collector its own role with its managed policy, in the role's partition", async () => {
        const run = await record(
            () => {
                const otel = new PodIdentityAddon("otel", {
                    agent: false,
                    clusterName: "prod",
                    addonName: "adot",
                    serviceAccounts: [
                        { serviceAccount: "adot-col-prom-metrics" },
                        { serviceAccount: "adot-col-otlp-ingest" },
                        { serviceAccount: "adot-col-container-logs" },
                    ],
                });
                return {
                    serviceAccounts: otel.serviceAccounts,
                    roleArns: otel.roleArns,
                    role: otel.role,
                };
            },
            { fixture: { region: "cn-north-1" } },
        );
        assert.deepStrictEqual(run.names(T.role), [
            "otel/adot-col-container-logs",
            "otel/adot-col-otlp-ingest",
            "otel/adot-col-prom-metrics",
        ]);
        const attached = Object.fromEntries(
            run.ofType(T.attachment).map((a) => [a.name, a.inputs.policyArn]),
        );
        assert.deepStrictEqual(attached, {
            "otel/adot-col-prom-metrics-AmazonPrometheusRemoteWriteAccess":
                "arn:aws-cn:iam::aws:policy/AmazonPrometheusRemoteWriteAccess",
            "otel/adot-col-otlp-ingest-AWSXrayWriteOnlyAccess":
                "arn:aws-cn:iam::aws:policy/AWSXrayWriteOnlyAccess",
            "otel/adot-col-container-logs-CloudWatchAgentServerPolicy":
                "arn:aws-cn:iam::aws:policy/CloudWatchAgentServerPolicy",
        });
        const roleOf = (sa: string) => run.get(T.role, `otel/${sa}`).outputs.arn;
        // One add-on, all three associations, sorted by service account.
        assert.deepStrictEqual(run.get(T.addon, "otel").inputs.podIdentityAssociations, [
            {
                roleArn: roleOf("adot-col-container-logs"),
                serviceAccount: "adot-col-container-logs",
            },
            { roleArn: roleOf("adot-col-otlp-ingest"), serviceAccount: "adot-col-otlp-ingest" },
            { roleArn: roleOf("adot-col-prom-metrics"), serviceAccount: "adot-col-prom-metrics" },
        ]);
        assert.deepStrictEqual(run.outputs.serviceAccounts, [
            "adot-col-container-logs",
            "adot-col-otlp-ingest",
            "adot-col-prom-metrics",
        ]);
        assert.deepStrictEqual(Object.keys(run.outputs.roleArns as object).sort(), [
            "adot-col-container-logs",
            "adot-col-otlp-ingest",
            "adot-col-prom-metrics",
        ]);
        assert.strictEqual(run.outputs.role, undefined, "role is the single form's");
    });

    it("takes a given role or role ARN per service account", async () => {
        const run = await record(() => {
            new PodIdentityAddon("otel", {
                agent: false,
                clusterName: "prod",
                addonName: "adot",
                serviceAccounts: [
                    { serviceAccount: "adot-col-prom-metrics", roleArn: ROLE_ARN },
                    {
                        serviceAccount: "adot-col-otlp-ingest",
                        role: { presets: { xray: {} } },
                    },
                ],
            });
        });
        assert.deepStrictEqual(run.names(T.role), ["otel/adot-col-otlp-ingest"]);
        assert.deepStrictEqual(run.names(T.policy), ["otel/adot-col-otlp-ingest-preset-xray"]);
        assert.deepStrictEqual(
            (run.get(T.addon, "otel").inputs.podIdentityAssociations as { roleArn: string }[]).map(
                (a) => a.roleArn,
            ),
            [run.get(T.role, "otel/adot-col-otlp-ingest").outputs.arn, ROLE_ARN],
        );
    });

    it("keeps the single form's resources and names as 0.2 registered them", async () => {
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                agent: false,
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
            });
        });
        // URNs are what Pulumi matches state on: the same names, types and parents replace nothing.
        assert.deepStrictEqual(
            run.resources.map((r) => r.urn.split("::").slice(2).join("::")).sort(),
            [
                "eks-pod-identity:index:PodIdentityAddon$aws:eks/addon:Addon::ebs",
                "eks-pod-identity:index:PodIdentityAddon$eks-pod-identity:index:PodIdentityRole$aws:iam/policy:Policy::ebs-preset-ebsCsi",
                "eks-pod-identity:index:PodIdentityAddon$eks-pod-identity:index:PodIdentityRole$aws:iam/role:Role::ebs",
                "eks-pod-identity:index:PodIdentityAddon$eks-pod-identity:index:PodIdentityRole$aws:iam/rolePolicyAttachment:RolePolicyAttachment::ebs-preset-ebsCsi",
                "eks-pod-identity:index:PodIdentityAddon$eks-pod-identity:index:PodIdentityRole::ebs",
                "eks-pod-identity:index:PodIdentityAddon::ebs",
                "pulumi:pulumi:Stack::project-test",
            ],
        );
    });

    it("gives the add-on its role's ARN only once the role's permissions exist (readyArn)", async () => {
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                agent: false,
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
            });
        });
        const addon = run.get(T.addon, "ebs");
        assert.ok(run.waitsOn(addon).has(run.get(T.attachment, "ebs-preset-ebsCsi").urn));
        assert.ok(run.waitsOn(addon).has(run.get(T.policy, "ebs-preset-ebsCsi").urn));
    });

    it("refuses the two forms together, an empty list, a repeat and a role-less service account without defaults", () => {
        const base: PodIdentityAddonArgs = { clusterName: "prod", addonName: "adot" };
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("otel", {
                        agent: false,
                        ...base,
                        serviceAccount: "adot-col-otlp-ingest",
                        serviceAccounts: [{ serviceAccount: "adot-col-prom-metrics" }],
                    }),
            ),
            [
                "serviceAccounts: give serviceAccounts (a role for each) or serviceAccount (one " +
                    "association), not both: move serviceAccount into the list.",
            ],
        );
        assert.deepStrictEqual(
            refusal(
                () => new PodIdentityAddon("otel", { agent: false, ...base, serviceAccounts: [] }),
            ),
            [
                "serviceAccounts: the list is empty: name at least one service account, or " +
                    "leave it out for the add-on's default.",
            ],
        );
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("otel", {
                        agent: false,
                        ...base,
                        serviceAccounts: [
                            { serviceAccount: "adot-col-prom-metrics" },
                            { serviceAccount: "adot-col-prom-metrics", roleArn: ROLE_ARN },
                            { serviceAccount: "collector", role: {}, roleArn: ROLE_ARN },
                            { serviceAccount: "other" },
                        ],
                    }),
            ),
            [
                'serviceAccounts[1].serviceAccount: "adot-col-prom-metrics" is listed twice: an ' +
                    "add-on takes one association per service account.",
                "serviceAccounts[2].roleArn: give either role (to create the role) or roleArn, not both.",
                "serviceAccounts[3].role: give role (to create the add-on's role) or roleArn (an " +
                    "existing role's ARN); without one the add-on falls back to the node role.",
            ],
        );
    });

    it("refuses every broken list once, before any resource is registered", async () => {
        const entry = fc.record(
            {
                serviceAccount: fc.oneof(
                    fc.constantFrom("adot-col-prom-metrics", "adot-col-otlp-ingest", "custom"),
                    fc.string(),
                ),
                roleArn: fc.constantFrom(ROLE_ARN, "not-an-arn"),
                role: fc.constant({}),
            },
            { requiredKeys: ["serviceAccount"] },
        );
        // Broken: a repeat, a bad name, both role forms, a bad ARN, or no role where no default fits.
        const broken = (list: { serviceAccount: string; roleArn?: string; role?: object }[]) =>
            new Set(list.map((e) => e.serviceAccount)).size < list.length ||
            list.some(
                (e) =>
                    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(
                        e.serviceAccount,
                    ) ||
                    e.serviceAccount.length > 253 ||
                    (e.role !== undefined && e.roleArn !== undefined) ||
                    e.roleArn === "not-an-arn" ||
                    (e.role === undefined &&
                        e.roleArn === undefined &&
                        !e.serviceAccount.startsWith("adot-col-")),
            );
        await fc.assert(
            fc.asyncProperty(
                fc.array(entry, { minLength: 1, maxLength: 4 }).filter(broken),
                async (serviceAccounts) => {
                    const registered: string[] = [];
                    let thrown: Error | undefined;
                    try {
                        await record(
                            () =>
                                new PodIdentityAddon("otel", {
                                    agent: false,
                                    clusterName: "prod",
                                    addonName: "adot",
                                    serviceAccounts,
                                }),
                            { onResource: (r) => registered.push(r.type) },
                        );
                    } catch (error) {
                        thrown = error as Error;
                    }
                    assert.ok(thrown, "refused");
                    assert.match(
                        thrown.message,
                        /PodIdentityAddon "otel" has \d+ problems? in its arguments/,
                    );
                    assert.deepStrictEqual(
                        registered.filter((type) => type !== "pulumi:pulumi:Stack"),
                        [],
                    );
                },
            ),
            { numRuns: 40 },
        );
    });
});

describe("PodIdentityAddon: the VPC CNI on IPv6 clusters", () => {
    const actionsOf = (policy: unknown) =>
        (json(policy) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action);

    it("reads the cluster's IP family from the one cluster lookup and grants the IPv6 policy", async () => {
        const run = await record(
            () => {
                new PodIdentityAddon("cni", {
                    agent: false,
                    clusterName: "v6",
                    addonName: "vpc-cni",
                });
            },
            { fixture: { clusters: { v6: { ipFamily: "ipv6" } } } },
        );
        // amazon-vpc-cni-k8s docs/iam-policy.md "IPv6 mode" (v1.23.0).
        const actions = actionsOf(run.get(T.policy, "cni-preset-vpcCni").inputs.policy);
        assert.ok(actions.includes("ec2:AssignIpv6Addresses"), actions.join(", "));
        assert.ok(!actions.includes("ec2:CreateNetworkInterface"), actions.join(", "));
        assert.strictEqual(run.invokes(T.getCluster).length, 1, "shared with the version");
    });

    it("keeps the IPv4 policy on IPv4 clusters, and lets ipFamily override the lookup", async () => {
        const v4 = await record(() => {
            new PodIdentityAddon("cni", {
                agent: false,
                clusterName: "prod",
                addonName: "vpc-cni",
            });
        });
        const actions = actionsOf(v4.get(T.policy, "cni-preset-vpcCni").inputs.policy);
        assert.ok(actions.includes("ec2:CreateNetworkInterface"));
        assert.ok(!actions.includes("ec2:AssignIpv6Addresses"));

        const given = await record(() => {
            new PodIdentityAddon("cni", {
                agent: false,
                clusterName: "prod",
                addonName: "vpc-cni",
                ipFamily: "ipv6",
                kubernetesVersion: "1.33",
            });
        });
        assert.ok(
            actionsOf(given.get(T.policy, "cni-preset-vpcCni").inputs.policy).includes(
                "ec2:AssignIpv6Addresses",
            ),
        );
        assert.strictEqual(given.invokes(T.getCluster).length, 0, "nothing to look up");
    });

    it("grants on IPv6 exactly the IPv6 policy of amazon-vpc-cni-k8s docs/iam-policy.md (v1.23.0)", async () => {
        const upstream = JSON.parse(
            fs.readFileSync(path.join(__dirname, "fixtures", "upstream", "vpcCni.json"), "utf8"),
        ) as { commit: string; documents: { actions: string[] }[] };
        const ipv6Mode = upstream.documents.find((d) =>
            d.actions.includes("ec2:AssignIpv6Addresses"),
        )!;
        const run = await record(
            () => {
                new PodIdentityAddon("cni", {
                    agent: false,
                    clusterName: "v6",
                    addonName: "vpc-cni",
                });
            },
            { fixture: { clusters: { v6: { ipFamily: "ipv6" } } } },
        );
        const actions = [
            ...new Set(actionsOf(run.get(T.policy, "cni-preset-vpcCni").inputs.policy)),
        ];
        assert.deepStrictEqual(actions.sort(), [...ipv6Mode.actions].sort());
        assert.strictEqual(upstream.commit, "0c65d58cf2b490014e7aa19aac172a032f4e520a");
    });

    it("refuses an ipFamily that is not one", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("cni", {
                        agent: false,
                        clusterName: "prod",
                        addonName: "vpc-cni",
                        ipFamily: "dual",
                    }),
            ),
            [
                'ipFamily: "dual" is not an EKS IP family: use "ipv4" or "ipv6" (the cluster\'s ' +
                    "kubernetesNetworkConfig.ipFamily), or leave it out to read it from the cluster.",
            ],
        );
    });
});

describe("PodIdentityAddon: namespaceConfig", () => {
    it("installs into the namespace given, which the claims use", async () => {
        await assert.rejects(
            record(() => {
                new PodIdentityAddon("ebs", {
                    agent: false,
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    namespaceConfig: { namespace: "storage" },
                });
                new PodIdentityAddon("ebs-again", {
                    agent: false,
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    namespaceConfig: { namespace: "storage" },
                });
            }),
            /service account storage\/ebs-csi-controller-sa on cluster prod/,
        );
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                agent: false,
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                namespaceConfig: { namespace: "storage" },
            });
        });
        assert.deepStrictEqual(run.get(T.addon, "ebs").inputs.namespaceConfig, {
            namespace: "storage",
        });
    });

    it("refuses a namespace Kubernetes would refuse", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("ebs", {
                        agent: false,
                        clusterName: "prod",
                        addonName: "aws-ebs-csi-driver",
                        namespaceConfig: { namespace: "Storage_1" },
                    }),
            ),
            [
                'namespaceConfig.namespace: "Storage_1" is not a valid Kubernetes namespace name: ' +
                    "namespace names are DNS-1123 labels: at most 63 lower-case letters, digits and " +
                    "'-', starting and ending with a letter or digit (Kubernetes documentation, " +
                    "Object Names and IDs (DNS-1123); rule kubernetes-namespace-name). Rename it: use " +
                    "at most 63 lower-case letters, digits and '-' (DNS-1123 label).",
            ],
        );
    });
});
