/**
 * `adopt`: what already exists is imported (Pulumi's `import` resource option) instead of
 * created, so that `pulumi up` does not fail with 409 "Association already exists", and an
 * existing namespace or service account becomes Pulumi's. Asserted on the import ids a real
 * `pulumi up` would send.
 */
import * as assert from "assert";
import { PodIdentity, PodIdentityBinding } from "../index";
import { record, T } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const ID = "a-yrpsdroc4ei7k6xps";

describe("adopt: existing associations, namespaces and service accounts are imported, not created", () => {
    it("imports the association by <cluster>,<association id>, with the inputs the binding would create it with", async () => {
        const run = await record(() => {
            const binding = new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                adopt: { associationId: ID },
            });
            return { associationId: binding.associationId };
        });
        const association = run.get(T.association, "api");
        assert.strictEqual(association.options.importId, `prod,${ID}`);
        assert.deepStrictEqual(association.inputs, {
            clusterName: "prod",
            namespace: "demo",
            serviceAccount: "api",
            roleArn: ROLE_ARN,
        });
        assert.strictEqual(association.id, `prod,${ID}`);
        assert.strictEqual(run.outputs.associationId, ID);
        // Only the association is adopted: the namespace and service account are created.
        assert.strictEqual(run.get(T.namespace, "api").options.importId, undefined);
        assert.strictEqual(run.get(T.serviceAccount, "api").options.importId, undefined);
    });

    it("imports the namespace and the service account so that Pulumi owns them", async () => {
        const run = await record(() => {
            new PodIdentityBinding("api", {
                clusterName: "prod",
                namespace: "demo",
                serviceAccount: "api",
                roleArn: ROLE_ARN,
                adopt: { namespace: true, serviceAccount: true },
            });
        });
        const namespace = run.get(T.namespace, "api");
        assert.strictEqual(namespace.options.importId, "demo");
        // Still kept on delete, as every namespace this package creates.
        assert.strictEqual(namespace.options.retainOnDelete, true);
        const serviceAccount = run.get(T.serviceAccount, "api");
        assert.strictEqual(serviceAccount.options.importId, "demo/api");
        assert.deepStrictEqual(serviceAccount.inputs.metadata, { name: "api", namespace: "demo" });
        assert.strictEqual(run.get(T.association, "api").options.importId, undefined);
    });

    it("on a PodIdentity: an id per cluster key for a shared list, associationId for a cluster's own list", async () => {
        const run = await record(() => {
            new PodIdentity("app", {
                roleArn: ROLE_ARN,
                serviceAccounts: [
                    {
                        namespace: "demo",
                        name: "api",
                        adopt: { associationIds: { a: "a-aaaaaaaaaaaaaaaaa" } },
                    },
                    { namespace: "demo", name: "worker" },
                ],
                clusters: {
                    a: { clusterName: "cluster-a" },
                    b: { clusterName: "cluster-b" },
                    c: {
                        clusterName: "cluster-c",
                        serviceAccounts: [
                            {
                                namespace: "jobs",
                                name: "cron",
                                adopt: {
                                    associationId: "a-ccccccccccccccccc",
                                    serviceAccount: true,
                                    namespace: true,
                                },
                            },
                        ],
                    },
                },
            });
        });
        const imports = Object.fromEntries(
            run.ofType(T.association).map((a) => [a.name, a.options.importId]),
        );
        assert.deepStrictEqual(imports, {
            "app/a/demo/api": "cluster-a,a-aaaaaaaaaaaaaaaaa",
            "app/a/demo/worker": undefined,
            "app/b/demo/api": undefined,
            "app/b/demo/worker": undefined,
            "app/c/jobs/cron": "cluster-c,a-ccccccccccccccccc",
        });
        assert.strictEqual(
            run.get(T.serviceAccount, "app/c/jobs/cron").options.importId,
            "jobs/cron",
        );
        assert.strictEqual(run.get(T.namespace, "app/c/jobs").options.importId, "jobs");
        assert.strictEqual(run.get(T.namespace, "app/a/demo").options.importId, undefined);
    });

    it("imports in a preview too: the association is read as it is, its id known", async () => {
        const run = await record(
            () => {
                const binding = new PodIdentityBinding("api", {
                    clusterName: "prod",
                    namespace: "demo",
                    serviceAccount: "api",
                    roleArn: ROLE_ARN,
                    adopt: { associationId: ID },
                });
                return { associationId: binding.associationId };
            },
            { preview: true },
        );
        assert.strictEqual(run.outputs.associationId, ID);
    });
});
