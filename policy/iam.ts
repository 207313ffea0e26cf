/**
 * IAM policy documents as the rules need them: parsed from a JSON string or an object, with
 * unknown parts kept as unknown, and three-valued questions (true, false, or unknown) about
 * what they allow.
 */
import { POD_IDENTITY_PRINCIPAL } from "../iam/trustPolicy";
import { wildcardMatch } from "./config";
import {
    asStrings,
    isObject,
    isUnknown,
    member,
    parseJson,
    Plain,
    PlainObject,
    Unknown,
    UNKNOWN,
} from "./values";

/** A yes/no answer that may not be known during preview. */
export type Tri = boolean | Unknown;

/** A list of strings in a statement, as IAM allows one string or a list. */
export type StringList = (string | Unknown)[] | Unknown;

/** One statement of a policy document. */
export interface Statement {
    effect: string | Unknown;
    action?: StringList;
    notAction?: StringList;
    resource?: StringList;
    notResource?: StringList;
    /** Principal kind (`Service`, `AWS`, `Federated`, `CanonicalUser`) to values. */
    principal?: { [kind: string]: StringList } | Unknown;
    condition?: Plain;
}

/** A parsed policy document; a statement that is not known yet is {@link UNKNOWN}. */
export interface PolicyDocumentView {
    statements: (Statement | Unknown)[];
}

/** True if any answer is true; unknown if none is but some are unknown; else false. */
export function anyTrue(answers: Tri[]): Tri {
    if (answers.some((answer) => answer === true)) {
        return true;
    }
    return answers.some(isUnknown) ? UNKNOWN : false;
}

function optionalList(statement: PlainObject, key: string): StringList | undefined {
    return key in statement ? asStrings(statement[key]) : undefined;
}

function parsePrincipal(value: Plain | undefined): Statement["principal"] {
    if (value === undefined) {
        return undefined;
    }
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    // "Principal": "*" means everyone, which IAM treats like {"AWS": "*"}.
    if (typeof value === "string") {
        return { AWS: [value] };
    }
    if (!isObject(value)) {
        return {};
    }
    const out: { [kind: string]: StringList } = {};
    for (const [kind, values] of Object.entries(value)) {
        out[kind] = asStrings(values);
    }
    return out;
}

function parseStatement(value: Plain): Statement | Unknown {
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    const statement = isObject(value) ? value : {};
    const effect = statement.Effect;
    return {
        effect: typeof effect === "string" || isUnknown(effect) ? effect : "",
        action: optionalList(statement, "Action"),
        notAction: optionalList(statement, "NotAction"),
        resource: optionalList(statement, "Resource"),
        notResource: optionalList(statement, "NotResource"),
        principal: parsePrincipal(statement.Principal),
        condition: statement.Condition,
    };
}

/**
 * Parses a policy document given as a JSON string (what IAM receives) or an object (what
 * Pulumi programs may pass, e.g. `assumeRolePolicy: { Version, Statement }`). Unknown when
 * the document is; undefined when absent or not a policy document.
 */
export function parsePolicyDocument(
    value: Plain | undefined,
): PolicyDocumentView | Unknown | undefined {
    const document = parseJson(value);
    if (isUnknown(document)) {
        return UNKNOWN;
    }
    if (!isObject(document)) {
        return undefined;
    }
    const statements = member(document, "Statement");
    if (isUnknown(statements)) {
        return { statements: [UNKNOWN] };
    }
    const list = Array.isArray(statements) ? statements : isObject(statements) ? [statements] : [];
    return { statements: list.map(parseStatement) };
}

/** Whether a list of IAM patterns matches a value; actions compare without case. */
export function listMatches(list: StringList | undefined, value: string, ignoreCase: boolean): Tri {
    if (list === undefined) {
        return false;
    }
    if (isUnknown(list)) {
        return UNKNOWN;
    }
    return anyTrue(
        list.map((pattern) =>
            isUnknown(pattern) ? UNKNOWN : wildcardMatch(pattern, value, ignoreCase),
        ),
    );
}

/** Whether an Allow statement allows an action (`Action` or `NotAction`); Deny gives false. */
export function allowsAction(statement: Statement | Unknown, action: string): Tri {
    if (isUnknown(statement) || isUnknown(statement.effect)) {
        return UNKNOWN;
    }
    if (statement.effect !== "Allow") {
        return false;
    }
    if (statement.action !== undefined) {
        return listMatches(statement.action, action, true);
    }
    if (statement.notAction !== undefined) {
        const excluded = listMatches(statement.notAction, action, true);
        return isUnknown(excluded) ? UNKNOWN : !excluded;
    }
    return false;
}

/** Whether a statement names the Pod Identity service principal. */
export function namesPodsPrincipal(statement: Statement | Unknown): Tri {
    if (isUnknown(statement)) {
        return UNKNOWN;
    }
    const principal = statement.principal;
    if (principal === undefined) {
        return false;
    }
    if (isUnknown(principal)) {
        return UNKNOWN;
    }
    const services = principal.Service;
    if (services === undefined) {
        return false;
    }
    if (isUnknown(services)) {
        return UNKNOWN;
    }
    return anyTrue(
        services.map((service) =>
            isUnknown(service) ? UNKNOWN : service.toLowerCase() === POD_IDENTITY_PRINCIPAL,
        ),
    );
}

/** The Allow statements of a trust policy that name `pods.eks.amazonaws.com`. */
export function podStatements(document: PolicyDocumentView): Statement[] {
    return document.statements.filter(
        (statement): statement is Statement =>
            !isUnknown(statement) &&
            statement.effect === "Allow" &&
            namesPodsPrincipal(statement) === true,
    );
}

/**
 * True when a part of the document unknown during preview could be one more statement
 * trusting the pods principal.
 */
export function mayHidePodStatements(document: PolicyDocumentView): boolean {
    return document.statements.some(
        (statement) =>
            isUnknown(statement) ||
            isUnknown(statement.effect) ||
            (statement.effect === "Allow" && isUnknown(namesPodsPrincipal(statement))),
    );
}

/**
 * Whether a trust policy trusts the Pod Identity principal at all. Unknown when the document,
 * or a statement or principal that could name it, is not known yet.
 */
export function trustsPods(document: PolicyDocumentView | Unknown | undefined): Tri {
    if (document === undefined) {
        return false;
    }
    if (isUnknown(document)) {
        return UNKNOWN;
    }
    return anyTrue(
        document.statements.map((statement) => {
            if (isUnknown(statement) || isUnknown(statement.effect)) {
                return UNKNOWN;
            }
            return statement.effect === "Allow" ? namesPodsPrincipal(statement) : false;
        }),
    );
}

/**
 * The actions that no Pod Identity statement of a trust policy allows, counting only those
 * certainly missing: an action an unknown part could still allow is not listed.
 */
export function missingPodActions(document: PolicyDocumentView, actions: string[]): string[] {
    if (mayHidePodStatements(document)) {
        return [];
    }
    const statements = podStatements(document);
    return actions.filter(
        (action) =>
            anyTrue(statements.map((statement) => allowsAction(statement, action))) === false,
    );
}

/** The known principals of a statement other than the Pod Identity service, as `Kind:value`. */
export function otherPrincipals(statement: Statement): string[] {
    const principal = statement.principal;
    if (principal === undefined || isUnknown(principal)) {
        return [];
    }
    const others: string[] = [];
    for (const [kind, values] of Object.entries(principal)) {
        if (isUnknown(values)) {
            continue;
        }
        for (const value of values) {
            if (isUnknown(value)) {
                continue;
            }
            if (kind === "Service" && value.toLowerCase() === POD_IDENTITY_PRINCIPAL) {
                continue;
            }
            others.push(`${kind}:${value}`);
        }
    }
    return others;
}

const ADMIN_ACTIONS = new Set(["*", "*:*"]);

/** The statements that certainly allow every action on every resource (`*` on `*`). */
export function adminStatements(document: PolicyDocumentView | Unknown | undefined): Statement[] {
    if (document === undefined || isUnknown(document)) {
        return [];
    }
    return document.statements.filter(
        (statement): statement is Statement =>
            !isUnknown(statement) &&
            statement.effect === "Allow" &&
            Array.isArray(statement.action) &&
            statement.action.some((action) => !isUnknown(action) && ADMIN_ACTIONS.has(action)) &&
            Array.isArray(statement.resource) &&
            statement.resource.includes("*"),
    );
}

/**
 * Whether a resource scope can cover an EKS cluster: `*`, an EKS ARN pattern, or
 * `NotResource`. Unknown when a resource entry is.
 */
function coversClusters(statement: Statement): Tri {
    if (statement.resource === undefined) {
        return statement.notResource !== undefined;
    }
    if (isUnknown(statement.resource)) {
        return UNKNOWN;
    }
    return anyTrue(
        statement.resource.map((resource) =>
            isUnknown(resource)
                ? UNKNOWN
                : resource === "*" || resource.toLowerCase().includes(":eks:"),
        ),
    );
}

/** Whether a permission policy grants an action on EKS clusters. */
export function grantsClusterAction(
    document: PolicyDocumentView | Unknown | undefined,
    action: string,
): Tri {
    if (document === undefined) {
        return false;
    }
    if (isUnknown(document)) {
        return UNKNOWN;
    }
    return anyTrue(
        document.statements.map((statement) => {
            const allowed = allowsAction(statement, action);
            if (allowed !== true || isUnknown(statement)) {
                return allowed;
            }
            return coversClusters(statement);
        }),
    );
}

/**
 * Whether a statement's conditions need session tags (`aws:RequestTag/...`), which EKS only
 * sends while session tags are on. Operators that also pass when the key is absent
 * (`...IfExists`, `Null`, `ForAllValues:...`) do not count.
 */
export function requiresRequestTags(statement: Statement): Tri {
    const condition = statement.condition;
    if (condition === undefined || condition === null) {
        return false;
    }
    if (isUnknown(condition)) {
        return UNKNOWN;
    }
    if (!isObject(condition)) {
        return false;
    }
    return anyTrue(
        Object.entries(condition).map(([operator, keys]) => {
            if (
                operator.endsWith("IfExists") ||
                operator === "Null" ||
                operator.startsWith("ForAllValues:")
            ) {
                return false;
            }
            if (isUnknown(keys)) {
                return UNKNOWN;
            }
            return isObject(keys)
                ? Object.keys(keys).some((key) => key.toLowerCase().startsWith("aws:requesttag/"))
                : false;
        }),
    );
}

const AWS_MANAGED_POLICY = /^arn:[^:]+:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/;

/** The name of an AWS managed policy from its ARN (any partition), else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
    return AWS_MANAGED_POLICY.exec(arn)?.[1];
}

/**
 * True when a policy ARN matches an option entry: a bare name matches the AWS managed policy
 * of that name in any partition; an entry starting with `arn:` matches ARNs (wildcards allowed).
 */
export function policyArnMatches(entries: string[], arn: string): boolean {
    const managed = awsManagedPolicyName(arn);
    return entries.some((entry) =>
        entry.startsWith("arn:") ? wildcardMatch(entry, arn) : entry === managed,
    );
}
