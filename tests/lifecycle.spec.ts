import * as assert from "assert";
import { PodIdentity, PodIdentityArgs, PodIdentityTargetRole } from "../index";
import { record, T } from "./harness";
import { collidingReplacements, diffRuns, hasFixedName, withChange } from "./replacement";

const BASE: PodIdentityArgs = {
    role: { statements: [{ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::demo"] }] },
    serviceAccounts: [
        { namespace: "demo", name: "api" },
        { namespace: "demo", name: "worker" },
    ],
    clusters: { prod: { clusterName: "prod" }, staging: { clusterName: "staging" } },
};

/** What `pulumi up` would do going from `before` to `after`. */
async function changes(before: PodIdentityArgs, after: PodIdentityArgs, name = "app", opts = {}) {
    const a = await record(() => {
        new PodIdentity("app", before);
    });
    const b = await record(() => {
        new PodIdentity(name, after, opts);
    });
    return { diff: diffRuns(a.resources, b.resources), before: a, after: b };
}

describe("lifecycle: what a change does", () => {
    it("changing the role's permissions updates one policy and replaces nothing", async () => {
        const { diff } = await changes(BASE, {
            ...BASE,
            role: {
                statements: [
                    { Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::demo"] },
                ],
                managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"],
            },
        });
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        assert.deepStrictEqual(withChange(diff, "delete"), []);
        assert.deepStrictEqual(withChange(diff, "update"), [
            "aws:iam/rolePolicy:RolePolicy::app-inline",
        ]);
        assert.strictEqual(withChange(diff, "create").length, 1, "one new policy attachment");
    });

    it("changing targetRoleArn or disableSessionTags updates associations in place", async () => {
        const { diff } = await changes(BASE, {
            ...BASE,
            association: {
                targetRoleArn: "arn:aws:iam::999988887777:role/data",
                disableSessionTags: true,
            },
        });
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        // The role gets sts:AssumeRole + sts:TagSession on the new target, in one policy.
        assert.deepStrictEqual(withChange(diff, "create"), [
            "aws:iam/rolePolicy:RolePolicy::app-chain-targets",
        ]);
        assert.deepStrictEqual(withChange(diff, "delete"), []);
        assert.deepStrictEqual(withChange(diff, "update"), [
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/prod/demo/api",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/prod/demo/worker",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/staging/demo/api",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/staging/demo/worker",
        ]);
    });

    it("never replaces the agent add-on for a change to an unrelated argument", async () => {
        const { diff } = await changes(BASE, {
            ...BASE,
            role: { ...BASE.role, trust: { sourceAccounts: ["123456789012"] } },
            serviceAccounts: [{ namespace: "jobs", name: "batch" }],
            association: { tags: { team: "data" } },
        });
        for (const key of ["prod", "staging"]) {
            const addon = [...diff.entries()].find(([urn]) =>
                urn.endsWith(`aws:eks/addon:Addon::app/${key}`),
            );
            assert.deepStrictEqual(addon?.[1], "same");
        }
        // The role's trust policy is updated in place (same role, same name).
        assert.deepStrictEqual(withChange(diff, "replace"), []);
    });

    it("changing the agent version updates the add-on in place", async () => {
        const pinned = (version: string): PodIdentityArgs => ({
            ...BASE,
            clusters: { prod: { clusterName: "prod", agent: { version } } },
        });
        const { diff } = await changes(pinned("v1.3.4-eksbuild.1"), pinned("v1.3.9-eksbuild.3"));
        assert.deepStrictEqual(withChange(diff, "update"), ["aws:eks/addon:Addon::app/prod"]);
        assert.deepStrictEqual(withChange(diff, "replace"), []);
    });

    it("removing a service account deletes its association and service account, never the shared namespace", async () => {
        const { diff, after } = await changes(BASE, {
            ...BASE,
            serviceAccounts: [{ namespace: "demo", name: "api" }],
        });
        assert.deepStrictEqual(withChange(diff, "delete"), [
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/prod/demo/worker",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation::app/staging/demo/worker",
            "kubernetes:core/v1:ServiceAccount::app/prod/demo/worker",
            "kubernetes:core/v1:ServiceAccount::app/staging/demo/worker",
        ]);
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        // Namespaces the package creates are retained even when they are deleted from the stack.
        for (const namespace of after.ofType(T.namespace)) {
            assert.strictEqual(namespace.options.retainOnDelete, true);
        }
    });

    it("lets retainNamespacesOnDelete: false opt out of keeping namespaces", async () => {
        const run = await record(() => {
            new PodIdentity("app", { ...BASE, retainNamespacesOnDelete: false });
        });
        for (const namespace of run.ofType(T.namespace)) {
            assert.strictEqual(namespace.options.retainOnDelete, false);
        }
    });

    it("renaming the component with aliases keeps every resource: children inherit the alias", async () => {
        const { after } = await changes(BASE, BASE, "payments", { aliases: [{ name: "app" }] });
        const component = after.get("eks-pod-identity:index:PodIdentity", "payments");
        assert.strictEqual(component.options.aliases.length, 1);
        // Pulumi derives a child's alias from its parent's by swapping the name prefix, so every
        // descendant's name must start with its parent component's name.
        for (const resource of after.resources) {
            const parent = after.byUrn(resource.parent);
            if (parent && parent.type.startsWith("eks-pod-identity:")) {
                assert.ok(
                    resource.name.startsWith(parent.name),
                    `${resource.type} ${resource.name} does not start with ${parent.name}`,
                );
            }
        }
    });

    it("renaming the component with aliases replaces nothing, preset policies included", async () => {
        const withPresets: PodIdentityArgs = {
            ...BASE,
            role: {
                ...BASE.role,
                presets: { s3List: { bucketArns: ["arn:aws:s3:::demo"] } },
            },
        };
        const { diff } = await changes(withPresets, withPresets, "payments", {
            aliases: [{ name: "app" }],
        });
        assert.deepStrictEqual(withChange(diff, "create"), []);
        assert.deepStrictEqual(withChange(diff, "delete"), []);
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        // Only the role's default description names the component, and IAM updates it in place.
        assert.deepStrictEqual(withChange(diff, "update"), ["aws:iam/role:Role::payments"]);
    });

    it("upgrading from a preset policy description that named the component replaces nothing", async () => {
        const withPresets: PodIdentityArgs = {
            ...BASE,
            role: {
                ...BASE.role,
                presets: { s3List: { bucketArns: ["arn:aws:s3:::demo"] } },
            },
        };
        const { before, after } = await changes(withPresets, withPresets);
        // State written by the previous release: the description named the component.
        const oldState = before.resources.map((resource) =>
            resource.type === T.policy
                ? {
                      ...resource,
                      inputs: { ...resource.inputs, description: "app: S3 list preset" },
                  }
                : resource,
        );
        const diff = diffRuns(oldState, after.resources);
        // A replacement (create-first) would briefly attach old and new policy to the role,
        // which can pass IAM's 10 managed policies per role (LimitExceeded).
        assert.deepStrictEqual(withChange(diff, "replace"), []);
        assert.deepStrictEqual(withChange(diff, "update"), []);
    });

    it("replaces a role with a fixed name delete-first when its path changes (IAM names are unique per account)", async () => {
        const named = (path: string): PodIdentityArgs => ({
            ...BASE,
            role: { ...BASE.role, name: "app-pods", path },
        });
        const { diff, before, after } = await changes(named("/"), named("/team/"));
        assert.deepStrictEqual(withChange(diff, "replace"), ["aws:iam/role:Role::app"]);
        assert.deepStrictEqual(collidingReplacements(diff, before.resources, after.resources), []);
        // Grants that other stacks attached to the role cannot block its deletion.
        assert.strictEqual(after.get(T.role, "app").inputs.forceDetachPolicies, true);

        const target = (path: string) => () => {
            new PodIdentityTargetRole("data", {
                name: "data-reader",
                path,
                trustedRoleArns: ["arn:aws:iam::123456789012:role/app-pods"],
            });
        };
        const [a, b] = [await record(target("/")), await record(target("/team/"))];
        const targetDiff = diffRuns(a.resources, b.resources);
        assert.deepStrictEqual(withChange(targetDiff, "replace"), ["aws:iam/role:Role::data"]);
        assert.deepStrictEqual(collidingReplacements(targetDiff, a.resources, b.resources), []);
    });

    it("replaces every resource with a fixed physical name delete-first; generated names stay create-first", async () => {
        const run = await record(() => {
            new PodIdentity("app", { ...BASE, role: { ...BASE.role, name: "app-pods" } });
            new PodIdentity("generated", { ...BASE, clusters: { dev: { clusterName: "dev" } } });
        });
        const fixed = run.resources.filter((r) => r.custom && hasFixedName(r));
        assert.deepStrictEqual(
            [...new Set(fixed.map((r) => r.type))].sort(),
            [T.addon, T.role, T.association, T.namespace, T.serviceAccount].sort(),
        );
        for (const resource of fixed) {
            assert.strictEqual(
                resource.options.deleteBeforeReplace,
                true,
                `${resource.type} ${resource.name}`,
            );
        }
        // A generated role name never collides: create-first keeps the old role until the new one exists.
        assert.strictEqual(run.get(T.role, "generated").options.deleteBeforeReplace, false);
    });
});
