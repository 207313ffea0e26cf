/**
 * A small reading of rendered preset policies for the specs: which Allow statements grant an
 * action on a resource, with IAM's wildcards and policy variables filled in from session tags.
 */
import { presetPolicy, PresetName } from "../presets";
import { PresetContext } from "../presets/preset";
import { Statement } from "./iamCatalog";

export const CONTEXT: PresetContext = {
    partition: "aws",
    accountId: "123456789012",
    dnsSuffix: "amazonaws.com",
};

/** The statements of a preset's policy for the given options. */
export function statements(
    name: PresetName,
    options: object,
    context: PresetContext = CONTEXT,
): Statement[] {
    return (JSON.parse(presetPolicy(name, options, context)) as { Statement: Statement[] })
        .Statement;
}

/** Every action any statement grants. */
export function actions(of: Statement[]): string[] {
    return [...new Set(of.flatMap((s) => s.Action))].sort();
}

function globMatches(pattern: string, value: string, vars: { [name: string]: string }): boolean {
    const filled = pattern.replace(/\$\{([^}]+)\}/g, (_, name: string) => vars[name] ?? "\u0000");
    const regex = filled
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${regex}$`).test(value);
}

/**
 * The statements that grant `action` on `resource`, ignoring conditions (assert those
 * separately). `tags` are the pod's session tags, e.g. `{ "kubernetes-namespace": "shop" }`.
 */
export function granting(
    of: Statement[],
    action: string,
    resource: string,
    tags: { [tag: string]: string } = {},
): Statement[] {
    const vars = Object.fromEntries(
        Object.entries(tags).map(([tag, value]) => [`aws:PrincipalTag/${tag}`, value]),
    );
    return of.filter(
        (s) =>
            s.Effect === "Allow" &&
            s.Action.includes(action) &&
            s.Resource.some((r) => globMatches(r, resource, vars)),
    );
}

/** True when some statement grants the action on the resource with no condition at all. */
export function grantsUnconditionally(
    of: Statement[],
    action: string,
    resource: string,
    tags: { [tag: string]: string } = {},
): boolean {
    return granting(of, action, resource, tags).some((s) => s.Condition === undefined);
}
