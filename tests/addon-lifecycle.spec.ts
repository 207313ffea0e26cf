/**
 * An add-on's associations through delete, re-create and replacement: nothing left behind,
 * nothing pointing at a deleted role, and the VPC CNI's software never removed. The EKS rules
 * are those of tests/eksAddonState.ts (EKS User Guide, "IAM roles for Amazon EKS add-ons" and
 * "Remove an Amazon EKS add-on"; EKS API reference, DeleteAddon).
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    PodIdentityAddon,
    PodIdentityAddonArgs,
    PodIdentityAgent,
    PodIdentityRole,
} from "../index";
import { record, T } from "./harness";
import { EksAddonState } from "./eksAddonState";
import { diffRuns, withChange } from "./replacement";

async function run(args: PodIdentityAddonArgs, name = "addon") {
    return record(() => {
        new PodIdentityAddon(name, { agent: false, ...args });
    });
}

describe("PodIdentityAddon: delete and re-create", () => {
    it("a storage add-on takes its own association, and deleting it leaves none behind", async () => {
        const ebs = await run({ clusterName: "prod", addonName: "aws-ebs-csi-driver" });
        const addon = ebs.get(T.addon, "addon");
        // Without preserve, EKS deletes the add-on's associations with it (add-ons-iam).
        assert.strictEqual(addon.inputs.preserve, false);
        assert.strictEqual(
            (addon.inputs.podIdentityAssociations as unknown[]).length,
            1,
            "the add-on's own association",
        );
        assert.deepStrictEqual(ebs.ofType(T.association), []);

        const eks = new EksAddonState();
        eks.up([], ebs.resources);
        assert.deepStrictEqual(
            [...eks.associations.keys()],
            ["prod/kube-system/ebs-csi-controller-sa"],
        );
        eks.destroy(ebs.resources);
        assert.deepStrictEqual([...eks.associations.keys()], [], "no association left behind");
        // DeleteAddon without preserve removes the driver's software too (docs/addons.md says so).
        assert.deepStrictEqual([...eks.software], []);
        // Deleting and re-creating with the same service account works: nothing to adopt.
        eks.up([], ebs.resources);
        assert.deepStrictEqual(eks.dangling(), []);
    });

    it("the VPC CNI keeps its software on delete, and its association goes before the role", async () => {
        const cni = await run({ clusterName: "prod", addonName: "vpc-cni" }, "cni");
        const addon = cni.get(T.addon, "cni");
        assert.strictEqual(addon.inputs.preserve, true);
        assert.strictEqual(addon.inputs.podIdentityAssociations, undefined);
        const association = cni.get(T.association, "cni/aws-node");
        const role = cni.get(T.role, "cni");
        assert.deepStrictEqual(
            {
                clusterName: association.inputs.clusterName,
                namespace: association.inputs.namespace,
                serviceAccount: association.inputs.serviceAccount,
                roleArn: association.inputs.roleArn,
            },
            {
                clusterName: "prod",
                namespace: "kube-system",
                serviceAccount: "aws-node",
                roleArn: role.outputs.arn,
            },
        );
        // Deleted before the role (it depends on it), created after the add-on.
        assert.ok(cni.waitsOn(association).has(role.urn));
        assert.ok(cni.waitsOn(association).has(addon.urn));
        assert.strictEqual(association.options.deleteBeforeReplace, true);

        const eks = new EksAddonState();
        eks.up([], cni.resources);
        eks.destroy(cni.resources);
        assert.deepStrictEqual([...eks.software], ["prod/vpc-cni"], "pod networking keeps running");
        assert.deepStrictEqual([...eks.associations.keys()], [], "no association left behind");
        eks.up([], cni.resources);
        assert.deepStrictEqual([...eks.associations.keys()], ["prod/kube-system/aws-node"]);
        assert.deepStrictEqual(eks.dangling(), []);
    });

    it("preserve: true on any add-on keeps its software and leaves no association", async () => {
        const ebs = await run({
            clusterName: "prod",
            addonName: "aws-ebs-csi-driver",
            preserve: true,
        });
        const eks = new EksAddonState();
        eks.up([], ebs.resources);
        eks.destroy(ebs.resources);
        assert.deepStrictEqual([...eks.software], ["prod/aws-ebs-csi-driver"]);
        assert.deepStrictEqual([...eks.associations.keys()], []);
        eks.up([], ebs.resources);
        assert.deepStrictEqual(eks.dangling(), []);
    });

    it("the agent add-on keeps preserve: true", async () => {
        const agent = await record(() => {
            new PodIdentityAgent("agent", { clusterName: "prod" });
        });
        assert.strictEqual(agent.get(T.addon, "agent").inputs.preserve, true);
    });

    for (const addonName of ["aws-ebs-csi-driver", "vpc-cni"]) {
        it(`${addonName}: a new namespace replaces the add-on delete-first, and nothing is left in the old one`, async () => {
            const before = await run({ clusterName: "prod", addonName });
            const after = await run({
                clusterName: "prod",
                addonName,
                namespaceConfig: { namespace: "networking" },
            });
            const diff = diffRuns(before.resources, after.resources);
            assert.ok(
                withChange(diff, "replace").includes("aws:eks/addon:Addon::addon"),
                withChange(diff, "replace").join(", "),
            );
            const eks = new EksAddonState();
            eks.up([], before.resources);
            eks.up(before.resources, after.resources);
            const serviceAccount = addonName === "vpc-cni" ? "aws-node" : "ebs-csi-controller-sa";
            assert.deepStrictEqual(
                [...eks.associations.keys()],
                [`prod/networking/${serviceAccount}`],
            );
            assert.deepStrictEqual(eks.dangling(), []);
        });
    }

    it("moves a VPC CNI from 0.2 (the add-on's own association) without a 409", async () => {
        // What 0.2 registered for PodIdentityAddon("cni", { clusterName, addonName: "vpc-cni" }).
        class PodIdentityAddon02 extends pulumi.ComponentResource {
            constructor(name: string) {
                super("eks-pod-identity:index:PodIdentityAddon", name, {}, {});
                const role = new PodIdentityRole(
                    name,
                    { presets: { vpcCni: {} } },
                    { parent: this },
                );
                new aws.eks.Addon(
                    name,
                    {
                        clusterName: "prod",
                        addonName: "vpc-cni",
                        addonVersion: "v1.19.5-eksbuild.1",
                        podIdentityAssociations: [
                            { roleArn: role.arn, serviceAccount: "aws-node" },
                        ],
                        resolveConflictsOnCreate: "OVERWRITE",
                        resolveConflictsOnUpdate: "OVERWRITE",
                        preserve: true,
                    },
                    { parent: this, deleteBeforeReplace: true },
                );
            }
        }
        const before = await record(() => {
            new PodIdentityAddon02("cni");
        });
        const after = await run({ clusterName: "prod", addonName: "vpc-cni" }, "cni");
        const diff = diffRuns(before.resources, after.resources);
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        assert.deepStrictEqual(withChange(diff, "delete"), []);
        assert.deepStrictEqual(withChange(diff, "update"), ["aws:eks/addon:Addon::cni"]);
        assert.deepStrictEqual(withChange(diff, "create"), [
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::cni/aws-node",
        ]);
        const eks = new EksAddonState();
        eks.up([], before.resources);
        eks.up(before.resources, after.resources);
        assert.deepStrictEqual(
            [...eks.associations.entries()],
            [["prod/kube-system/aws-node", { roleArn: after.get(T.role, "cni").outputs.arn }]],
            "the standalone association, created once the add-on dropped its own",
        );
    });
});

describe("PodIdentityAddon: preserve needs the namespace", () => {
    it("refuses preserve: true for an add-on whose namespace is unknown, before anything is created", () => {
        assert.throws(
            () =>
                new PodIdentityAddon("csi", {
                    agent: false,
                    clusterName: "prod",
                    addonName: "vendor-csi",
                    serviceAccount: "vendor-controller",
                    roleArn: "arn:aws:iam::123456789012:role/vendor",
                    preserve: true,
                }),
            (error: unknown) =>
                pulumi.InputPropertiesError.isInstance(error) &&
                error.errors.length === 1 &&
                error.errors[0].propertyPath === "preserve" &&
                /set namespaceConfig\.namespace to where the add-on runs, or preserve: false/.test(
                    error.errors[0].reason,
                ),
        );
    });

    it("takes the namespace from namespaceConfig", async () => {
        const csi = await run({
            clusterName: "prod",
            addonName: "vendor-csi",
            serviceAccount: "vendor-controller",
            roleArn: "arn:aws:iam::123456789012:role/vendor",
            namespaceConfig: { namespace: "vendor" },
            preserve: true,
        });
        assert.deepStrictEqual(csi.get(T.addon, "addon").inputs.namespaceConfig, {
            namespace: "vendor",
        });
        assert.strictEqual(
            csi.get(T.association, "addon/vendor-controller").inputs.namespace,
            "vendor",
        );
    });
});
