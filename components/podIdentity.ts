import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    accountOfRoleArn,
    AccountBoundUse,
    checkRoleAccount,
    ProviderAccounts,
} from "../model/accountCheck";
import { PodIdentityAddon } from "./addon";
import { fleetAddonClaims, installFleetAddon } from "./fleet/addon";
import { PodIdentityAgent } from "./agent";
import { roleNameFromArn } from "../iam/arn";
import { bindingResources, createsNamespace, PodIdentityBindingOutputs } from "./binding";
import { grantTargetRoleAssumption } from "../iam/chaining";
import { allGuards, guardedBy } from "../model/checkFailure";
import { FIXED_NAME } from "../core/fixedName";
import { ClusterLookups, clusterAwsProviders } from "./fleet/cluster";
import { defaultRoleArgs } from "../eks/addonRole";
import { supportedKubernetesVersion } from "../eks/eksAddon";
import { ipFamilyOf } from "../eks/ipFamily";
import type { AgentReadiness } from "../model/inputs/binding";
import type { PodIdentityArgs } from "../model/inputs/podIdentity";
import type { PodIdentitySettings } from "../model/inputs/settings";
import { eksKubeconfig } from "../kubernetes/kubeconfig";
import { PodIdentityRole } from "./role";
import { AGENT_ADDON_NAME } from "../eks/knownAddons";
import { addonClaim, claim, placeProvider, serviceAccountClaim } from "../model/register/claims";
import { LaterGuards, within } from "../model/later";
import { AGENT_HANDOVER } from "../model/parse/agent";
import { ClusterModel, FLEET_HANDOVER, FleetModel, parsePodIdentity } from "../model/parse/fleet";
import { Parsed } from "../model/parse/parsed";
import { ROLE_HANDOVER, RoleModel } from "../model/parse/role";
import type { ClusterUse } from "../model/lookups";
import { warnOnUnannouncedPartition } from "../model/warnings";
import { combineVerify, resolveVerify } from "../model/verify";
import { fleetAssociationId, importing } from "../model/adopt";

export type { AgentOptions, ClusterSpec, PodIdentityArgs } from "../model/inputs/podIdentity";
export type { AssociationDefaults, ServiceAccountSpec } from "../model/inputs/settings";

/** One association, as `PodIdentity.associations` reports it. */
export interface AssociationSummary {
    /** The EKS cluster's name. */
    clusterName: string;
    /** The service account's namespace. */
    namespace: string;
    /** The service account's name. */
    serviceAccount: string;
    /** The association's ARN. */
    associationArn: string;
    /** The association's ID. */
    associationId: string;
}

/**
 * The whole Pod Identity workflow for a fleet: one role (created, or given by ARN), the
 * agent on each cluster (installed, skipped or shared), and a binding per cluster and
 * service account. The role's trust policy does not depend on the clusters.
 */
export class PodIdentity extends pulumi.ComponentResource {
    /** The role, when this component creates it. (TypeScript only: a component of this package.) */
    public get role(): PodIdentityRole | undefined {
        return typeScriptOutputs(this).role;
    }
    /** The ARN of the role every association uses. */
    public readonly roleArn: pulumi.Output<string>;
    /** The agents this component installed, by cluster key. (TypeScript only.) */
    public get agents(): { [clusterKey: string]: PodIdentityAgent } {
        return typeScriptOutputs(this).agents;
    }
    /** The add-ons installed with `addon`, by cluster key. (TypeScript only.) */
    public get addons(): { [clusterKey: string]: PodIdentityAddon } {
        return typeScriptOutputs(this).addons;
    }
    /**
     * The Kubernetes provider of each cluster that has one (given, or built from the
     * cluster lookup), for workloads deployed next to the bindings. (TypeScript only; other
     * languages build one from `kubeconfigs`.)
     */
    public get kubernetesProviders(): { [clusterKey: string]: k8s.Provider } {
        return typeScriptOutputs(this).kubernetesProviders;
    }
    /**
     * The bindings (association, service account, `ready`, ...), by
     * `clusterKey/namespace/serviceAccount`. (TypeScript only.)
     */
    public get bindings(): { [bindingKey: string]: PodIdentityBindingOutputs } {
        return typeScriptOutputs(this).bindings;
    }
    /** Every association, by `clusterKey/namespace/serviceAccount`. */
    public readonly associations: pulumi.Output<{ [bindingKey: string]: AssociationSummary }>;
    /**
     * The role's permission to assume the association target role, when this component
     * grants it (see `association.grantTargetRoleAssumption`).
     */
    public readonly targetRoleGrant?: aws.iam.RolePolicy;
    /** The installed agent add-on's version on each cluster where this component installed it, by cluster key. */
    public readonly agentVersions: pulumi.Output<{ [clusterKey: string]: string }>;
    /**
     * The kubeconfig of each cluster whose Kubernetes provider this component built, by
     * cluster key (a secret): for a Kubernetes provider of your own, next to the bindings.
     */
    public readonly kubeconfigs: pulumi.Output<{ [clusterKey: string]: string }>;

    // The plugin's schema is inferred from this signature, so it declares the form every
    // language can write; TypeScript callers get `PodIdentityArgs` (see PodIdentityConstructor).
    constructor(name: string, args: PodIdentitySettings, opts?: pulumi.ComponentResourceOptions) {
        // Parsed once, before anything is registered: by this constructor, or by the root
        // program from the stack's configuration. The parts built below (the role, the agents,
        // the add-ons) take their parsed parts and do not check them again.
        const parsed = FLEET_HANDOVER.take(args) ?? parsePodIdentity(name, args);
        const fleet = parsed.model;
        // The args are not recorded as the component's inputs: the SDK would register the
        // component, and so every child, only once every Output in them had resolved (a
        // cluster name from a cluster being created holds back the whole fleet), and would
        // rebuild each provider in them once per cluster. The children record what matters.
        super("eks-pod-identity:index:PodIdentity", name, {}, opts);

        // Each cluster's AWS provider: given, or built for its region and account.
        const awsProviders = clusterAwsProviders(name, fleet.clusters, this);
        const lookups = new ClusterLookups(this, awsProviders);
        // Service accounts another component of the program binds are refused before anything
        // is created; with a cluster name not known yet, that cluster's resources wait for it.
        const claimed = this.claim(name, fleet, awsProviders);
        // Everything waits for the account check, which fails once, naming each setting in
        // the wrong account, before any of it is created.
        const guard = this.checkAccounts(name, fleet, awsProviders);
        const guarded: pulumi.CustomResourceOptions = guard ? { dependsOn: guard } : {};
        // Values known only at deployment are checked once known, each before the resources
        // that take it: the association settings before the grant and the associations.
        const later = new LaterGuards(this, parsed.component, parsed.later);
        const associationGuard = later.of(
            "association",
            (path) => within(path, "roleArn") || within(path, "association"),
        );

        // With `addon` and neither role nor roleArn, the role gets the add-on's default
        // permissions (a vpc-cni role those of every cluster's IP family).
        const defaults = fleet.addon?.target.defaults;
        const role =
            fleet.role ??
            (defaults &&
                defaultRoleArgs(defaults, {
                    partition: () => aws.getPartitionOutput({}, { parent: this }).partition,
                    ipFamilies: () =>
                        fleet.clusters.map(
                            (cluster) =>
                                cluster.ipFamily ?? ipFamilyOf(lookups.of(cluster, "ipFamily")),
                        ),
                }));
        const outputs: TypeScriptOutputs = {
            role: role
                ? new PodIdentityRole(name, ROLE_HANDOVER.pass(rolePart(parsed, role)), {
                      parent: this,
                      ...guarded,
                  })
                : undefined,
            agents: {},
            addons: {},
            kubernetesProviders: {},
            bindings: {},
            kubeconfigs: {},
        };
        TYPESCRIPT_OUTPUTS.set(this, outputs);
        this.roleArn = this.role ? this.role.arn : pulumi.output(fleet.roleArn ?? "");

        // One grant for the role, however many clusters and service accounts chain through it
        // (a grant per binding would put many identical inline policies on one role).
        const targetRoleArn = fleet.association.targetRoleArn;
        if (targetRoleArn !== undefined && (fleet.association.grantTargetRoleAssumption ?? true)) {
            this.targetRoleGrant = grantTargetRoleAssumption(
                `${name}-chain-targets`,
                this.role ? this.role.roleName : this.roleArn.apply((arn) => roleNameFromArn(arn)),
                [targetRoleArn],
                { parent: this, dependsOn: allGuards([guard, associationGuard]) },
            );
        }

        const bound: BoundServiceAccount[] = [];
        for (const cluster of fleet.clusters) {
            const key = cluster.key;
            const clusterGuard = allGuards([
                guard,
                claimed.get(key),
                later.of(
                    `cluster:${key}`,
                    (path) =>
                        within(path, `clusters.${key}`) ||
                        (cluster.sharedServiceAccounts && within(path, "serviceAccounts")),
                ),
            ]);
            bound.push(
                ...this.addCluster(name, cluster, awsProviders[key], lookups, fleet, {
                    component: parsed.component,
                    cluster: clusterGuard,
                    association: associationGuard,
                    addon: later.of("addon", (path) => within(path, "addon")),
                }),
            );
        }
        this.associations = summarise(bound, this.bindings);
        this.agentVersions = pulumi.output(
            Object.fromEntries(
                Object.entries(this.agents).map(([key, agent]) => [key, agent.addonVersion]),
            ),
        );
        this.kubeconfigs = pulumi.output(outputs.kubeconfigs);

        this.registerOutputs({
            role: this.role,
            roleArn: this.roleArn,
            agents: this.agents,
            addons: this.addons,
            associations: this.associations,
            agentVersions: this.agentVersions,
            kubeconfigs: this.kubeconfigs,
            targetRoleGrant: this.targetRoleGrant,
        });
    }

    /**
     * Claims what each cluster gets in the program-wide register: its service accounts' (or
     * the add-on's) associations, its agent and its add-on; returns, by cluster key, the guard
     * of the claims still to be checked (cluster names not known yet, other providers).
     */
    private claim(
        name: string,
        fleet: FleetModel,
        awsProviders: { [clusterKey: string]: aws.Provider | undefined },
    ): Map<string, pulumi.Output<pulumi.Resource[]>> {
        const guards = new Map<string, pulumi.Output<pulumi.Resource[]>>();
        for (const cluster of fleet.clusters) {
            const built = awsProviders[cluster.key];
            if (cluster.place.kind !== "component" && cluster.place.placement && built) {
                // Claims through any provider built for the same place meet (the fleet's
                // add-on's and agents' too, which go through this provider).
                placeProvider(built, cluster.place.placement);
            }
            const where = {
                clusterName: cluster.clusterName,
                awsProvider: built ?? this.getProvider("aws::"),
            };
            const claimant = `PodIdentity "${name}" (clusters.${cluster.key})`;
            const guard = claim(this, [
                ...cluster.serviceAccounts.map((sa) =>
                    serviceAccountClaim({
                        ...where,
                        namespace: sa.namespace,
                        serviceAccount: sa.name,
                        claimant,
                    }),
                ),
                // The add-on's own association and the agent too, before the shared role is
                // created: the PodIdentityAddon and PodIdentityAgent share these claims.
                ...(fleet.addon ? fleetAddonClaims(claimant, fleet.addon, where) : []),
                ...(cluster.agent.install
                    ? [addonClaim({ ...where, addonName: AGENT_ADDON_NAME, claimant })]
                    : []),
            ]);
            if (guard) {
                guards.set(cluster.key, guard);
            }
        }
        return guards;
    }

    /**
     * The check that the role is in the account of every cluster, and of the grant on the
     * target role when the role is given by ARN, as a guard for `dependsOn`; undefined when
     * nothing can be in another account (the role is created by the provider that reaches
     * every cluster). The accounts are those of the providers, so the check works in
     * previews (a role to be created has no ARN yet) and without any cluster lookup.
     */
    private checkAccounts(
        name: string,
        fleet: FleetModel,
        awsProviders: { [clusterKey: string]: aws.Provider | undefined },
    ): pulumi.Output<pulumi.Resource[]> | undefined {
        const accounts = new ProviderAccounts(this);
        const uses: AccountBoundUse[] = [];
        for (const cluster of fleet.clusters) {
            const provider = awsProviders[cluster.key];
            if (fleet.role && !provider) {
                continue;
            }
            const through = !provider
                ? "this component's AWS provider"
                : cluster.place.kind === "provider"
                  ? "its awsProvider"
                  : "the provider built for its region and account";
            uses.push({
                propertyPath: `clusters.${cluster.key}`,
                account: accounts.of(provider),
                explain: (clusterAccount, role) =>
                    `the cluster is in account ${clusterAccount} (${through}), but EKS requires the ` +
                    `association role in the cluster's account. Give the cluster an awsProvider ` +
                    `in account ${role}, or bind it with another PodIdentity whose role is in ` +
                    `${clusterAccount} (one per account); reach resources in other accounts through ` +
                    `association.targetRoleArn.`,
            });
        }
        const grants =
            fleet.association.targetRoleArn !== undefined &&
            (fleet.association.grantTargetRoleAssumption ?? true);
        if (fleet.roleArn !== undefined && grants) {
            uses.push({
                propertyPath: "association.grantTargetRoleAssumption",
                account: accounts.of(undefined),
                explain: (grant, role) =>
                    `the role's permission to assume the target role would be written through ` +
                    `this component's AWS provider, in account ${grant}, where the role is not. ` +
                    `Give this PodIdentity an AWS provider in account ${role}, or set ` +
                    `association.grantTargetRoleAssumption: false and grant sts:AssumeRole and ` +
                    `sts:TagSession in the stack that owns the role.`,
            });
        }
        if (uses.length === 0) {
            return undefined;
        }
        const role = fleet.role
            ? {
                  account: accounts.of(undefined),
                  description: "created by this component through its AWS provider",
              }
            : {
                  account: pulumi.output(fleet.roleArn ?? "").apply(accountOfRoleArn),
                  description: pulumi.output(fleet.roleArn ?? ""),
              };
        return guardedBy(checkRoleAccount(this, `PodIdentity "${name}"`, role, uses));
    }

    /** Adds one cluster's agent, provider, namespaces and bindings; returns what it bound. */
    private addCluster(
        name: string,
        cluster: ClusterModel,
        awsProvider: aws.Provider | undefined,
        lookups: ClusterLookups,
        fleet: FleetModel,
        guards: ClusterGuards,
    ): BoundServiceAccount[] {
        const clusterKey = cluster.key;
        const prefix = `${name}/${clusterKey}`;
        const awsOpts = awsProvider ? { provider: awsProvider } : {};
        const serviceAccounts = cluster.serviceAccounts;
        const needsKubernetes = serviceAccounts.some(
            (sa) =>
                createsNamespace(sa.namespace, sa.createNamespace) ||
                sa.createServiceAccount !== false ||
                resolveVerify(combineVerify(fleet.verify, sa.verify)) !== undefined,
        );

        // One DescribeCluster per cluster at most (see ClusterLookups), its answer checked for
        // what each of its readers uses.
        const clusterLookup = (use: ClusterUse) => lookups.of(cluster, use);
        // The Kubernetes version from the lookup, refused (once, for every resource that takes
        // it) when Pod Identity cannot run on it.
        let lookedUpVersion: pulumi.Output<string> | undefined;
        const supportedVersion = () =>
            (lookedUpVersion ??= supportedKubernetesVersion(
                this,
                `clusters.${clusterKey}`,
                clusterLookup("version"),
            ));

        let kubernetesProvider = cluster.kubernetesProvider;
        if (!kubernetesProvider && needsKubernetes) {
            const found = clusterLookup("kubeconfig");
            const kubeconfig = pulumi.secret(
                pulumi
                    .all([found.name, found.arn, found.endpoint, found.certificateAuthorities])
                    .apply(([clusterName, arn, endpoint, authorities]) =>
                        eksKubeconfig(
                            {
                                name: clusterName,
                                arn,
                                endpoint,
                                certificateAuthorityData: authorities[0]?.data ?? "",
                            },
                            cluster.kubeconfigIdentity,
                        ),
                    ),
            );
            typeScriptOutputs(this).kubeconfigs[clusterKey] = kubeconfig;
            kubernetesProvider = new k8s.Provider(prefix, { kubeconfig }, { parent: this });
        }

        if (kubernetesProvider) {
            this.kubernetesProviders[clusterKey] = kubernetesProvider;
        }
        const lookup = lookups.ifMade(clusterKey);
        if (lookup && !fleet.allowUnannouncedPartition) {
            warnOnUnannouncedPartition(lookup.arn, this);
        }

        // The agent's and the add-on's versions follow the cluster's Kubernetes version, looked
        // up when it is not given.
        const follows = (version: string | undefined) =>
            (version ?? "default") === "default" || version === "latest";
        const agentFollows = cluster.agent.install && follows(cluster.agent.options.version);
        const addonFollows = fleet.addon !== undefined && follows(fleet.addon.options.version);
        if (cluster.kubernetesVersion === undefined && (agentFollows || addonFollows)) {
            supportedVersion();
        }
        // Once the cluster is looked up, a Kubernetes version Pod Identity cannot run on stops
        // every resource of the cluster, with one message.
        const clusterGuard = allGuards([
            guards.cluster,
            lookup ? guardedBy(supportedVersion()) : undefined,
        ]);
        // The cluster's service accounts and associations are thousands in a fleet: they wait
        // for the checks through an input each already takes (a service account its namespace's
        // name, an association the role's ARN), from one Output per cluster or namespace, where
        // `dependsOn` would cost two more Outputs per resource (the SDK's option merging and its
        // dependency gathering, @pulumi/pulumi 3.276). A failed check rejects that input with
        // the check's one CheckFailure, so none is registered.
        const gated = <T>(
            gate: pulumi.Output<pulumi.Resource[]> | undefined,
            value: pulumi.Input<T>,
        ) => (gate ? pulumi.all([gate, value]).apply(([, resolved]) => resolved) : value);
        const guarded: pulumi.CustomResourceOptions = clusterGuard
            ? { dependsOn: clusterGuard }
            : {};
        // Namespaces and service accounts exist for the associations: a failed check of the
        // association settings (values known only at deployment) stops them too.
        const kubernetesGuard = allGuards([clusterGuard, guards.association]);
        let agent: AgentReadiness | undefined;
        if (cluster.agent.install) {
            const options = cluster.agent.options;
            const kubernetesVersion =
                cluster.kubernetesVersion ?? (agentFollows ? supportedVersion() : undefined);
            const installed = new PodIdentityAgent(
                prefix,
                AGENT_HANDOVER.pass({
                    model: { ...options, clusterName: cluster.clusterName, kubernetesVersion },
                    later: [],
                    component: guards.component,
                    at: `clusters.${clusterKey}.agent.`,
                }),
                { parent: this, ...awsOpts, ...guarded },
            );
            this.agents[clusterKey] = installed;
            agent = installed;
        } else {
            agent = cluster.agent.elsewhere;
        }

        const namespaces = new Map<string, k8s.core.v1.Namespace>();
        for (const namespace of [...new Set(serviceAccounts.map((sa) => sa.namespace))].sort()) {
            const creators = serviceAccounts.filter(
                (sa) =>
                    sa.namespace === namespace && createsNamespace(namespace, sa.createNamespace),
            );
            if (creators.length > 0) {
                namespaces.set(
                    namespace,
                    new k8s.core.v1.Namespace(
                        `${prefix}/${namespace}`,
                        { metadata: { name: namespace } },
                        {
                            parent: this,
                            provider: kubernetesProvider,
                            retainOnDelete: fleet.retainNamespacesOnDelete,
                            // A few per cluster: `dependsOn` keeps the name known in previews.
                            dependsOn: kubernetesGuard,
                            ...FIXED_NAME,
                            ...importing(
                                creators.some((sa) => sa.adopt?.namespace) ? namespace : undefined,
                            ),
                        },
                    ),
                );
            }
        }
        // The name each service account takes: the created namespace's (which waited for the
        // checks, and rejects with their failure), or the adopted one's, after the checks.
        const namespaceNames = new Map<string, pulumi.Output<string>>();
        const namespaceNameOf = (namespace: string) => {
            let found = namespaceNames.get(namespace);
            if (!found) {
                found =
                    namespaces.get(namespace)?.metadata.name ??
                    pulumi.output(gated(kubernetesGuard, namespace));
                namespaceNames.set(namespace, found);
            }
            return found;
        };

        if (fleet.addon) {
            this.addons[clusterKey] = installFleetAddon(this, prefix, fleet.addon, {
                clusterName: cluster.clusterName,
                // Once the role's permissions exist: the add-on's pods start with them.
                roleArn: this.role ? this.role.readyArn : this.roleArn,
                kubernetesVersion: () => cluster.kubernetesVersion ?? supportedVersion(),
                agent,
                provider: awsProvider,
                guard: allGuards([clusterGuard, guards.addon]),
                component: guards.component,
            });
        }

        // A binding is three resources and a fleet has thousands: a component each would cost
        // about as much as the resources themselves (see the README's Benchmark).
        const roleArn = gated(allGuards([clusterGuard, guards.association]), this.roleArn);
        return serviceAccounts.map((sa) => {
            const key = `${clusterKey}/${sa.namespace}/${sa.name}`;
            this.bindings[key] = bindingResources(
                `${name}/${key}`,
                {
                    clusterName: cluster.clusterName,
                    namespace: sa.namespace,
                    serviceAccount: sa.name,
                    roleArn,
                    ...fleet.association,
                    createNamespace: false,
                    namespaceResource: namespaces.get(sa.namespace),
                    createServiceAccount: sa.createServiceAccount,
                    serviceAccountLabels: sa.labels,
                    serviceAccountAnnotations: sa.annotations,
                    agent,
                    verify: combineVerify(fleet.verify, sa.verify),
                    adopt: {
                        associationId: fleetAssociationId(sa.adopt, clusterKey),
                        serviceAccount: sa.adopt?.serviceAccount,
                    },
                },
                {
                    aws: { parent: this, ...awsOpts },
                    kubernetes: { parent: this, provider: kubernetesProvider },
                    namespaceName: namespaceNameOf(sa.namespace),
                    // Pods get credentials they can use once the role's permissions exist, and
                    // the grant (made once for every binding) when they chain through it.
                    readyAfter: [
                        ...(this.role ? [this.role.readyArn] : []),
                        ...(this.targetRoleGrant ? [this.targetRoleGrant.id] : []),
                    ],
                },
            );
            return {
                key,
                clusterName: cluster.clusterName,
                namespace: sa.namespace,
                serviceAccount: sa.name,
            };
        });
    }
}

/** What one cluster's resources wait for, and how a failure names the fleet. */
interface ClusterGuards {
    /** How a failure names the fleet, e.g. `PodIdentity "app"`. */
    component: string;
    /** Everything of the cluster: the account check, its claims and its values' checks. */
    cluster?: pulumi.Output<pulumi.Resource[]>;
    /** The associations too: the checks of the association settings and a given role ARN. */
    association?: pulumi.Output<pulumi.Resource[]>;
    /** The add-on too: the checks of the add-on's settings. */
    addon?: pulumi.Output<pulumi.Resource[]>;
}

/** The fleet's role part, for PodIdentityRole: its model and the checks of its values. */
function rolePart(parsed: Parsed<FleetModel>, role: RoleModel) {
    return {
        model: role,
        later: parsed.later.filter((check) => within(check.propertyPath, "role")),
        component: parsed.component,
        at: "role.",
    };
}

/** One service account bound on one cluster, as `associations` lists it. */
interface BoundServiceAccount {
    key: string;
    clusterName: pulumi.Input<string>;
    namespace: string;
    serviceAccount: string;
}

/**
 * The associations as one Output. Built from flat lists: `pulumi.output` over a map of
 * thousands of objects holding Outputs makes several Outputs per value, and costs more than
 * the associations do. Each association is read once, through its ARN, which ends with its ID
 * (`arn:<partition>:eks:<region>:<account>:podidentityassociation/<cluster>/<id>`, as
 * CreatePodIdentityAssociation returns them): a second list of IDs cost about 2% of a fleet's
 * peak memory (see docs/benchmark.md).
 */
function summarise(
    bound: BoundServiceAccount[],
    bindings: { [bindingKey: string]: PodIdentityBindingOutputs },
): pulumi.Output<{ [bindingKey: string]: AssociationSummary }> {
    return pulumi
        .all([
            pulumi.all(bound.map((b) => b.clusterName)),
            pulumi.all(bound.map((b) => bindings[b.key].associationArn)),
        ])
        .apply(([clusterNames, arns]) =>
            Object.fromEntries(
                bound.map((b, i) => [
                    b.key,
                    {
                        clusterName: clusterNames[i],
                        namespace: b.namespace,
                        serviceAccount: b.serviceAccount,
                        associationArn: arns[i],
                        associationId: associationIdOf(arns[i]),
                    },
                ]),
            ),
        );
}

/** The association ID an association ARN ends with (`.../podidentityassociation/<cluster>/<id>`). */
export function associationIdOf(associationArn: string): string {
    if (typeof associationArn !== "string") {
        // Unit-test mocks may answer no ARN at all: then no ID either, as they answer.
        return associationArn;
    }
    return associationArn.slice(associationArn.lastIndexOf("/") + 1);
}

/** What PodIdentity offers TypeScript only: components of this package and provider objects. */
interface TypeScriptOutputs {
    role?: PodIdentityRole;
    agents: { [clusterKey: string]: PodIdentityAgent };
    addons: { [clusterKey: string]: PodIdentityAddon };
    kubernetesProviders: { [clusterKey: string]: k8s.Provider };
    bindings: { [bindingKey: string]: PodIdentityBindingOutputs };
    kubeconfigs: { [clusterKey: string]: pulumi.Output<string> };
}

// Kept off the instance's fields: the schema analyzer reads every field as an output, and
// has no schema form for these (it reads accessors as nothing, so the getters stay).
const TYPESCRIPT_OUTPUTS = new WeakMap<PodIdentity, TypeScriptOutputs>();

function typeScriptOutputs(owner: PodIdentity): TypeScriptOutputs {
    const outputs = TYPESCRIPT_OUTPUTS.get(owner);
    if (!outputs) {
        throw new Error("PodIdentity: read before its constructor set its outputs");
    }
    return outputs;
}

/**
 * PodIdentity's constructor as TypeScript callers see it (`index.ts` exports PodIdentity with
 * this type): it takes PodIdentityArgs, which adds provider objects and the short agent forms
 * to PodIdentitySettings, the form the plugin's schema declares. The class handles both.
 */
export interface PodIdentityConstructor {
    new (name: string, args: PodIdentityArgs, opts?: pulumi.ComponentResourceOptions): PodIdentity;
}
