/**
 * PodIdentityRole's args -> the role's model: read with their types, then judged by the IAM
 * rules (model/args.ts `checkRoleArgs`). The same part of PodIdentity (`role`), of
 * PodIdentityAddon (`role`) and of the root project's configuration goes through here once.
 */
import type { RoleQuotas, RoleSettingsArgs } from "../../iam/iamRole";
import type { IrsaTrust } from "../../iam/irsaTrust";
import type { RolePermissionArgs } from "../../iam/permissions";
import type { ConditionBlock, PolicyStatement, StatementEffect } from "../../iam/policyDocument";
import type { TrustConditions } from "../../iam/trustPolicy";
import type { PermissionPresets } from "../../presets/registry";
import { checkRoleArgs } from "../args";
import { entered } from "../entries";
import type { PodIdentityRoleArgs } from "../inputs/role";
import { Handover } from "../handover";
import { Problems } from "../problems";
import { Parsed } from "./parsed";
import {
    Fields,
    input,
    isPlainObject,
    list,
    map,
    number,
    object,
    oneOrList,
    Reader,
    readFields,
    text,
    wrongType,
} from "./read";

/** The role's model: its args, each of its declared type and judged by the rules. */
export type RoleModel = Readonly<PodIdentityRoleArgs>;

/**
 * Whether a property of role args (relative to them) is one of the role's permissions, which
 * the permission resources take; the role resource takes the others.
 */
export function isPermissionPath(path: string): boolean {
    return /^(managedPolicyArns|policyArns|statements|presets)([.[]|$)/.test(path);
}

/** Tags: a map of strings, any of them (or the whole map) an Input. */
export const tags = input(map(input(text)));

/** The role settings every role of the package takes (PodIdentityRole, PodIdentityTargetRole). */
export const ROLE_SETTINGS: Fields<RoleSettingsArgs> = {
    name: input(text),
    path: input(text),
    description: input(text),
    maxSessionDuration: input(number),
    permissionsBoundary: input(text),
    tags,
    quotas: object<RoleQuotas>("IAM quotas { managedPoliciesPerRole, trustPolicySize }", {
        managedPoliciesPerRole: number,
        trustPolicySize: number,
    }),
};

const conditionBlock: Reader<ConditionBlock> = map(map(oneOrList(input(text))));

const statement = object<PolicyStatement>("an IAM statement { Effect, Action, Resource, ... }", {
    Sid: text,
    Effect: text as Reader<StatementEffect>,
    // IAM takes a single string for each of these too; read as a list of one.
    Action: oneOrList(input(text)),
    NotAction: oneOrList(input(text)),
    Resource: oneOrList(input(text)),
    NotResource: oneOrList(input(text)),
    Condition: conditionBlock,
});

/** `presets`: an object by preset name; the presets' own check judges its keys and options. */
const presets: Reader<PermissionPresets> = {
    expected: "an object of presets, e.g. { s3: { bucketArns: [...] } }",
    read(value, at, problems) {
        if (value === undefined) {
            return undefined;
        }
        if (!isPlainObject(value)) {
            wrongType(problems, at, this.expected, value);
            return undefined;
        }
        // Its keys and options are judged by the presets' own check (presets/validate.ts).
        return value;
    },
};

/** The permission args every role of the package takes. */
export const PERMISSIONS: Fields<RolePermissionArgs> = {
    managedPolicyArns: list(text),
    policyArns: map(input(text)),
    statements: list(statement),
    presets,
};

const trust = object<TrustConditions>(
    "trust conditions { sourceOrgIds, namespaces, serviceAccounts, clusterNames, conditions }",
    {
        // One string is one value here too, as in IAM's condition values.
        sourceAccounts: oneOrList(input(text)),
        sourceOrgIds: oneOrList(input(text)),
        namespaces: oneOrList(input(text)),
        serviceAccounts: oneOrList(input(text)),
        clusterNames: oneOrList(input(text)),
        conditions: conditionBlock,
    },
);

// Required properties are left to checkIrsaTrust, whose messages say what to give.
const irsaTrustEntry = object<IrsaTrust>(
    '{ oidcProviderArn, serviceAccounts: ["namespace/name", ...] }',
    { oidcProviderArn: input(text), serviceAccounts: list(text) },
);

/** Readers of PodIdentityRole's args. */
export const ROLE_FIELDS: Fields<PodIdentityRoleArgs> = {
    ...ROLE_SETTINGS,
    ...PERMISSIONS,
    trust,
    irsaTrust: list(irsaTrustEntry),
};

/**
 * Parses role args found at `at` (e.g. `role.`) into `problems`; undefined when they are not
 * an object. The rules run on what has the right type.
 */
export function parseRoleArgs(raw: unknown, problems: Problems, at = ""): RoleModel | undefined {
    entered("role");
    const path = at.replace(/\.$/, "");
    if (!isPlainObject(raw)) {
        wrongType(
            problems,
            path || "args",
            "an object of role arguments (PodIdentityRoleArgs)",
            raw,
        );
        return undefined;
    }
    const role = readFields(raw, ROLE_FIELDS, {}, path, problems);
    checkRoleArgs(problems, role, at);
    return role;
}

/** PodIdentityRole's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseRole(name: string, raw: unknown): Parsed<RoleModel> {
    entered("PodIdentityRole");
    const problems = new Problems();
    // A role takes no required args: `new PodIdentityRole(name)` is a role with defaults.
    const model = raw === undefined ? {} : parseRoleArgs(raw, problems);
    problems.throwIfAny("PodIdentityRole", name);
    return {
        model: model ?? {},
        later: problems.later,
        component: `PodIdentityRole "${name}"`,
        at: "",
    };
}

/** How PodIdentity and PodIdentityAddon hand a role they parsed to PodIdentityRole. */
export const ROLE_HANDOVER = new Handover<Parsed<RoleModel>>();
