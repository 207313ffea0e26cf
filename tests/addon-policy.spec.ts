import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { PodIdentityAddon, PodIdentityBinding } from "../index";
import { addonAssociationConflictPolicy, addonWithoutAssociationPolicy } from "../policy/rules";
import { record } from "./harness";
import { unknown, validateAll } from "./policyHarness";
import { planDocument } from "../tools/plan/document";
import { renderText } from "../tools/plan/text";

const ROLE_ARN = "arn:aws:iam::123456789012:role/ebs";

function standalone(name: string, clusterName: string, namespace: string, serviceAccount: string) {
    return new aws.eks.PodIdentityAssociation(name, {
        clusterName,
        namespace,
        serviceAccount,
        roleArn: ROLE_ARN,
    });
}

describe("policy: pod-identity-addon-association-conflict", () => {
    const conflict = (association: string, owner: string) =>
        `association "${association}" gives kube-system/ebs-csi-controller-sa on cluster ` +
        `prod (us-east-1) a role, but add-on "${owner}" (aws-ebs-csi-driver) already associates it ` +
        "through its podIdentityAssociations: EKS refuses the second (409 ResourceInUseException). " +
        "Remove the standalone association and set the role on the add-on.";

    it("reports a standalone association for a service account an add-on associates", async () => {
        const run = await record(() => {
            new PodIdentityAddon("ebs", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                agent: false,
            });
            standalone("by-hand", "prod", "kube-system", "ebs-csi-controller-sa");
            // Another namespace, another service account, another cluster: no clash.
            standalone("other-ns", "prod", "storage", "ebs-csi-controller-sa");
            standalone("other-sa", "prod", "kube-system", "efs-csi-controller-sa");
            standalone("other-cluster", "stage", "kube-system", "ebs-csi-controller-sa");
        });
        assert.deepStrictEqual(await validateAll(addonAssociationConflictPolicy, run), [
            { on: "by-hand", message: conflict("by-hand", "ebs") },
        ]);
    });

    it("reads raw add-ons too, with their namespaceConfig, and a PodIdentityBinding's association", async () => {
        const run = await record(() => {
            new aws.eks.Addon("raw", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                podIdentityAssociations: [
                    { roleArn: ROLE_ARN, serviceAccount: "ebs-csi-controller-sa" },
                ],
            });
            new PodIdentityBinding("bound", {
                clusterName: "prod",
                namespace: "kube-system",
                serviceAccount: "ebs-csi-controller-sa",
                roleArn: ROLE_ARN,
                createServiceAccount: false,
            });
            new aws.eks.Addon("moved", {
                clusterName: "stage",
                addonName: "vendor-agent",
                namespaceConfig: { namespace: "vendor" },
                podIdentityAssociations: [{ roleArn: ROLE_ARN, serviceAccount: "agent" }],
            });
            standalone("vendor", "stage", "vendor", "agent");
        });
        const found = await validateAll(addonAssociationConflictPolicy, run);
        assert.deepStrictEqual(
            found.map((f) => f.on),
            ["bound", "vendor"],
        );
        assert.match(found[1].message, /add-on "moved" \(vendor-agent\) already associates it/);
    });

    it("does not judge an add-on whose cluster is unknown during preview", async () => {
        const run = await record(
            () => {
                new aws.eks.Addon("later", {
                    clusterName: unknown<string>(),
                    addonName: "aws-ebs-csi-driver",
                    podIdentityAssociations: [
                        { roleArn: ROLE_ARN, serviceAccount: "ebs-csi-controller-sa" },
                    ],
                });
                standalone("by-hand", "prod", "kube-system", "ebs-csi-controller-sa");
            },
            { preview: true },
        );
        assert.deepStrictEqual(await validateAll(addonAssociationConflictPolicy, run), []);
    });
});

describe("policy: pod-identity-addon-association", () => {
    it("advises on a known add-on that would use the node role", async () => {
        const run = await record(() => {
            new aws.eks.Addon("cni", { clusterName: "prod", addonName: "vpc-cni" });
            // With an association, IRSA, or a standalone association: not on the node role.
            new PodIdentityAddon("ebs", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
                agent: false,
            });
            new aws.eks.Addon("efs", {
                clusterName: "prod",
                addonName: "aws-efs-csi-driver",
                serviceAccountRoleArn: ROLE_ARN,
            });
            new aws.eks.Addon("cw", {
                clusterName: "prod",
                addonName: "amazon-cloudwatch-observability",
            });
            standalone("cw-agent", "prod", "amazon-cloudwatch", "cloudwatch-agent");
            // Add-ons that take no role are not judged.
            new aws.eks.Addon("dns", { clusterName: "prod", addonName: "coredns" });
        });
        assert.deepStrictEqual(await validateAll(addonWithoutAssociationPolicy, run), [
            {
                on: "cni",
                message:
                    'add-on "cni" (vpc-cni) on cluster prod (us-east-1) has no Pod Identity association, ' +
                    "so its pods use the node role's permissions. Give it podIdentityAssociations for " +
                    "aws-node (PodIdentityAddon does), with a role holding the vpcCni preset.",
            },
        ]);
    });

    it("is advisory; the conflict rule is mandatory", () => {
        assert.strictEqual(addonWithoutAssociationPolicy.enforcementLevel, "advisory");
        assert.strictEqual(addonAssociationConflictPolicy.enforcementLevel, "mandatory");
    });
});

describe("plan review of add-on associations", () => {
    it("lists an add-on's own association with the standalone ones", async () => {
        const run = await record(
            () => {
                new PodIdentityAddon("ebs", {
                    clusterName: "prod",
                    addonName: "aws-ebs-csi-driver",
                    agent: false,
                });
                new PodIdentityBinding("app", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                });
            },
            { preview: true },
        );
        const doc = planDocument(
            run.run,
            { project: "p", stack: "s", fixture: {} },
            {
                evaluated: false,
                policies: [],
                findings: { mandatory: [], advisory: [] },
            },
        );
        assert.deepStrictEqual(
            doc.review.associations.map((a) => [
                a.name,
                a.clusterName,
                a.namespace,
                a.serviceAccount,
                a.roleName ?? a.roleArn,
                a.addon,
            ]),
            [
                ["app", "prod", "demo", "api", ROLE_ARN, undefined],
                [
                    "ebs",
                    "prod",
                    "kube-system",
                    "ebs-csi-controller-sa",
                    "ebs",
                    "aws-ebs-csi-driver",
                ],
            ],
        );
        assert.ok(
            renderText(doc).includes(
                "  prod (us-east-1) / kube-system / ebs-csi-controller-sa -> role ebs  (add-on aws-ebs-csi-driver)",
            ),
        );
    });
});
