import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { KNOWN_ADDONS, PodIdentityAddon, podIdentityTrustPolicy } from "../index";
import { addonVersionOlderThan } from "../eks/eksAddon";
import { defaultPermissions } from "../eks/knownAddons";
import { json, record, refusal, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/ebs-csi";
const fixture = { clusters: { prod: { version: "1.31" } } };

describe("PodIdentityAddon", () => {
    it("creates the add-on with its own association and the preset role, nothing else", async () => {
        const run = await record(
            () => {
                const ebs = new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                });
                return { serviceAccount: ebs.serviceAccount, version: ebs.addonVersion };
            },
            { fixture },
        );
        const addon = run.get(T.addon, "ebs");
        const role = run.get(T.role, "ebs");
        assert.strictEqual(addon.inputs.addonName, "aws-ebs-csi-driver");
        assert.strictEqual(addon.inputs.clusterName, "prod");
        assert.strictEqual(addon.inputs.addonVersion, "v1.45.0-eksbuild.2");
        assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
            { roleArn: role.outputs.arn, serviceAccount: "ebs-csi-controller-sa" },
        ]);
        // A storage add-on's association goes with it (see addon-lifecycle.spec.ts).
        assert.strictEqual(addon.inputs.preserve, false);
        assert.strictEqual(addon.inputs.resolveConflictsOnCreate, "OVERWRITE");
        assert.deepStrictEqual(json(role.inputs.assumeRolePolicy), json(podIdentityTrustPolicy()));
        // The ebsCsi preset is the role's one permission.
        assert.deepStrictEqual(run.names(T.policy), ["ebs-preset-ebsCsi"]);
        assert.deepStrictEqual(run.ofType(T.association), []);
        assert.deepStrictEqual(run.ofType(T.serviceAccount), []);
        assert.deepStrictEqual(
            run.invokes(T.getAddonVersion).map((i) => i.inputs),
            [{ addonName: "aws-ebs-csi-driver", kubernetesVersion: "1.31", mostRecent: false }],
        );
        assert.strictEqual(run.outputs.serviceAccount, "ebs-csi-controller-sa");
    });

    it("uses a given role ARN, service account and exact version, and passes the add-on settings", async () => {
        const run = await record(() => {
            new PodIdentityAddon("csi", {
                clusterName: "prod",
                addonName: "vendor-csi",
                agent: false,
                serviceAccount: "vendor-controller",
                roleArn: ROLE_ARN,
                version: "v2.3.0-eksbuild.1",
                configurationValues: { replicaCount: 2, controller: { logLevel: 3 } },
                resolveConflictsOnUpdate: "PRESERVE",
                preserve: false,
                tags: { team: "storage" },
            });
        });
        const addon = run.get(T.addon, "csi");
        assert.deepStrictEqual(addon.inputs.podIdentityAssociations, [
            { roleArn: ROLE_ARN, serviceAccount: "vendor-controller" },
        ]);
        assert.strictEqual(addon.inputs.addonVersion, "v2.3.0-eksbuild.1");
        assert.strictEqual(
            addon.inputs.configurationValues,
            '{"controller":{"logLevel":3},"replicaCount":2}',
        );
        assert.strictEqual(addon.inputs.resolveConflictsOnUpdate, "PRESERVE");
        assert.strictEqual(addon.inputs.preserve, false);
        assert.deepStrictEqual(addon.inputs.tags, { team: "storage" });
        assert.deepStrictEqual(run.ofType(T.role), []);
        assert.strictEqual(run.run.invokes.length, 0);
    });

    it("lets explicit role args win over the add-on's preset", async () => {
        const run = await record(() => {
            new PodIdentityAddon("efs", {
                clusterName: "prod",
                addonName: "aws-efs-csi-driver",
                agent: false,
                role: {
                    managedPolicyArns: [
                        "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy",
                    ],
                },
                version: "latest",
            });
        });
        assert.deepStrictEqual(run.ofType(T.policy), []);
        assert.strictEqual(run.ofType(T.attachment).length, 1);
        assert.strictEqual(run.get(T.addon, "efs").inputs.addonVersion, "v2.1.11-eksbuild.1");
        assert.strictEqual(run.invokes(T.getAddonVersion)[0].inputs.mostRecent, true);
    });

    it("refuses an unknown add-on without serviceAccount, and ADOT without a choice", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("x", {
                        clusterName: "prod",
                        addonName: "vendor-csi",
                        agent: false,
                        roleArn: ROLE_ARN,
                    }),
            ),
            [
                'serviceAccount: "vendor-csi" is not an add-on this package knows, so its service ' +
                    "account is unknown: set serviceAccount to the one `aws eks describe-addon-configuration " +
                    "--addon-name vendor-csi --addon-version <version> --query podIdentityConfiguration` reports.",
            ],
        );
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("otel", {
                        clusterName: "prod",
                        addonName: "adot",
                        agent: false,
                    }),
            ),
            [
                "serviceAccount: adot runs several service accounts that take a role " +
                    "(adot-col-prom-metrics, adot-col-otlp-ingest, adot-col-container-logs): set " +
                    "serviceAccount to the one this role is for, or list them in serviceAccounts " +
                    "(one role each).",
            ],
        );
    });

    it("refuses versions older than AWS's minimum for Pod Identity associations", () => {
        const lines = refusal(
            () =>
                new PodIdentityAddon("cni", {
                    clusterName: "prod",
                    addonName: "vpc-cni",
                    agent: false,
                    version: "v1.15.4-eksbuild.1",
                }),
        );
        assert.deepStrictEqual(lines, [
            "version: vpc-cni v1.15.4-eksbuild.1 is older than v1.15.5-eksbuild.1, the first version " +
                'that accepts Pod Identity associations (EKS User Guide, "Pod Identity Support ' +
                'Reference"): use v1.15.5-eksbuild.1 or later, "default" or "latest".',
        ]);
    });

    it("accepts the minimum version itself", async () => {
        const run = await record(
            () =>
                new PodIdentityAddon("cni", {
                    clusterName: "prod",
                    addonName: "vpc-cni",
                    agent: false,
                    version: "v1.15.5-eksbuild.1",
                }),
        );
        assert.strictEqual(run.get(T.addon, "cni").inputs.addonVersion, "v1.15.5-eksbuild.1");
    });

    it("refuses a resolved default version that is too old, before the add-on is registered", async () => {
        const types: string[] = [];
        await assert.rejects(
            record(
                () =>
                    new PodIdentityAddon("ebs", {
                        clusterName: "prod",
                        addonName: "aws-ebs-csi-driver",
                        agent: false,
                    }),
                {
                    fixture: {
                        otherAddonVersions: {
                            "aws-ebs-csi-driver": {
                                default: "v1.25.0-eksbuild.1",
                                latest: "v1.26.1-eksbuild.1",
                            },
                        },
                    },
                    onResource: (resource) => types.push(resource.type),
                },
            ),
            /version: aws-ebs-csi-driver v1.25.0-eksbuild.1 is older than v1.26.0-eksbuild.1/,
        );
        // Nothing at all: the add-on's role waits for the version check too, since the add-on
        // could not take it.
        assert.deepStrictEqual(types, []);
    });

    it("refuses both role and roleArn, and a role-less add-on whose preset needs options", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("ebs", {
                        clusterName: "prod",
                        addonName: "aws-ebs-csi-driver",
                        agent: false,
                        role: {},
                        roleArn: ROLE_ARN,
                    }),
            ),
            ["roleArn: give either role (to create the role) or roleArn, not both."],
        );
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityAddon("s3", {
                        clusterName: "prod",
                        addonName: "aws-mountpoint-s3-csi-driver",
                        agent: false,
                    }),
            ),
            [
                "role: give role (to create the add-on's role) or roleArn (an existing role's ARN), " +
                    "e.g. role: { presets: { mountpointS3Csi: { ... } } } (the mountpointS3Csi preset " +
                    "needs options, so it is not applied on its own); without one the add-on falls " +
                    "back to the node role.",
            ],
        );
    });

    it("refuses two add-on associations for one service account on one cluster", async () => {
        await assert.rejects(
            record(() => {
                new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                });
                new PodIdentityAddon("ebs-again", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                });
            }),
            /PodIdentityAddon "ebs-again" associates \(through add-on aws-ebs-csi-driver's own association\) service account kube-system\/ebs-csi-controller-sa on cluster prod, which PodIdentityAddon "ebs" already associates/,
        );
        // Another cluster, or the same name through another region's provider, is another cluster.
        const run = await record(() => {
            const west = new aws.Provider("west", { region: "us-west-2" });
            new PodIdentityAddon("ebs", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                agent: false,
            });
            new PodIdentityAddon("ebs-stage", {
                clusterName: "stage",
                addonName: "aws-ebs-csi-driver",
                agent: false,
            });
            new PodIdentityAddon(
                "ebs-west",
                { clusterName: "prod", addonName: "aws-ebs-csi-driver", agent: false },
                { provider: west },
            );
        });
        assert.strictEqual(run.ofType(T.addon).length, 3);
    });
});

describe("known add-ons", () => {
    it("lists each add-on's service accounts, namespace, minimum version and default permissions", () => {
        const permissions = (name: string, serviceAccount: string) => {
            const found = defaultPermissions(name, serviceAccount);
            return !found
                ? "-"
                : "preset" in found
                  ? found.preset
                  : `managed ${found.managedPolicy}`;
        };
        const table = Object.entries(KNOWN_ADDONS).map(([name, a]) =>
            [
                name,
                a.namespace,
                a.minimumVersion ?? "-",
                a.serviceAccounts.map((sa) => `${sa}: ${permissions(name, sa)}`).join(", "),
                a.keepSoftwareOnDelete ? "preserve" : "-",
            ].join(" | "),
        );
        assert.deepStrictEqual(table, [
            "vpc-cni | kube-system | v1.15.5-eksbuild.1 | aws-node: vpcCni | preserve",
            "aws-ebs-csi-driver | kube-system | v1.26.0-eksbuild.1 | ebs-csi-controller-sa: ebsCsi | -",
            "aws-efs-csi-driver | kube-system | v2.0.5-eksbuild.1 | efs-csi-controller-sa: efsCsi | -",
            "aws-mountpoint-s3-csi-driver | kube-system | - | s3-csi-driver-sa: mountpointS3Csi | -",
            "aws-fsx-csi-driver | kube-system | - | fsx-csi-controller-sa: fsxLustreCsi | -",
            "adot | opentelemetry-operator-system | v0.94.1-eksbuild.1 | " +
                "adot-col-prom-metrics: managed AmazonPrometheusRemoteWriteAccess, " +
                "adot-col-otlp-ingest: managed AWSXrayWriteOnlyAccess, " +
                "adot-col-container-logs: managed CloudWatchAgentServerPolicy | -",
            "amazon-cloudwatch-observability | amazon-cloudwatch | v3.1.0-eksbuild.1 | cloudwatch-agent: cloudwatchObservability | -",
            "aws-privateca-connector-for-kubernetes | aws-privateca-issuer | - | aws-privateca-issuer: privateCaIssuer | -",
            "aws-network-flow-monitoring-agent | amazon-network-flow-monitor | - | " +
                "aws-network-flow-monitor-agent-service-account: managed CloudWatchNetworkFlowMonitorAgentPublishPolicy | -",
            "external-dns | external-dns | - | external-dns: externalDns | -",
            "fluent-bit | fluent-bit | - | fluent-bit: fluentBit | -",
        ]);
    });

    it("compares add-on versions numerically", () => {
        assert.strictEqual(addonVersionOlderThan("v1.9.0-eksbuild.1", "v1.15.5-eksbuild.1"), true);
        assert.strictEqual(addonVersionOlderThan("v1.15.5-eksbuild.1", "v1.15.5-eksbuild.2"), true);
        assert.strictEqual(
            addonVersionOlderThan("v1.15.10-eksbuild.1", "v1.15.5-eksbuild.1"),
            false,
        );
        assert.strictEqual(addonVersionOlderThan("v2.0.0-eksbuild.1", "v1.26.0-eksbuild.1"), false);
    });
});
