import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityBinding, PodIdentityRole } from "../index";
import { resourceArgs, resolveConfig, stackArgs, stateOf } from "../policy/offline";
import { policies } from "../policy/rules";
import { record, T } from "./harness";
import { unknownFrom } from "./policyHarness";

describe("policy offline adapter", () => {
    it("gives validateResource the runtime's arguments for a recorded resource", async () => {
        const run = await record(() => {
            const provider = new aws.Provider("west", { region: "us-west-2" });
            new PodIdentityBinding(
                "api",
                {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: "arn:aws:iam::123456789012:role/app",
                    tags: { team: pulumi.secret("payments") },
                },
                { providers: [provider] },
            );
        });
        const association = run.get(T.association, "api");
        const args = resourceArgs(association, run.resources);
        assert.strictEqual(args.type, T.association);
        assert.strictEqual(args.urn, association.urn);
        assert.strictEqual(args.name, "api");
        assert.strictEqual(args.opts.parent, association.parent);
        assert.strictEqual(
            run.byUrn(association.parent)?.type,
            "eks-pod-identity:index:PodIdentityBinding",
        );
        // Plain copies: nested values are @pulumi/policy's unknown-checking proxies, which
        // Node 22's deepStrictEqual tells apart from plain objects.
        assert.deepStrictEqual(JSON.parse(JSON.stringify(args.props)), {
            clusterName: "prod",
            namespace: "demo",
            serviceAccount: "api",
            roleArn: "arn:aws:iam::123456789012:role/app",
            // Secrets reach policies revealed, as the runtime deserialises them.
            tags: { team: "payments" },
        });
        assert.strictEqual(args.provider?.type, "pulumi:providers:aws");
        assert.strictEqual(args.provider?.name, "west");
        assert.strictEqual(args.provider?.props.region, "us-west-2");
        assert.ok(args.isType(aws.eks.PodIdentityAssociation));
        assert.ok(!args.isType(aws.iam.Role));
        assert.strictEqual(args.asType(aws.eks.PodIdentityAssociation)?.namespace, "demo");
        assert.strictEqual(args.asType(k8s.core.v1.ServiceAccount), undefined);
        assert.throws(() => args.notApplicable("not mine"), /not mine/);
    });

    it("links the stack's resources: parents, dependencies, property dependencies, outputs", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {});
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: role.arn,
            });
        });
        const args = stackArgs(run.resources);
        const byName = (type: string, name: string) =>
            args.resources.find((r) => r.type === type && r.name === name)!;
        const association = byName(T.association, "api");
        const role = byName(T.role, "app");
        assert.strictEqual(association.parent?.type, "eks-pod-identity:index:PodIdentityBinding");
        assert.deepStrictEqual(
            association.dependencies.map((d) => d.urn),
            [role.urn],
        );
        assert.deepStrictEqual(
            association.propertyDependencies.roleArn.map((d) => d.urn),
            [role.urn],
        );
        // Stack rules see outputs: what the cloud computed as well as the inputs.
        assert.match(String(association.props.associationArn), /^arn:aws:eks:us-east-1:/);
        assert.strictEqual(role.props.arn, association.props.roleArn);
        assert.ok(role.isType(aws.iam.Role));
        assert.strictEqual(role.asType(aws.iam.Role)?.arn, role.props.arn);
    });

    it("keeps inputs unknown during preview unknown in the stack's state", async () => {
        const run = await record(
            () => {
                const role = new aws.iam.Role("app", { assumeRolePolicy: "{}" });
                new aws.eks.PodIdentityAssociation("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: unknownFrom<string>(role.arn),
                });
            },
            { preview: true },
        );
        const association = run.get(T.association, "api");
        assert.strictEqual(association.outputs.roleArn, undefined);
        assert.strictEqual(stateOf(association).roleArn, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        const props = stackArgs(run.resources).resources.find(
            (r) => r.urn === association.urn,
        )!.props;
        assert.throws(() => props.roleArn, /can't be known during preview/);
        assert.strictEqual(props.namespace, "demo");
    });

    it("fills configuration in as the engine does: schema defaults, then `all`, then the rule", () => {
        const resolved = resolveConfig(policies, {
            all: "advisory",
            "pod-identity-agent-addon": { enforcementLevel: "mandatory", clustersWithAgent: ["a"] },
            "pod-identity-system-namespace": { namespaces: ["ops"] },
        });
        assert.deepStrictEqual(resolved.get("pod-identity-agent-addon"), {
            enforcementLevel: "mandatory",
            properties: { clustersWithAgent: ["a"] },
        });
        const namespaces = resolved.get("pod-identity-system-namespace")!;
        assert.strictEqual(namespaces.enforcementLevel, "advisory");
        assert.deepStrictEqual(namespaces.properties.namespaces, ["ops"]);
        assert.ok(
            (namespaces.properties.allowedServiceAccounts as string[]).includes(
                "kube-system/karpenter",
            ),
        );
        assert.deepStrictEqual(resolved.get("pod-identity-trust-actions"), {
            enforcementLevel: "advisory",
            properties: {},
        });
    });
});
