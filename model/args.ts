import * as pulumi from "@pulumi/pulumi";
import type { PodIdentityAgentArgs } from "./inputs/agent";
import type { PodIdentityBindingArgs } from "./inputs/binding";
import type { PodIdentityArgs } from "./inputs/podIdentity";
import type { PodIdentityRoleArgs } from "./inputs/role";
import type { ServiceAccountSpec } from "./inputs/settings";
import { checkPresets } from "../presets/validate";
import { trustConditionBlock, usesRequestTags } from "../iam/trustPolicy";
import {
    iamPathProblem,
    roleArnProblem,
    roleNameProblem,
    sessionDurationProblem,
} from "./rules/iam";
import { checkIrsaTrust } from "./irsaTrust";
import {
    IRSA_ANNOTATION,
    IRSA_ANNOTATION_RULE,
    kubernetesVersionProblem,
    namespaceNameProblem,
    systemNamespaceProblem,
    serviceAccountNameProblem,
} from "./rules/kubernetes";
import { placementKey } from "../eks/placement";
import { checkPlacement } from "./placement";
import { known, Problems } from "./problems";
import { hybridNodesConflict, hybridNodesVersionProblem } from "../eks/hybridNodes";
import type { AgentSettings } from "./inputs/settings";
import { sessionTagPermissionPaths } from "./sessionTags";
import {
    AddonOptionValues,
    checkAddonOptions,
    checkArnArg,
    checkArnList,
    checkClusterName,
    checkConditionBlock,
    checkRoleDescription,
    checkStatementLists,
    checkTags,
    checkTrustLists,
    knownString,
} from "./ruleChecks";
import { checkRoleSizes, checkSessionPolicySize, RoleExtras } from "./roleSizes";
import { checkPartitions } from "./partitions";
import { asList } from "../core/lists";
import { breach } from "./rules/rule";
import { checkFleetVerify, checkVerify } from "./verify";
import { checkAdopt, checkFleetAdopt } from "./adopt";
import { serviceAccountLists } from "./serviceAccountLists";

const POLICY_ARN = { kind: "policy" } as const;
const CLUSTER_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkArn(problems: Problems, path: string, value: pulumi.Input<string> | undefined) {
    problems.whenKnown(path, value, roleArnProblem);
}

/**
 * Problems in PodIdentityRole args (`at` prefixes property paths, e.g. `role.`); `extras` is
 * what else the package puts on the role (PodIdentity's target-role grant), which counts
 * toward IAM's sizes.
 */
export function checkRoleArgs(
    problems: Problems,
    args: PodIdentityRoleArgs,
    at = "",
    extras: RoleExtras = {},
): void {
    // Judged now, or once known for an Output (model/later.ts).
    problems.whenKnown(`${at}name`, args.name, roleNameProblem);
    problems.whenKnown(`${at}path`, args.path, iamPathProblem);
    checkRoleDescription(problems, `${at}description`, args.description);
    checkArnArg(problems, `${at}permissionsBoundary`, args.permissionsBoundary, POLICY_ARN);
    checkArnList(problems, `${at}managedPolicyArns`, args.managedPolicyArns, POLICY_ARN);
    for (const [key, arn] of Object.entries(args.policyArns ?? {})) {
        checkArnArg(problems, `${at}policyArns.${key}`, arn, POLICY_ARN);
    }
    checkTags(problems, `${at}tags`, args.tags);
    problems.whenKnown(`${at}maxSessionDuration`, args.maxSessionDuration, sessionDurationProblem);
    checkPresets(problems, args.presets, at);
    for (const key of Object.keys(args.policyArns ?? {})) {
        // Keys name attachments "<name>-<key>", next to "<name>-<arn hash>", "<name>-inline",
        // "<name>-preset-<preset>" and "<name>-chain-targets": they must not collide.
        if (
            /^[0-9a-f]{8}$/.test(key) ||
            key === "inline" ||
            key === "chain-targets" ||
            key.startsWith("preset-")
        ) {
            problems.add(
                `${at}policyArns.${key}`,
                `"${key}" would name the attachment like one this package creates itself; choose another key.`,
            );
        }
    }
    (args.statements ?? []).forEach((statement, i) => {
        const where = `${at}statements[${i}]`;
        if (
            statement.Effect !== undefined &&
            statement.Effect !== "Allow" &&
            statement.Effect !== "Deny"
        ) {
            problems.add(
                `${where}.Effect`,
                `"${String(statement.Effect)}" is not an IAM effect: use "Allow" or "Deny".`,
            );
        }
        if (!statement.Action && !statement.NotAction) {
            problems.add(
                where,
                'a statement needs Action (or NotAction), e.g. Action: ["s3:GetObject"].',
            );
        }
        if (!statement.Resource && !statement.NotResource) {
            problems.add(
                where,
                "a statement needs Resource (or NotResource): the ARNs it applies to.",
            );
        }
        checkStatementLists(problems, where, statement);
        checkConditionBlock(problems, `${where}.Condition`, statement.Condition);
    });
    checkIrsaTrust(problems, args.irsaTrust, at);
    if (args.trust) {
        checkTrustLists(problems, `${at}trust`, args.trust);
        checkConditionBlock(problems, `${at}trust.conditions`, args.trust.conditions);
        try {
            trustConditionBlock(plainTrust(args.trust));
        } catch (error) {
            problems.add(`${at}trust.conditions`, (error as Error).message);
        }
    }
    checkRoleSizes(problems, args, at, extras);
}

/** The trust conditions with only their known values, enough to find conflicting keys. */
function plainTrust(trust: NonNullable<PodIdentityRoleArgs["trust"]>) {
    // IAM reads one string as a list of one; so do these checks.
    const list = (values: pulumi.Input<string>[] | undefined) =>
        asList(values)?.map((v) => known(v) ?? "<computed>");
    const conditions: { [op: string]: { [key: string]: string[] } } = {};
    for (const [operator, keys] of Object.entries(trust.conditions ?? {})) {
        conditions[operator] = {};
        for (const [key, values] of Object.entries(keys)) {
            conditions[operator][key] = list(values) ?? [];
        }
    }
    return {
        sourceAccounts: list(trust.sourceAccounts),
        sourceOrgIds: list(trust.sourceOrgIds),
        namespaces: list(trust.namespaces),
        serviceAccounts: list(trust.serviceAccounts),
        clusterNames: list(trust.clusterNames),
        conditions,
    };
}

/** True when the role's trust policy would only admit sessions that carry EKS's session tags. */
export function trustNeedsSessionTags(args: PodIdentityRoleArgs | undefined): boolean {
    return args?.trust !== undefined && usesRequestTags(plainTrust(args.trust));
}

/** Why permissions that read session tags cannot work with session tags off (`off` says how). */
export function sessionTagPermissionReason(path: string, off: string): string {
    return (
        `${path} scopes permissions by EKS session tags (\${aws:PrincipalTag/...}), which ${off} ` +
        `stops EKS from sending: those permissions would deny every request. Keep session tags on, ` +
        `or remove the session-tag scoping from ${path}.`
    );
}

/**
 * Problems in PodIdentityAgent args, and in the add-on options every add-on of this package
 * takes (version, configurationValues, resolveConflicts*, tags).
 */
export function checkAgentArgs(
    problems: Problems,
    args: Pick<PodIdentityAgentArgs, "kubernetesVersion" | "hybridNodes"> &
        AddonOptionValues & { clusterName?: unknown },
    at = "",
): void {
    checkAddonOptions(problems, at, args);
    checkClusterName(problems, `${at}clusterName`, args.clusterName);
    if (args.hybridNodes) {
        const version = knownString(args.version);
        const tooOld = version === undefined ? undefined : hybridNodesVersionProblem(version);
        if (tooOld) {
            problems.add(`${at}version`, tooOld);
        }
        const conflict = hybridNodesConflict(known(args.configurationValues));
        if (conflict) {
            problems.add(`${at}configurationValues`, conflict);
        }
    }
    problems.whenKnown(`${at}kubernetesVersion`, args.kubernetesVersion, kubernetesVersionProblem);
}

/** Why a session policy given as JSON text cannot be read, or undefined. */
function sessionPolicyProblem(policy: unknown): string | undefined {
    if (typeof policy !== "string") {
        return undefined;
    }
    try {
        JSON.parse(policy);
        return undefined;
    } catch (error) {
        return `is not valid JSON (${(error as Error).message}): give a policy document object, or its JSON text.`;
    }
}

/** Association settings shared by PodIdentityBinding and PodIdentity's `association`. */
function checkAssociationSettings(
    problems: Problems,
    settings: Pick<
        PodIdentityBindingArgs,
        "targetRoleArn" | "sessionPolicy" | "disableSessionTags" | "tags"
    >,
    at: string,
): void {
    checkArn(problems, `${at}targetRoleArn`, settings.targetRoleArn);
    checkTags(problems, `${at}tags`, settings.tags);
    checkSessionPolicySize(problems, `${at}sessionPolicy`, known(settings.sessionPolicy));
    problems.whenKnown(`${at}sessionPolicy`, settings.sessionPolicy, sessionPolicyProblem);
    if (settings.sessionPolicy !== undefined) {
        // Judged once disableSessionTags is known, when it is an Output.
        problems.whenKnown(`${at}sessionPolicy`, settings.disableSessionTags ?? false, (off) =>
            off === true
                ? undefined
                : "EKS accepts a session policy only with session tags off: set disableSessionTags: true (or drop sessionPolicy).",
        );
    }
}

function checkIrsaAnnotation(
    problems: Problems,
    annotations: PodIdentityBindingArgs["serviceAccountAnnotations"],
    allow: boolean | undefined,
    at: string,
): void {
    const plain = known(annotations);
    if (!allow && plain && IRSA_ANNOTATION in plain) {
        problems.add(
            `${at}["${IRSA_ANNOTATION}"]`,
            breach(
                IRSA_ANNOTATION_RULE,
                knownString(plain[IRSA_ANNOTATION]) ?? "(known at deploy time)",
                "is an IRSA role: this IRSA annotation makes AWS SDKs use IRSA instead of Pod " +
                    "Identity (web identity comes first in their credential chains), so the " +
                    "association would silently not be used",
            ),
        );
    }
}

/** Problems in PodIdentityBinding args. */
export function checkBindingArgs(problems: Problems, args: PodIdentityBindingArgs): void {
    checkClusterName(problems, "clusterName", args.clusterName);
    const namespaceProblem = namespaceNameProblem(args.namespace);
    if (namespaceProblem) {
        problems.add("namespace", namespaceProblem);
    }
    const systemProblem = systemNamespaceProblem(args.namespace, args.createNamespace);
    if (systemProblem) {
        problems.add("createNamespace", systemProblem);
    }
    const serviceAccountProblem = serviceAccountNameProblem(args.serviceAccount);
    if (serviceAccountProblem) {
        problems.add("serviceAccount", serviceAccountProblem);
    }
    checkArn(problems, "roleArn", args.roleArn);
    checkAssociationSettings(problems, args, "");
    if (args.createServiceAccount !== false) {
        checkIrsaAnnotation(
            problems,
            args.serviceAccountAnnotations,
            args.allowIrsaAnnotation,
            "serviceAccountAnnotations",
        );
    }
    checkVerify(problems, args.verify, "verify.");
    checkAdopt(
        problems,
        args.adopt,
        {
            clusterName: args.clusterName,
            namespace: args.namespace,
            createNamespace: args.createNamespace,
            createServiceAccount: args.createServiceAccount,
            namespaceGiven: args.namespaceResource !== undefined,
        },
        "adopt",
    );
}

function checkServiceAccountList(
    problems: Problems,
    list: ServiceAccountSpec[],
    at: string,
    seen: Map<string, string>,
): void {
    list.forEach((sa, i) => {
        const where = `${at}[${i}]`;
        const namespaceProblem = namespaceNameProblem(sa.namespace);
        if (namespaceProblem) {
            problems.add(`${where}.namespace`, namespaceProblem);
        }
        const systemProblem = systemNamespaceProblem(sa.namespace, sa.createNamespace);
        if (systemProblem) {
            problems.add(`${where}.createNamespace`, systemProblem);
        }
        const nameProblem = serviceAccountNameProblem(sa.name);
        if (nameProblem) {
            problems.add(`${where}.name`, nameProblem);
        }
        if (sa.createServiceAccount !== false) {
            checkIrsaAnnotation(
                problems,
                sa.annotations,
                sa.allowIrsaAnnotation,
                `${where}.annotations`,
            );
        }
        const key = `${sa.namespace}/${sa.name}`;
        const first = seen.get(key);
        if (first) {
            problems.add(
                where,
                `${key} is already bound at ${first}: EKS allows one association per cluster, namespace and ` +
                    `service account (a second fails mid-deployment with "Association already exists"). Remove one.`,
            );
        } else {
            seen.set(key, where);
        }
    });
}

/** Problems in PodIdentity args, all of them, including those of the role and bindings it would create. */
export function checkPodIdentityArgs(problems: Problems, args: PodIdentityArgs): void {
    if (args.role && args.roleArn !== undefined) {
        problems.add(
            "roleArn",
            "give either role (to create the role) or roleArn (to use an existing one), not both.",
        );
    } else if (!args.role && args.roleArn === undefined && !args.addon) {
        problems.add(
            "role",
            "give role (to create the shared role) or roleArn (an existing role's ARN).",
        );
    }
    if (args.role) {
        const target = args.association?.targetRoleArn;
        const grants =
            target !== undefined && (args.association?.grantTargetRoleAssumption ?? true);
        checkRoleArgs(problems, args.role, "role.", {
            chainTargetRoleArns: grants ? [target] : [],
        });
    }
    checkArn(problems, "roleArn", args.roleArn);
    checkPartitions(problems, args);
    checkAssociationSettings(problems, args.association ?? {}, "association.");
    if (known(args.association?.disableSessionTags) === true && trustNeedsSessionTags(args.role)) {
        // Not pointing to other conditions here: whether EKS sends aws:SourceAccount is not
        // documented, and a condition it does not send would deny every pod as well.
        problems.add(
            "association.disableSessionTags",
            "role.trust matches namespaces, service accounts or cluster names on session tags, which " +
                "disableSessionTags: true stops EKS from sending: no pod could assume the role. Drop those " +
                "trust conditions (role.trust.namespaces, serviceAccounts, clusterNames, aws:RequestTag " +
                "conditions) or keep session tags on.",
        );
    }
    if (known(args.association?.disableSessionTags) === true && args.role) {
        for (const path of sessionTagPermissionPaths(args.role, "role.")) {
            problems.add(
                "association.disableSessionTags",
                sessionTagPermissionReason(path, "disableSessionTags: true"),
            );
        }
    }
    if (args.serviceAccounts && args.serviceAccounts.length === 0) {
        problems.add(
            "serviceAccounts",
            "the list is empty: name at least one { namespace, name } to bind.",
        );
    }
    const keys = Object.keys(args.clusters ?? {});
    if (keys.length === 0) {
        problems.add(
            "clusters",
            "no clusters: add at least one, keyed by a stable name such as prod-use1.",
        );
    }
    // Two keys are the same cluster when the name and the AWS provider (account, region) match:
    // the same given provider, or the same place to build one for.
    const seenClusters: { name: string; provider: unknown; at: string; bound: Set<string> }[] = [];
    for (const key of keys.sort()) {
        const cluster = args.clusters[key];
        const at = `clusters.${key}`;
        if (!CLUSTER_KEY.test(key)) {
            problems.add(
                at,
                `"${key}" cannot name resources: use letters, digits, '.', '_' and '-', starting with a letter or digit.`,
            );
        }
        checkAgentArgs(
            problems,
            { kubernetesVersion: cluster.kubernetesVersion, clusterName: cluster.clusterName },
            `${at}.`,
        );
        checkPlacement(problems, cluster, at);
        if (typeof cluster.agent === "object" && !pulumi.Resource.isInstance(cluster.agent)) {
            checkAgentArgs(
                problems,
                cluster.agent as AddonOptionValues & Pick<AgentSettings, "hybridNodes">,
                `${at}.agent.`,
            );
        }
        if (
            typeof cluster.agent === "object" &&
            "install" in cluster.agent &&
            cluster.agent.install === true &&
            cluster.agent.addonVersion !== undefined
        ) {
            problems.add(
                `${at}.agent.install`,
                "addonVersion names an agent installed elsewhere: drop install: true, or drop addonVersion to install one here.",
            );
        }
        if (cluster.serviceAccounts && cluster.serviceAccounts.length === 0) {
            problems.add(
                `${at}.serviceAccounts`,
                "the list is empty: remove it to use serviceAccounts, or name at least one.",
            );
        }
        if (!cluster.serviceAccounts && !args.serviceAccounts && !args.addon) {
            problems.add(
                `${at}.serviceAccounts`,
                "nothing to bind: set serviceAccounts (all clusters) or this cluster's own list.",
            );
        }
        const list = cluster.serviceAccounts ?? args.serviceAccounts ?? [];
        checkServiceAccountList(
            problems,
            list,
            cluster.serviceAccounts ? `${at}.serviceAccounts` : "serviceAccounts",
            new Map(),
        );
        const name = known(cluster.clusterName);
        if (name === undefined) {
            continue;
        }
        const bound = new Set(list.map((sa) => `${sa.namespace}/${sa.name}`));
        const provider =
            cluster.awsProvider ??
            (cluster.region === undefined
                ? undefined
                : placementKey({ ...cluster, region: cluster.region }));
        const twin = seenClusters.find((c) => c.name === name && c.provider === provider);
        const overlap = twin ? [...bound].filter((k) => twin.bound.has(k)) : [];
        if (twin && overlap.length > 0) {
            problems.add(
                at,
                `cluster "${name}" is also ${twin.at} (same name and AWS provider), so ${overlap.join(", ")} ` +
                    `would get two associations; EKS allows one ("Association already exists"). Use one key per cluster.`,
            );
        } else if (twin) {
            // Keys in places told apart only by lookups are refused by the program-wide register.
            problems.add(
                at,
                `cluster "${name}" is also ${twin.at} (same name and AWS provider): one cluster under ` +
                    `two keys gets everything of a cluster twice (its agent add-on, which EKS allows ` +
                    `once per cluster, and its kubeconfig and lookups). Use one key per cluster, with ` +
                    `its own serviceAccounts list.`,
            );
        }
        seenClusters.push({ name, provider, at, bound });
    }
    const lists = serviceAccountLists(args);
    checkFleetVerify(problems, args.verify, lists);
    checkFleetAdopt(problems, lists);
}
