import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as index from "../index";
import { MULTI_LANGUAGE_COMPONENTS, PACKAGE_NAME } from "../components/multiLanguage";
import { record } from "./harness";
import {
    analyzePackage,
    AnalyzedPackage,
    PACKAGE_ROOT,
    renderType,
    SchemaProperty,
} from "./packageSchema";

/** Expected inputs: name -> [type as renderType writes it, how its description starts]. */
type Expected = Record<string, [string, string]>;

const ROLE_SETTINGS: Expected = {
    name: ["Input<string>", "The IAM role name (`RoleName`)"],
    path: ["Input<string>", "The IAM path (`Path`)"],
    description: ["Input<string>", "The role's description (`Description`)"],
    maxSessionDuration: ["Input<number>", "Longest session, in seconds"],
    permissionsBoundary: ["Input<string>", "ARN of a managed policy that bounds"],
    tags: ["Input<map<string>>", "Tags on the role"],
    quotas: ["RoleQuotas", "The account's IAM quotas where it raised them"],
};
const PERMISSIONS: Expected = {
    managedPolicyArns: ["string[]", "ARNs of managed policies to attach"],
    policyArns: ["map<string>", "Managed policies to attach whose ARNs are Outputs"],
    statements: ["PolicyStatement[]", "Inline permission statements"],
    presets: ["PermissionPresets", "Permission presets"],
};

const ADDON_SETTINGS: Expected = {
    kubernetesVersion: ["Input<string>", "The cluster's Kubernetes version"],
    version: ["string", "Add-on version (`addonVersion`)"],
    configurationValues: ["Input<map<any>>", "Add-on configuration"],
    resolveConflictsOnCreate: ["Input<string>", "What EKS does with fields that conflict"],
    resolveConflictsOnUpdate: ["Input<string>", "What EKS does with fields changed"],
    preserve: ["Input<boolean>", "Keep the add-on's software running"],
    tags: ["Input<map<string>>", "Tags on the add-on"],
};

const INPUTS: Record<string, Expected> = {
    PodIdentityRole: {
        ...ROLE_SETTINGS,
        ...PERMISSIONS,
        trust: ["TrustConditions", "Cluster-independent conditions"],
        irsaTrust: ["IrsaTrust[]", "IRSA trust kept during a migration from IRSA"],
    },
    PodIdentityTargetRole: {
        ...ROLE_SETTINGS,
        ...PERMISSIONS,
        trustedRoleArns: ["string[]", "ARNs of the association roles"],
        clusterArns: ["string[]", "EKS cluster ARNs whose pods may chain in"],
        namespaces: ["string[]", "Kubernetes namespaces whose pods may chain in"],
        serviceAccounts: ["string[]", "Service account names that may chain in"],
        externalIds: ["string[]", "For associations with session tags off"],
        sessionTags: ["boolean", "Whether the associations chaining in send session tags"],
    },
    PodIdentityAgent: {
        ...ADDON_SETTINGS,
        clusterName: ["Input<string>", "Name of the EKS cluster to install the agent on"],
        hybridNodes: ["boolean", "Serve pods on EKS Hybrid Nodes too"],
    },
    PodIdentityBinding: {
        clusterName: ["Input<string>", "Name of the EKS cluster"],
        namespace: ["string", "Kubernetes namespace of the service account"],
        serviceAccount: ["string", "Kubernetes service account name"],
        roleArn: ["Input<string>", "ARN of the IAM role pods receive credentials for"],
        targetRoleArn: ["Input<string>", "ARN of a role, usually in another account"],
        grantTargetRoleAssumption: ["boolean", "With `targetRoleArn`: give the association role"],
        disableSessionTags: ["Input<boolean>", "Stop EKS from attaching the session tags"],
        sessionPolicy: ["Input<any>", "A session policy that narrows"],
        tags: ["Input<map<string>>", "Tags on the association"],
        createNamespace: ["boolean", "Create the namespace"],
        namespaceResource: ["kubernetes:core/v1:Namespace", "A namespace created elsewhere"],
        retainNamespaceOnDelete: ["boolean", "Keep the namespace in the cluster"],
        namespaceLabels: ["Input<map<string>>", "Labels on the namespace"],
        createServiceAccount: ["boolean", "Create the service account"],
        serviceAccountLabels: ["Input<map<string>>", "Labels on the service account"],
        serviceAccountAnnotations: ["Input<map<string>>", "Annotations on the service account"],
        agent: ["AgentReadiness", "The cluster's Pod Identity agent"],
        allowIrsaAnnotation: ["boolean", "Accept the IRSA annotation"],
        allowUnannouncedPartition: ["boolean", "Do not warn when the cluster is in a partition"],
        verify: ["VerifyOptions", "Prove, before `ready` resolves"],
        adopt: ["AdoptOptions", "Import what already exists instead of creating it"],
    },
    PodIdentityAddon: {
        clusterName: ["Input<string>", "Name of the EKS cluster to install the add-on on"],
        addonName: ["string", "The EKS add-on (`addonName`)"],
        role: ["PodIdentityRoleArgs", "Creates the add-on's role with these arguments"],
        roleArn: ["Input<string>", "An existing role for the add-on"],
        serviceAccount: ["string", "The add-on's service account the association names"],
        serviceAccounts: ["AddonServiceAccount[]", "Several of the add-on's service accounts"],
        namespaceConfig: ["AddonNamespaceConfig", "The namespace to install the add-on into"],
        ipFamily: ["string", "The cluster's IP family"],
        agent: ["boolean", "Whether the Pod Identity agent, which hands the add-on's pods"],
        ...ADDON_SETTINGS,
        // Plain: it decides which resources hold the associations (see eks/addonAssociations.ts).
        preserve: ["boolean", "Keep the add-on's software running"],
    },
    PodIdentity: {
        role: ["SharedRole", "Creates the shared role with these arguments"],
        roleArn: ["Input<string>", "An existing role"],
        serviceAccounts: ["ServiceAccountSpec[]", "Service accounts bound on every cluster"],
        clusters: ["map<ClusterSettings>", "The clusters, keyed by a stable name"],
        association: ["AssociationDefaults", "Settings for every association"],
        retainNamespacesOnDelete: ["boolean", "Keep the namespaces this component creates"],
        allowUnannouncedPartition: ["boolean", "Do not warn about clusters in partitions"],
        addon: ["FleetAddon", "Instead of `serviceAccounts`: an EKS add-on"],
        verify: ["VerifyOptions", "Prove, before each binding's `ready` resolves"],
    },
};

const REQUIRED_INPUTS: Record<string, string[]> = {
    PodIdentityRole: [],
    PodIdentityTargetRole: ["trustedRoleArns"],
    PodIdentityAgent: ["clusterName"],
    PodIdentityBinding: ["clusterName", "namespace", "roleArn", "serviceAccount"],
    PodIdentity: ["clusters"],
    PodIdentityAddon: ["addonName", "clusterName"],
};

/** Expected outputs: name -> type, with `?` when the component may leave it unset. */
const ROLE_OUTPUTS = {
    role: "aws:iam/role:Role",
    arn: "string",
    roleName: "string",
    trustPolicy: "string",
};
const OUTPUTS: Record<string, Record<string, string>> = {
    PodIdentityRole: { ...ROLE_OUTPUTS, readyArn: "string" },
    PodIdentityTargetRole: ROLE_OUTPUTS,
    PodIdentityAgent: { addon: "aws:eks/addon:Addon", addonVersion: "string" },
    PodIdentityBinding: {
        association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
        associationArn: "string",
        associationId: "string",
        externalId: "string",
        namespaceName: "string",
        serviceAccountName: "string",
        namespace: "kubernetes:core/v1:Namespace?",
        serviceAccount: "kubernetes:core/v1:ServiceAccount?",
        targetRoleGrant: "aws:iam/rolePolicy:RolePolicy?",
        verification: "kubernetes:batch/v1:Job?",
        ready: "string",
    },
    PodIdentityAddon: {
        role: "aws:iam/role:Role?",
        roleArn: "string",
        roleArns: "map<string>",
        addon: "aws:eks/addon:Addon",
        addonVersion: "string",
        serviceAccount: "string",
        serviceAccounts: "string[]",
    },
    PodIdentity: {
        roleArn: "string",
        associations: "map<AssociationSummary>",
        agentVersions: "map<string>",
        kubeconfigs: "map<string>",
        targetRoleGrant: "aws:iam/rolePolicy:RolePolicy?",
    },
};

const TOKEN = (component: string) => `${PACKAGE_NAME}:index:${component}`;

describe("multi-language component schema", function () {
    let analyzed: AnalyzedPackage;

    before(function () {
        // The analyzer builds a TypeScript program over the package and the typings of
        // @pulumi/aws and @pulumi/kubernetes: seconds, not milliseconds.
        this.timeout(120_000);
        analyzed = analyzePackage();
    });

    it("offers exactly the six components, with their classes' descriptions", () => {
        const { schema } = analyzed;
        assert.strictEqual(schema.name, "eks-pod-identity");
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
            TOKEN("PodIdentity"),
            TOKEN("PodIdentityAddon"),
            TOKEN("PodIdentityAgent"),
            TOKEN("PodIdentityBinding"),
            TOKEN("PodIdentityRole"),
            TOKEN("PodIdentityTargetRole"),
        ]);
        for (const resource of Object.values(schema.resources)) {
            assert.strictEqual(resource.isComponent, true);
        }
        assert.match(
            String(schema.resources[TOKEN("PodIdentityTargetRole")].description),
            /^The IAM role, usually in another account, that pods reach through an association's/,
        );
        assert.match(
            String(schema.resources[TOKEN("PodIdentity")].description),
            /^The whole Pod Identity workflow for a fleet/,
        );
    });

    for (const component of Object.keys(INPUTS)) {
        it(`${component}: each input with its type and its JSDoc`, () => {
            const resource = analyzed.schema.resources[TOKEN(component)];
            const inputs = resource.inputProperties as Record<string, SchemaProperty>;
            const actual = Object.fromEntries(
                Object.entries(inputs).map(([name, property]) => [name, renderType(property)]),
            );
            const expected = Object.fromEntries(
                Object.entries(INPUTS[component]).map(([name, [type]]) => [name, type]),
            );
            assert.deepStrictEqual(actual, expected);
            for (const [name, [, start]] of Object.entries(INPUTS[component])) {
                const description = String(inputs[name].description);
                assert.ok(
                    description.startsWith(start),
                    `${component}.${name}: "${description}" should start with "${start}"`,
                );
            }
            assert.deepStrictEqual(resource.requiredInputs, REQUIRED_INPUTS[component]);
        });

        it(`${component}: each output with its type and a description`, () => {
            const resource = analyzed.schema.resources[TOKEN(component)];
            const outputs = resource.properties as Record<string, SchemaProperty>;
            const actual = Object.fromEntries(
                Object.entries(outputs).map(([name, property]) => [
                    name,
                    renderType(property, false) + (property.optional ? "?" : ""),
                ]),
            );
            assert.deepStrictEqual(actual, OUTPUTS[component]);
            for (const [name, property] of Object.entries(outputs)) {
                assert.ok(property.description, `${component}.${name} has no description`);
            }
        });
    }

    it("describes the argument types: statements, trust conditions, agent readiness", () => {
        const { types } = analyzed.schema;
        const shape = (name: string) =>
            Object.fromEntries(
                Object.entries(
                    (types[TOKEN(name)].properties ?? {}) as Record<string, SchemaProperty>,
                ).map(([key, property]) => [key, renderType(property)]),
            );
        // Besides these, one options type per permission preset (checked below).
        assert.deepStrictEqual(
            Object.keys(types)
                .filter((token) => !token.endsWith("Options"))
                .sort(),
            [
                TOKEN("AddonNamespaceConfig"),
                TOKEN("AddonServiceAccount"),
                TOKEN("AgentReadiness"),
                TOKEN("AgentSettings"),
                TOKEN("AssociationDefaults"),
                TOKEN("AssociationSummary"),
                TOKEN("ClusterSettings"),
                TOKEN("FleetAddon"),
                TOKEN("IrsaTrust"),
                TOKEN("KubeconfigIdentity"),
                TOKEN("PermissionPresets"),
                TOKEN("PodIdentityRoleArgs"),
                TOKEN("PolicyStatement"),
                TOKEN("RoleQuotas"),
                TOKEN("ServiceAccountSpec"),
                TOKEN("SessionTag"),
                TOKEN("SharedRole"),
                TOKEN("StatementEffect"),
                TOKEN("TrustConditions"),
                TOKEN("VerifyToleration"),
            ],
        );
        const presetKeys = Object.keys(types[TOKEN("PermissionPresets")].properties ?? {}).sort();
        assert.deepStrictEqual(
            presetKeys,
            index.presetCatalog.map((entry) => entry.name).sort(),
            "every preset is reachable from other languages",
        );
        assert.deepStrictEqual(shape("PolicyStatement"), {
            Sid: "string",
            Effect: "StatementEffect",
            Action: "string[]",
            NotAction: "string[]",
            Resource: "string[]",
            NotResource: "string[]",
            // Condition blocks are maps, so every operator and key reaches IAM from any language.
            Condition: "map<map<string[]>>",
        });
        assert.deepStrictEqual(shape("TrustConditions"), {
            sourceAccounts: "string[]",
            sourceOrgIds: "string[]",
            namespaces: "string[]",
            serviceAccounts: "string[]",
            clusterNames: "string[]",
            conditions: "map<map<string[]>>",
        });
        assert.deepStrictEqual(shape("AgentReadiness"), { addonVersion: "Input<string>" });
        assert.deepStrictEqual(shape("RoleQuotas"), {
            managedPoliciesPerRole: "number",
            trustPolicySize: "number",
        });
        assert.deepStrictEqual(shape("IrsaTrust"), {
            oidcProviderArn: "Input<string>",
            serviceAccounts: "string[]",
        });
        assert.deepStrictEqual(
            types[TOKEN("StatementEffect")].enum?.map((member) => member.value),
            ["Allow", "Deny"],
        );
    });

    it("describes PodIdentity's fleet types without unions or provider objects", () => {
        const { types } = analyzed.schema;
        const shape = (name: string) =>
            Object.fromEntries(
                Object.entries(
                    (types[TOKEN(name)].properties ?? {}) as Record<string, SchemaProperty>,
                ).map(([key, property]) => [key, renderType(property)]),
            );
        const outputShape = (name: string) =>
            Object.fromEntries(
                Object.entries(
                    (types[TOKEN(name)].properties ?? {}) as Record<string, SchemaProperty>,
                ).map(([key, property]) => [key, renderType(property, false)]),
            );
        assert.deepStrictEqual(shape("ClusterSettings"), {
            clusterName: "Input<string>",
            region: "string",
            assumeRoleArn: "string",
            profile: "string",
            kubernetesVersion: "Input<string>",
            ipFamily: "string",
            kubeconfigIdentity: "KubeconfigIdentity",
            agent: "AgentSettings",
            serviceAccounts: "ServiceAccountSpec[]",
        });
        assert.deepStrictEqual(types[TOKEN("ClusterSettings")].required, ["clusterName"]);
        assert.deepStrictEqual(shape("AgentSettings"), {
            install: "boolean",
            addonVersion: "Input<string>",
            version: "string",
            configurationValues: "Input<map<any>>",
            resolveConflictsOnCreate: "Input<string>",
            resolveConflictsOnUpdate: "Input<string>",
            preserve: "Input<boolean>",
            tags: "Input<map<string>>",
            hybridNodes: "boolean",
        });
        assert.deepStrictEqual(shape("FleetAddon"), {
            name: "string",
            serviceAccount: "string",
            namespaceConfig: "AddonNamespaceConfig",
            preserve: "boolean",
            version: "string",
            configurationValues: "Input<map<any>>",
            resolveConflictsOnCreate: "Input<string>",
            resolveConflictsOnUpdate: "Input<string>",
            tags: "Input<map<string>>",
        });
        assert.deepStrictEqual(shape("AddonServiceAccount"), {
            serviceAccount: "string",
            role: "PodIdentityRoleArgs",
            roleArn: "Input<string>",
        });
        assert.deepStrictEqual(shape("AddonNamespaceConfig"), { namespace: "string" });
        assert.deepStrictEqual(shape("KubeconfigIdentity"), {
            profile: "string",
            roleArn: "string",
        });
        // verify and adopt: plain values every language can write, checked before anything exists.
        assert.deepStrictEqual(shape("VerifyOptions"), {
            enabled: "boolean",
            callerIdentity: "boolean",
            image: "string",
            imagePullSecrets: "string[]",
            nodeSelector: "map<string>",
            tolerations: "VerifyToleration[]",
            backoffLimit: "number",
            activeDeadlineSeconds: "number",
            timeoutSeconds: "number",
            ttlSecondsAfterFinished: "number",
        });
        assert.deepStrictEqual(shape("FleetAdoptOptions"), {
            associationId: "string",
            serviceAccount: "boolean",
            namespace: "boolean",
            associationIds: "map<string>",
        });
        assert.strictEqual(
            renderType(
                (types[TOKEN("ServiceAccountSpec")].properties ?? {}).adopt as SchemaProperty,
            ),
            "FleetAdoptOptions",
        );
        // The role PodIdentity creates takes exactly PodIdentityRole's inputs.
        const roleInputs = analyzed.schema.resources[TOKEN("PodIdentityRole")].inputProperties;
        assert.deepStrictEqual(
            Object.keys(shape("SharedRole")).sort(),
            Object.keys(roleInputs ?? {}).sort(),
        );
        // An output type: nothing in it is an Input.
        assert.deepStrictEqual(outputShape("AssociationSummary"), {
            clusterName: "string",
            namespace: "string",
            serviceAccount: "string",
            associationArn: "string",
            associationId: "string",
        });
        assert.doesNotMatch(
            JSON.stringify(analyzed.schema.resources[TOKEN("PodIdentity")]) + JSON.stringify(types),
            /schema\.json#\/resources\/(aws|kubernetes)"/,
            "no provider written as a resource reference (Pulumi's binder cannot resolve it)",
        );
    });

    // generateSchema (@pulumi/pulumi 3.276) keeps the descriptions of components and
    // properties, not those of types: each property carries its own.
    it("documents every property of every type PodIdentity uses", () => {
        const undocumented: string[] = [];
        for (const name of [
            "ClusterSettings",
            "AgentSettings",
            "ServiceAccountSpec",
            "AssociationDefaults",
            "AssociationSummary",
            "KubeconfigIdentity",
            "SharedRole",
            "FleetAddon",
            "AddonServiceAccount",
            "AddonNamespaceConfig",
            "VerifyOptions",
            "VerifyToleration",
            "FleetAdoptOptions",
        ]) {
            const type = analyzed.schema.types[TOKEN(name)];
            for (const [key, property] of Object.entries(
                (type.properties ?? {}) as Record<string, SchemaProperty>,
            )) {
                if (!property.description) {
                    undocumented.push(`${name}.${key}`);
                }
            }
        }
        assert.deepStrictEqual(undocumented, []);
    });

    it("depends on the aws and kubernetes packages it references, at the installed versions", () => {
        const installed = (name: string) =>
            (
                JSON.parse(
                    fs.readFileSync(
                        path.join(PACKAGE_ROOT, "node_modules", "@pulumi", name, "package.json"),
                        "utf8",
                    ),
                ) as { version: string }
            ).version;
        assert.deepStrictEqual(
            (analyzed.schema as { dependencies?: { name: string; version?: string }[] })
                .dependencies,
            [
                { name: "aws", version: installed("aws") },
                { name: "kubernetes", version: installed("kubernetes") },
            ],
        );
    });

    it("carries no JSDoc the analyzer cannot render ({@link} comes out as [object Object])", () => {
        assert.doesNotMatch(JSON.stringify(analyzed.schema), /\[object Object\]/);
    });

    it("gives every schema output a value on the constructed component, as the plugin returns it", async () => {
        // What ComponentProvider.construct does for a call from Python, Go, C# or YAML: build
        // the component from plain inputs, then read each schema output off the instance.
        const externalId = "us-east-1/123456789012/prod/reports/reader";
        const run = await record(() => {
            const role = new index.PodIdentityRole("role", {
                statements: [{ Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["*"] }],
                trust: { conditions: { StringEquals: { "aws:SourceAccount": ["111122223333"] } } },
            });
            const target = new index.PodIdentityTargetRole("target", {
                trustedRoleArns: [role.arn],
                externalIds: [externalId],
                sessionTags: false,
            });
            const agent = new index.PodIdentityAgent("agent", { clusterName: "prod" });
            const binding = new index.PodIdentityBinding("binding", {
                clusterName: "prod",
                namespace: "reports",
                serviceAccount: "reader",
                roleArn: role.arn,
                targetRoleArn: target.arn,
                agent: { addonVersion: agent.addonVersion },
            });
            // PodIdentity with the plain values the plugin passes: each cluster names its region.
            const fleet = new index.PodIdentity("fleet", {
                role: { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] },
                serviceAccounts: [{ namespace: "reports", name: "reader" }],
                clusters: {
                    use1: { clusterName: "prod-use1", region: "us-east-1" },
                    euw1: {
                        clusterName: "prod-euw1",
                        region: "eu-west-1",
                        agent: { install: true, version: "latest" },
                    },
                },
                association: { targetRoleArn: target.arn },
            });
            const addon = new index.PodIdentityAddon("ebs", {
                clusterName: "prod",
                addonName: "aws-ebs-csi-driver",
            });
            const instances: Record<string, object> = {
                PodIdentityAddon: addon,
                PodIdentityRole: role,
                PodIdentityTargetRole: target,
                PodIdentityAgent: agent,
                PodIdentityBinding: binding,
                PodIdentity: fleet,
            };
            return Object.fromEntries(
                Object.entries(instances).map(([component, instance]) => [
                    component,
                    Object.fromEntries(
                        Object.keys(OUTPUTS[component]).map((key) => [
                            key,
                            (instance as Record<string, unknown>)[key],
                        ]),
                    ),
                ]),
            );
        });
        const outputs = run.outputs as Record<string, Record<string, unknown>>;
        for (const [component, expected] of Object.entries(OUTPUTS)) {
            for (const [key, type] of Object.entries(expected)) {
                if (!type.endsWith("?")) {
                    assert.notStrictEqual(
                        outputs[component][key],
                        undefined,
                        `${component}.${key}`,
                    );
                }
            }
        }
        assert.strictEqual(outputs.PodIdentityBinding.ready, "reader");
        assert.deepStrictEqual(Object.keys(outputs.PodIdentity.associations as object).sort(), [
            "euw1/reports/reader",
            "use1/reports/reader",
        ]);
        assert.deepStrictEqual(Object.keys(outputs.PodIdentity.kubeconfigs as object).sort(), [
            "euw1",
            "use1",
        ]);
    });

    it("is served by the plugin entry that package.json's main names, for these six classes", () => {
        const packageJson = JSON.parse(
            fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"),
        ) as { main: string; exports: { ".": { default: string } } };
        // Pulumi's Node.js host require()s the plugin directory: that resolves through `main`,
        // to plugin.ts compiled (tests/consumer.spec.ts runs it from an installed package).
        assert.strictEqual(
            require.resolve(PACKAGE_ROOT),
            path.join(PACKAGE_ROOT, "bin", "plugin.js"),
        );
        // npm consumers resolve the package name through `exports`, to the compiled index.
        assert.strictEqual(packageJson.exports["."].default, "./bin/index.js");
        assert.deepStrictEqual(
            MULTI_LANGUAGE_COMPONENTS.map((component) => component.name).sort(),
            Object.keys(INPUTS).sort(),
        );
        const pluginManifest = fs.readFileSync(
            path.join(PACKAGE_ROOT, "PulumiPlugin.yaml"),
            "utf8",
        );
        assert.match(pluginManifest, /^runtime: nodejs$/m);
    });
});
