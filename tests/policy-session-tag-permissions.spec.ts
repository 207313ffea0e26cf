import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityBinding, PodIdentityRole, PodIdentityTargetRole, SessionTag } from "../index";
import { policies, sessionTagsForPermissionsPolicy } from "../policy/rules";
import { record, T } from "./harness";
import { markUnknown, trustPolicy, unknown, validateAll } from "./policyHarness";

const POD_TRUST = trustPolicy({
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
});
const BUCKET = "arn:aws:s3:::reports";
const BY_NAMESPACE = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: "s3:ListBucket", Resource: BUCKET },
        {
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: `${BUCKET}/\${aws:PrincipalTag/kubernetes-namespace}/*`,
        },
    ],
});
const PLAIN = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }],
});

function associate(
    name: string,
    roleArn: pulumi.Input<string>,
    disableSessionTags: pulumi.Input<boolean> | undefined,
    targetRoleArn?: pulumi.Input<string>,
) {
    return new aws.eks.PodIdentityAssociation(name, {
        clusterName: "prod",
        namespace: name,
        serviceAccount: "api",
        roleArn,
        disableSessionTags,
        targetRoleArn,
    });
}

const message = (association: string, kind: string, role: string, source: string, tags: string) =>
    `association "${association}" disables session tags, but its ${kind} "${role}" has ` +
    `permissions from "${source}" that need the session tag ${tags} (aws:PrincipalTag): ` +
    "without session tags those statements never match and their requests are denied. Keep " +
    "session tags on, or remove the session-tag scoping.";

describe("policy: pod-identity-session-tags-for-permissions", () => {
    it("is a mandatory stack rule of the pack", () => {
        assert.ok(policies.includes(sessionTagsForPermissionsPolicy));
        assert.strictEqual(sessionTagsForPermissionsPolicy.enforcementLevel, "mandatory");
    });

    it("reports hand-written roles whose inline or attached policies read session tags", async () => {
        const run = await record(() => {
            const inline = new aws.iam.Role("inline", {
                assumeRolePolicy: POD_TRUST,
                inlinePolicies: [{ name: "data", policy: BY_NAMESPACE }],
            });
            const attached = new aws.iam.Role("attached", { assumeRolePolicy: POD_TRUST });
            const policy = new aws.iam.Policy("by-namespace", { policy: BY_NAMESPACE });
            new aws.iam.RolePolicyAttachment("attach", {
                role: attached.name,
                policyArn: policy.arn,
            });
            const plain = new aws.iam.Role("plain", { assumeRolePolicy: POD_TRUST });
            new aws.iam.RolePolicy("plain-inline", { role: plain.name, policy: PLAIN });
            // The role's own tag supplies aws:PrincipalTag/kubernetes-namespace.
            const tagged = new aws.iam.Role("tagged", {
                assumeRolePolicy: POD_TRUST,
                inlinePolicies: [{ name: "data", policy: BY_NAMESPACE }],
                tags: { "kubernetes-namespace": "reports" },
            });
            associate("a", inline.arn, true);
            associate("b", attached.arn, true);
            associate("c", inline.arn, false);
            associate("d", plain.arn, true);
            associate("e", tagged.arn, true);
            associate("f", "arn:aws:iam::123456789012:role/elsewhere", true);
        });
        assert.deepStrictEqual(await validateAll(sessionTagsForPermissionsPolicy, run), [
            { on: "a", message: message("a", "role", "inline", "inline", "kubernetes-namespace") },
            {
                on: "b",
                message: message("b", "role", "attached", "attach", "kubernetes-namespace"),
            },
        ]);
    });

    it("reads what the components write: preset policies, inline statements, target roles", async () => {
        const run = await record(() => {
            // A binding sees only the role's ARN, so the components cannot refuse this.
            const role = new PodIdentityRole("abac", {
                presets: {
                    secretsManagerRead: { matchSessionTags: [SessionTag.ClusterName] },
                },
            });
            new PodIdentityBinding("shop", {
                clusterName: "prod",
                namespace: "shop",
                serviceAccount: "api",
                roleArn: role.arn,
                disableSessionTags: true,
            });
            const plain = new PodIdentityRole("plain", {});
            const target = new PodIdentityTargetRole("data", {
                trustedRoleArns: [plain.arn],
                clusterArns: ["arn:aws:eks:us-east-1:123456789012:cluster/prod"],
                statements: [
                    {
                        Action: ["s3:GetObject"],
                        Resource: [`${BUCKET}/\${aws:PrincipalTag/kubernetes-service-account}/*`],
                    },
                ],
            });
            associate("chained", plain.arn, true, target.arn);
        });
        assert.deepStrictEqual(await validateAll(sessionTagsForPermissionsPolicy, run), [
            {
                on: "chained",
                message: message(
                    "chained",
                    "target role",
                    "data",
                    "data-inline",
                    "kubernetes-service-account",
                ),
            },
            {
                on: "shop",
                message: message(
                    "shop",
                    "role",
                    "abac",
                    "abac-preset-secretsManagerRead",
                    "eks-cluster-name",
                ),
            },
        ]);
    });

    it("never judges unknown values: disableSessionTags, the document, the role's tags", async () => {
        const run = await record(
            () => {
                const later = new aws.iam.Role("later-doc", {
                    assumeRolePolicy: POD_TRUST,
                    inlinePolicies: [{ name: "data", policy: unknown<string>() }],
                });
                const tagsLater = new aws.iam.Role("later-tags", {
                    assumeRolePolicy: POD_TRUST,
                    inlinePolicies: [{ name: "data", policy: BY_NAMESPACE }],
                    tags: unknown<Record<string, string>>(),
                });
                const known = new aws.iam.Role("known", {
                    assumeRolePolicy: POD_TRUST,
                    inlinePolicies: [{ name: "data", policy: BY_NAMESPACE }],
                });
                associate("a", later.arn, true);
                associate("b", tagsLater.arn, true);
                associate("c", known.arn, unknown<boolean>());
                associate("d", known.arn, true);
            },
            { preview: true },
        );
        for (const name of ["later-doc", "later-tags", "known"]) {
            markUnknown(run.get(T.role, name), "arn");
        }
        assert.deepStrictEqual(
            (await validateAll(sessionTagsForPermissionsPolicy, run)).map((r) => r.on),
            ["d"],
        );
    });
});
