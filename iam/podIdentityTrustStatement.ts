/**
 * Adds EKS Pod Identity to a role's existing trust policy, the way eksctl's
 * `utils migrate-to-pod-identity` does: the role keeps its name, ARN and unique id (so every
 * resource policy and trust that names it keeps working; IAM stores trust principals as unique
 * ids, so a re-created role would not), and its trust gains AWS's statement for the service
 * principal `pods.eks.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession` (EKS User
 * Guide, "Create IAM role and associate with a Kubernetes service account", pod-id-role).
 */
// Types only at load time: the migration tool (tools/migrate) uses this file without loading
// the Pulumi SDK; Inputs are resolved with it only when one is given (inside a program).
import type * as pulumi from "@pulumi/pulumi";
import {
    POD_IDENTITY_ACTIONS,
    POD_IDENTITY_PRINCIPAL,
    POD_IDENTITY_TRUST_SID,
} from "./trustPolicy";

/** A JSON value, as a trust policy document holds them. */
export type TrustPolicyJson =
    string | number | boolean | null | TrustPolicyJson[] | { [key: string]: TrustPolicyJson };

/** One statement of a trust policy, in AWS's JSON shape. */
export type TrustPolicyStatement = { [key: string]: TrustPolicyJson };

/** A trust policy document in AWS's JSON shape (`Statement` a list, or one statement). */
export interface TrustPolicyDocument {
    Version?: string;
    Id?: string;
    Statement?: TrustPolicyStatement | TrustPolicyStatement[];
}

/** The statement {@link withPodIdentityTrust} appends. */
export interface PodIdentityTrustStatement {
    /** `AllowEksAuthToAssumeRoleForPodIdentity`, unless another statement already uses it. */
    Sid?: string;
    Effect: "Allow";
    Principal: { Service: string };
    Action: string[];
}

type StatementOf<D> = D extends { Statement?: infer S }
    ? S extends readonly (infer Each)[]
        ? Each
        : Exclude<S, undefined>
    : never;

/** A document once {@link withPodIdentityTrust} has added the Pod Identity statement. */
export type WithPodIdentityTrust<D> = Omit<D, "Statement"> & {
    Statement: (StatementOf<D> | PodIdentityTrustStatement)[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);

const list = (value: unknown): unknown[] =>
    Array.isArray(value) ? value : value === undefined ? [] : [value];

/** True for an Allow statement that already lets EKS Pod Identity assume the role. */
function grantsPodIdentity(statement: unknown): boolean {
    if (!isRecord(statement) || statement.Effect !== "Allow" || !isRecord(statement.Principal)) {
        return false;
    }
    const services = list(statement.Principal.Service);
    const actions = list(statement.Action).map((action) =>
        typeof action === "string" ? action.toLowerCase() : action,
    );
    return (
        services.includes(POD_IDENTITY_PRINCIPAL) &&
        POD_IDENTITY_ACTIONS.every(
            (action) => actions.includes(action.toLowerCase()) || actions.includes("sts:*"),
        )
    );
}

/** The document with the statement appended; the same document when one already grants it. */
function addStatement<D extends object>(document: D): D | WithPodIdentityTrust<D> {
    const statements = list((document as { Statement?: unknown }).Statement);
    if (statements.some(grantsPodIdentity)) {
        return document;
    }
    const sidTaken = statements.some(
        (statement) => isRecord(statement) && statement.Sid === POD_IDENTITY_TRUST_SID,
    );
    const added: PodIdentityTrustStatement = {
        ...(sidTaken ? {} : { Sid: POD_IDENTITY_TRUST_SID }),
        Effect: "Allow",
        Principal: { Service: POD_IDENTITY_PRINCIPAL },
        Action: [...POD_IDENTITY_ACTIONS],
    };
    return { ...document, Statement: [...statements, added] };
}

function addToJson(text: string): string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new Error(`withPodIdentityTrust: the trust policy is not JSON: ${text.slice(0, 80)}`);
    }
    if (!isRecord(parsed)) {
        throw new Error("withPodIdentityTrust: the trust policy is not a JSON object.");
    }
    const updated = addStatement(parsed);
    // Unchanged when already there: the same bytes, so applying it twice sends IAM nothing new.
    return updated === parsed ? text : JSON.stringify(updated);
}

/** True for plain JSON: no Output or Promise anywhere inside. */
function isPlain(value: unknown): boolean {
    if (value === null || typeof value !== "object") {
        return typeof value !== "function";
    }
    if (Array.isArray(value)) {
        return value.every(isPlain);
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    return (
        (prototype === Object.prototype || prototype === null) &&
        Object.values(value).every(isPlain)
    );
}

function add(document: unknown): unknown {
    if (typeof document === "string") {
        return addToJson(document);
    }
    if (!isRecord(document)) {
        throw new Error(
            "withPodIdentityTrust: expected a trust policy document (an object or its JSON).",
        );
    }
    return addStatement(document);
}

/**
 * Adds the EKS Pod Identity trust statement to an existing trust policy: AWS's
 * `AllowEksAuthToAssumeRoleForPodIdentity` (`Effect: Allow`, `Principal: { Service:
 * "pods.eks.amazonaws.com" }`, `Action: ["sts:AssumeRole", "sts:TagSession"]`), appended
 * after the existing statements, which stay as they are and in their order. Idempotent: when
 * an Allow statement already names that principal with both actions (with or without
 * conditions), the document comes back unchanged, so applying it twice equals applying it
 * once. The Sid is left off when another statement already uses it (IAM wants Sids unique).
 *
 * The one-line change that moves an IRSA role to Pod Identity while keeping it (its ARN, unique
 * id and permissions), as eksctl's `utils migrate-to-pod-identity` does:
 *
 * ```ts
 * new aws.iam.Role("api", { assumeRolePolicy: withPodIdentityTrust(irsaTrustPolicy), ... });
 * ```
 *
 * @param document The trust policy: a JSON string (returned as a JSON string), a plain object
 * (returned as a new object; the argument is not modified), or an Output or Promise of either
 * (returned as an Output). An object that may hold Outputs gives an Input: an Output when it
 * does, a plain object when it does not.
 */
export function withPodIdentityTrust(document: string): string;
export function withPodIdentityTrust<D extends TrustPolicyDocument>(
    document: D,
): D | WithPodIdentityTrust<D>;
export function withPodIdentityTrust(
    document: pulumi.Output<string> | Promise<string>,
): pulumi.Output<string>;
export function withPodIdentityTrust<D extends object>(
    document: pulumi.Output<D> | Promise<D>,
): pulumi.Output<pulumi.Unwrap<D> | WithPodIdentityTrust<pulumi.Unwrap<D>>>;
export function withPodIdentityTrust<D extends object>(
    document: pulumi.Input<D>,
): pulumi.Input<pulumi.Unwrap<D> | WithPodIdentityTrust<pulumi.Unwrap<D>>>;
export function withPodIdentityTrust(document: unknown): unknown {
    if (isPlain(document)) {
        return add(document);
    }
    // Inside a Pulumi program, where the SDK is loaded already.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require("@pulumi/pulumi") as typeof pulumi;
    return sdk.output(document as pulumi.Input<object | string>).apply(add);
}
