import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { PodIdentityAgent, PodIdentityBinding, PodIdentityRole } from "../index";
import { runPolicies, Violation } from "../policy/offline";
import { PACK_NAME, policies } from "../policy/rules";
import { record } from "./harness";
import { EC2_TRUST, trustPolicy, unknownFrom } from "./policyHarness";
import { PolicyServer } from "./policyServer";
import rootPackage from "../package.json";

function sorted(violations: Violation[]): Violation[] {
    const key = (v: Violation) => `${v.policyName} ${v.urn ?? ""} ${v.message}`;
    return [...violations].sort((a, b) => key(a).localeCompare(key(b)));
}

// A stack that breaks most rules at once, written with components and by hand.
function troubledStack() {
    const pods = { Service: "pods.eks.amazonaws.com" };
    const legacy = new aws.iam.Role("legacy", {
        assumeRolePolicy: trustPolicy({
            Effect: "Allow",
            Principal: { ...pods, AWS: "arn:aws:iam::123456789012:root" },
            Action: "sts:AssumeRole",
        }),
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    });
    const app = new PodIdentityRole("app", {
        trust: { namespaces: ["demo"] },
        statements: [
            { Action: ["*"], Resource: ["*"] },
            {
                Action: ["s3:GetObject"],
                Resource: ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*"],
            },
        ],
        irsaTrust: [
            {
                oidcProviderArn:
                    "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
                serviceAccounts: ["demo/app"],
            },
        ],
    });
    new PodIdentityBinding("app", {
        clusterName: "prod",
        namespace: "kube-system",
        serviceAccount: "app",
        roleArn: app.arn,
        createNamespace: false,
        disableSessionTags: true,
        serviceAccountAnnotations: {
            "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/old",
        },
        allowIrsaAnnotation: true,
    });
    new aws.eks.PodIdentityAssociation("legacy", {
        clusterName: "prod",
        namespace: "kube-system",
        serviceAccount: "app",
        roleArn: legacy.arn,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
    });
    const nodes = new aws.iam.Role("nodes", { assumeRolePolicy: EC2_TRUST });
    new aws.eks.NodeGroup("nodes", {
        clusterName: "prod",
        nodeRoleArn: unknownFrom<string>(nodes.arn),
        subnetIds: ["subnet-1"],
        scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
    });
    // An add-on on the node role, and one whose service account also has a standalone association.
    new aws.eks.Addon("cni", { clusterName: "prod", addonName: "vpc-cni" });
    new aws.eks.Addon("ebs", {
        clusterName: "prod",
        addonName: "aws-ebs-csi-driver",
        podIdentityAssociations: [{ roleArn: app.arn, serviceAccount: "ebs-csi-controller-sa" }],
    });
    new aws.eks.PodIdentityAssociation("ebs", {
        clusterName: "prod",
        namespace: "kube-system",
        serviceAccount: "ebs-csi-controller-sa",
        roleArn: app.arn,
    });
}

describe("policy pack under the Pulumi policy runtime", function () {
    // Starting the runtime type-checks the pack with ts-node, which takes a few seconds.
    this.timeout(120_000);
    let server: PolicyServer;

    before(async () => {
        server = await PolicyServer.start();
    });

    after(() => server?.stop());

    it("loads from policy/ and declares every rule with its level and option defaults", async () => {
        const info = await server.info();
        assert.strictEqual(info.getName(), PACK_NAME);
        // The pack carries the package's version (policy/package.json follows package.json).
        assert.strictEqual(info.getVersion(), rootPackage.version);
        assert.ok(info.getSupportsconfig());
        const declared = info.getPoliciesList().map((p) => ({
            name: p.getName(),
            level: p.getEnforcementlevel(),
            type: p.getPolicyType(),
            defaults: Object.fromEntries(
                Object.entries(
                    (p.getConfigschema()?.getProperties() ?? new Struct()).toJavaScript(),
                ).map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
            ),
        }));
        assert.deepStrictEqual(
            declared.map((p) => p.name),
            policies.map((p) => p.name),
        );
        const levels = Object.fromEntries(declared.map((p) => [p.name, p.level]));
        assert.strictEqual(
            levels["pod-identity-system-namespace"],
            proto.EnforcementLevel.ADVISORY,
        );
        assert.strictEqual(levels["pod-identity-agent-addon"], proto.EnforcementLevel.MANDATORY);
        const types = Object.fromEntries(declared.map((p) => [p.name, p.type]));
        assert.strictEqual(
            types["pod-identity-trust-actions"],
            proto.PolicyType.POLICY_TYPE_RESOURCE,
        );
        assert.strictEqual(
            types["pod-identity-node-role-permission"],
            proto.PolicyType.POLICY_TYPE_STACK,
        );
        const defaults = Object.fromEntries(declared.map((p) => [p.name, p.defaults]));
        assert.deepStrictEqual(defaults["pod-identity-role-no-admin"], {
            allowedRoles: [],
            forbiddenManagedPolicies: ["AdministratorAccess"],
        });
        assert.deepStrictEqual(defaults["pod-identity-agent-addon"], { clustersWithAgent: [] });
    });

    it("reports on a troubled stack exactly what the offline runner reports", async () => {
        const run = await record(troubledStack, { preview: true });
        await server.configure(policies);
        const live = await server.review(run.resources);
        const offline = await runPolicies(run.resources);
        assert.deepStrictEqual(sorted(live), sorted(offline));
        assert.deepStrictEqual(
            [...new Set(offline.map((v) => v.policyName))].sort(),
            policies.map((p) => p.name).sort(),
        );
    });

    it("passes the good stack, and honours configuration, as the offline runner does", async () => {
        const run = await record(() => {
            const role = new PodIdentityRole("app", {});
            const agent = new PodIdentityAgent("agent", { clusterName: "prod" });
            new PodIdentityBinding("app", {
                clusterName: "stage",
                namespace: "demo",
                serviceAccount: "app",
                roleArn: role.arn,
                agent,
            });
        });
        await server.configure(policies);
        assert.deepStrictEqual(
            (await server.review(run.resources)).map((v) => v.policyName),
            ["pod-identity-agent-addon"],
        );
        const config = { "pod-identity-agent-addon": { clustersWithAgent: ["stage"] } };
        await server.configure(policies, config);
        assert.deepStrictEqual(await server.review(run.resources), []);
        assert.deepStrictEqual(await runPolicies(run.resources, { config }), []);
    });
});
