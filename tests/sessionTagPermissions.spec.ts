import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    PodIdentity,
    PodIdentityArgs,
    PodIdentityRole,
    PodIdentityTargetRole,
    SessionTag,
} from "../index";
import { Preset } from "../presets/preset";
import { PRESET_NAMES, PRESETS } from "../presets/registry";
import { sessionTagPermissionPaths, sessionTagsNeededBy } from "../model/sessionTags";
import { record } from "./harness";

const BASE: PodIdentityArgs = {
    role: {},
    serviceAccounts: [{ namespace: "demo", name: "api" }],
    clusters: { prod: { clusterName: "prod" } },
    association: { disableSessionTags: true },
};
const BUCKET = "arn:aws:s3:::reports";
const TARGET_TRUST = {
    trustedRoleArns: ["arn:aws:iam::111122223333:role/reader"],
    externalIds: ["us-east-1/111122223333/prod/demo/api"],
    sessionTags: false,
};

/** The refusal a constructor throws inside a program, and what got registered. */
async function refused(create: () => unknown) {
    let error: unknown;
    const run = await record(() => {
        try {
            create();
        } catch (caught) {
            error = caught;
        }
    });
    assert.ok(
        pulumi.InputPropertiesError.isInstance(error),
        `expected a refusal, got ${String(error)}`,
    );
    return { error, run };
}

describe("session-tag permissions with session tags off", () => {
    const cases: [string, PodIdentityArgs["role"], string][] = [
        [
            "scopeBySessionTags",
            {
                presets: {
                    s3Read: { bucketArns: [BUCKET], scopeBySessionTags: [SessionTag.Namespace] },
                },
            },
            "role.presets.s3Read.scopeBySessionTags",
        ],
        [
            "matchSessionTags",
            { presets: { secretsManagerRead: { matchSessionTags: [SessionTag.ClusterName] } } },
            "role.presets.secretsManagerRead.matchSessionTags",
        ],
        [
            "leadingKeySessionTag",
            {
                presets: {
                    dynamodbRead: {
                        tableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/t"],
                        leadingKeySessionTag: SessionTag.ServiceAccount,
                    },
                },
            },
            "role.presets.dynamodbRead.leadingKeySessionTag",
        ],
        [
            "scopeToCluster",
            { presets: { awsLoadBalancerController: { scopeToCluster: true } } },
            "role.presets.awsLoadBalancerController.scopeToCluster",
        ],
        [
            "a session-tag variable in a preset option",
            {
                presets: {
                    s3Read: {
                        bucketArns: [BUCKET],
                        prefixes: ["t/${aws:PrincipalTag/kubernetes-namespace}"],
                    },
                },
            },
            "role.presets.s3Read.prefixes",
        ],
        [
            "a statement reading ${aws:PrincipalTag/...}",
            {
                statements: [
                    { Action: ["s3:ListBucket"], Resource: [BUCKET] },
                    {
                        Action: ["s3:GetObject"],
                        Resource: [`${BUCKET}/\${aws:PrincipalTag/kubernetes-namespace}/*`],
                    },
                ],
            },
            "role.statements[1]",
        ],
    ];
    for (const [what, role, path] of cases) {
        it(`refuses ${what} with disableSessionTags: true, naming both, before anything is created`, async () => {
            const { error, run } = await refused(() => new PodIdentity("app", { ...BASE, role }));
            const problems = error.errors;
            assert.deepStrictEqual(
                problems.map((p) => p.propertyPath),
                ["association.disableSessionTags"],
            );
            assert.ok(
                problems[0].reason.startsWith(`${path} scopes permissions by EKS session tags`),
            );
            assert.match(problems[0].reason, /disableSessionTags: true stops EKS from sending/);
            assert.deepStrictEqual(
                run.resources.filter((r) => r.type.startsWith("eks-pod-identity") || r.custom),
                [],
            );
        });
    }

    it("accepts the same permissions with session tags on, or while disableSessionTags is unknown", async () => {
        const role = cases[0][1];
        await record(() => {
            const on = new PodIdentity("on", { ...BASE, role, association: {} });
            new PodIdentity("later", {
                ...BASE,
                serviceAccounts: [{ namespace: "other", name: "api" }],
                // The agent above: one agent add-on per cluster.
                clusters: { prod: { clusterName: "prod", agent: on.agents.prod } },
                role,
                association: { disableSessionTags: pulumi.output(true) },
            });
        });
    });

    it("accepts variables with a default, IfExists conditions, custom tags and the role's own tags", () => {
        const statements = [
            {
                Action: ["s3:GetObject"],
                Resource: [`${BUCKET}/\${aws:PrincipalTag/kubernetes-namespace, 'shared'}/*`],
            },
            {
                Action: ["s3:GetObject"],
                Resource: ["*"],
                Condition: {
                    StringEqualsIfExists: {
                        "aws:PrincipalTag/kubernetes-namespace": ["a"],
                        "s3:prefix": ["${aws:PrincipalTag/eks-cluster-name}"],
                    },
                    StringNotEquals: { "aws:PrincipalTag/eks-cluster-name": ["b"] },
                    Null: { "aws:PrincipalTag/kubernetes-pod-name": ["true"] },
                },
            },
            { Action: ["s3:GetObject"], Resource: [`${BUCKET}/\${aws:PrincipalTag/team}/*`] },
            {
                Effect: "Deny" as const,
                Action: ["s3:*"],
                Resource: [`${BUCKET}/\${aws:PrincipalTag/eks-cluster-name}`],
            },
        ];
        assert.deepStrictEqual(sessionTagPermissionPaths({ statements }), []);
        const needy = [
            {
                Action: ["s3:GetObject"],
                Resource: [`${BUCKET}/\${aws:PrincipalTag/kubernetes-namespace}/*`],
            },
        ];
        assert.deepStrictEqual(sessionTagPermissionPaths({ statements: needy }), ["statements[0]"]);
        assert.deepStrictEqual(
            sessionTagPermissionPaths({ statements: needy, tags: { "kubernetes-namespace": "x" } }),
            [],
        );
        assert.deepStrictEqual(
            sessionTagsNeededBy({
                Effect: "Allow",
                Resource: "*",
                Condition: { StringEquals: { "aws:principaltag/Kubernetes-Namespace": "a" } },
            }),
            ["kubernetes-namespace"],
        );
    });

    it("refuses them on a target role with sessionTags: false", async () => {
        const { error } = await refused(
            () =>
                new PodIdentityTargetRole("data", {
                    ...TARGET_TRUST,
                    presets: {
                        s3Read: {
                            bucketArns: [BUCKET],
                            scopeBySessionTags: [SessionTag.Namespace],
                        },
                    },
                }),
        );
        const problems = error.errors;
        assert.deepStrictEqual(
            problems.map((p) => p.propertyPath),
            ["sessionTags"],
        );
        assert.match(
            problems[0].reason,
            /^presets\.s3Read\.scopeBySessionTags .* sessionTags: false/,
        );
    });

    it("finds exactly the presets of the catalogue whose policy reads session tags", () => {
        // Each preset's example, and the example without each of its options in turn: the
        // option scan must agree with the rendered policy, so a new preset option that reads
        // ${aws:PrincipalTag/...} under another name fails here.
        const context = { partition: "aws", accountId: "123456789012", dnsSuffix: "amazonaws.com" };
        let reading = 0;
        for (const name of PRESET_NAMES) {
            const preset = PRESETS[name] as Preset<object>;
            const example = preset.example as Record<string, unknown>;
            const variants = [
                example,
                ...Object.keys(example).map((drop) =>
                    Object.fromEntries(Object.entries(example).filter(([key]) => key !== drop)),
                ),
            ];
            for (const options of variants) {
                let statements;
                try {
                    statements = preset.statements(options, context);
                } catch {
                    continue; // a required option dropped
                }
                const needs = statements.some((s) => sessionTagsNeededBy(s).length > 0);
                const found = sessionTagPermissionPaths({
                    presets: { [name]: options },
                });
                assert.strictEqual(found.length > 0, needs, `${name} ${JSON.stringify(options)}`);
                reading += needs ? 1 : 0;
            }
        }
        assert.ok(reading >= 6, "the catalogue has session-tag presets to check");
    });
});

describe("trust.sourceAccounts and trust.sourceOrgIds", () => {
    it("warns that aws:SourceAccount is unverified, and not for aws:SourceOrgId", async () => {
        const run = await record(() => {
            new PodIdentityRole("by-account", { trust: { sourceAccounts: ["111122223333"] } });
            new PodIdentityRole("by-org", { trust: { sourceOrgIds: ["${aws:ResourceOrgId}"] } });
        });
        const warnings = run.logs("warning").filter((m) => /SourceAccount/.test(m));
        assert.strictEqual(warnings.length, 1);
        assert.match(warnings[0], /^trust\.sourceAccounts \(aws:SourceAccount\) is unverified/);
    });

    it("the disableSessionTags refusal does not send users to sourceAccounts", async () => {
        const { error } = await refused(
            () => new PodIdentity("app", { ...BASE, role: { trust: { namespaces: ["demo"] } } }),
        );
        const message = (error as Error).message;
        assert.match(message, /no pod could assume the role/);
        assert.doesNotMatch(message, /sourceAccounts|sourceOrgIds/);
    });
});
