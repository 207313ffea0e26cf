/**
 * What a role may do and how it is set up, as the export records it: what a new role must
 * carry with `--new-roles` (the kept role keeps all of it by itself).
 */
import { TYPES } from "./inventory";
import { jsonObject } from "../../core/json";
import { ExportedResource, member, property } from "./stackExport";

/** Managed policy ARNs a role has in the export: its attachments and `managedPolicyArns`. */
export function managedPoliciesOf(role: ExportedResource, resources: ExportedResource[]): string[] {
    const roleName = property(role, "name");
    const arns = new Set<string>();
    const listed = property(role, "managedPolicyArns");
    for (const arn of Array.isArray(listed) ? listed : []) {
        if (typeof arn === "string") {
            arns.add(arn);
        }
    }
    for (const attachment of resources.filter((r) => r.type === TYPES.rolePolicyAttachment)) {
        const arn = property(attachment, "policyArn");
        if (property(attachment, "role") === roleName && typeof arn === "string") {
            arns.add(arn);
        }
    }
    return [...arns].sort();
}

/** Names of the inline policies a role has in the export (`inlinePolicies`, `RolePolicy`). */
export function inlinePoliciesOf(role: ExportedResource, resources: ExportedResource[]): string[] {
    return [...inlineDocuments(role, resources).keys()].sort();
}

/** One inline policy statement in the shape PodIdentityRole's `statements` takes: lists only. */
export interface CarriedStatement {
    [key: string]: string | string[] | { [operator: string]: { [key: string]: string[] } };
}

const strings = (value: unknown): string[] =>
    (Array.isArray(value) ? value : [value])
        .filter((item) => ["string", "number", "boolean"].includes(typeof item))
        .map(String);

function carried(statement: Record<string, unknown>): CarriedStatement {
    const out: CarriedStatement = {};
    if (typeof statement.Sid === "string" && statement.Sid !== "") {
        out.Sid = statement.Sid;
    }
    out.Effect = statement.Effect === "Deny" ? "Deny" : "Allow";
    for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
        if (statement[key] !== undefined) {
            out[key] = strings(statement[key]);
        }
    }
    const condition = statement.Condition;
    if (condition !== null && typeof condition === "object") {
        out.Condition = Object.fromEntries(
            Object.entries(condition as Record<string, unknown>).map(([operator, keys]) => [
                operator,
                Object.fromEntries(
                    Object.entries((keys ?? {}) as Record<string, unknown>).map(([k, v]) => [
                        k,
                        strings(v),
                    ]),
                ),
            ]),
        );
    }
    return out;
}

/** The documents of a role's inline policies, by name (`RolePolicy` resources win). */
function inlineDocuments(role: ExportedResource, resources: ExportedResource[]) {
    const roleName = property(role, "name");
    const roleArn = property(role, "arn");
    const documents = new Map<string, unknown>();
    for (const policy of resources.filter((r) => r.type === TYPES.rolePolicy)) {
        const owner = property(policy, "role");
        const name = property(policy, "name");
        if ((owner === roleName || owner === roleArn) && typeof name === "string") {
            documents.set(name, property(policy, "policy"));
        }
    }
    const inline = property(role, "inlinePolicies");
    for (const policy of Array.isArray(inline) ? inline : []) {
        const name = member(policy, "name");
        if (typeof name === "string" && name !== "" && !documents.has(name)) {
            documents.set(name, member(policy, "policy"));
        }
    }
    return documents;
}

/**
 * Every statement of a role's inline policies, in policy name order, in the shape a new role's
 * `statements` takes. A Sid used twice is numbered: IAM wants Sids unique in one policy, and
 * the new role holds all statements in one.
 */
export function inlineStatementsOf(
    role: ExportedResource,
    resources: ExportedResource[],
): CarriedStatement[] {
    const documents = inlineDocuments(role, resources);
    const statements: CarriedStatement[] = [];
    const sids = new Set<string>();
    for (const name of [...documents.keys()].sort()) {
        const body = jsonObject(documents.get(name))?.Statement;
        for (const statement of Array.isArray(body) ? body : [body]) {
            if (statement === null || typeof statement !== "object") {
                continue;
            }
            const each = carried(statement as Record<string, unknown>);
            if (typeof each.Sid === "string") {
                let sid = each.Sid;
                for (let n = 2; sids.has(sid); n++) {
                    sid = `${each.Sid}${n}`;
                }
                sids.add(sid);
                each.Sid = sid;
            }
            statements.push(each);
        }
    }
    return statements;
}

/** The role's own settings a new role carries; what is unset or IAM's default is left out. */
export interface RoleSettings {
    path: string;
    permissionsBoundary?: string;
    tags?: { [key: string]: string };
    maxSessionDuration?: number;
}

/** Path, permissions boundary, tags (not the provider's default tags) and session length. */
export function roleSettingsOf(role: ExportedResource): RoleSettings {
    const path = property(role, "path");
    const boundary = property(role, "permissionsBoundary");
    const tags = property(role, "tags");
    const duration = property(role, "maxSessionDuration");
    const tagEntries =
        tags !== null && typeof tags === "object"
            ? Object.entries(tags as Record<string, unknown>).filter(
                  (entry): entry is [string, string] => typeof entry[1] === "string",
              )
            : [];
    return {
        path: typeof path === "string" && path !== "" ? path : "/",
        permissionsBoundary: typeof boundary === "string" && boundary !== "" ? boundary : undefined,
        tags: tagEntries.length > 0 ? Object.fromEntries(tagEntries.sort()) : undefined,
        maxSessionDuration:
            typeof duration === "number" && duration !== 3600 ? duration : undefined,
    };
}
