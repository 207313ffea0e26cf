/**
 * A tiny IAM policy evaluator for trust policies, covering exactly what this package emits:
 * Allow/Deny statements with `Principal.AWS` / `Principal.Service`, `Action` lists, and the
 * condition operators StringEquals, StringLike, ArnEquals and ArnLike. Anything else throws,
 * so a policy that grows a construct the evaluator does not know fails loudly instead of
 * being judged wrongly.
 */

/** The request STS evaluates a role's trust policy against. */
export interface TrustRequest {
    /** The caller. For a role session this is the role's ARN (what `aws:PrincipalARN` holds). */
    principalArn?: string;
    /** A service principal making the call, e.g. `pods.eks.amazonaws.com`. */
    service?: string;
    /** `sts:AssumeRole`, `sts:TagSession`, ... */
    action: string;
    /** Session tags sent with the request (`aws:RequestTag/<key>`). */
    requestTags?: Record<string, string>;
    /** `sts:ExternalId`. */
    externalId?: string;
}

export type Decision = "Allow" | "ImplicitDeny" | "ExplicitDeny";

interface Statement {
    Effect: string;
    Principal?: { AWS?: string | string[]; Service?: string | string[] };
    Action?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
    [other: string]: unknown;
}

const KNOWN_MEMBERS = new Set(["Sid", "Effect", "Principal", "Action", "Condition"]);

function list(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** IAM wildcard matching: `*` any run of characters, `?` exactly one. */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
    const source = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, caseInsensitive ? "i" : "").test(value);
}

/** The six colon-separated parts of an ARN (the resource part may contain colons). */
function arnParts(arn: string): string[] | undefined {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** ArnEquals / ArnLike: each of the six parts matched separately, wildcards allowed. */
export function arnMatch(pattern: string, value: string): boolean {
    const p = arnParts(pattern);
    const v = arnParts(value);
    return !!p && !!v && p.every((part, i) => globMatch(part, v[i]));
}

function accountOf(principalArn: string): string | undefined {
    return arnParts(principalArn)?.[4];
}

function partitionOf(principalArn: string): string | undefined {
    return arnParts(principalArn)?.[1];
}

function contextValue(key: string, request: TrustRequest): string | undefined {
    if (key === "aws:PrincipalARN") {
        return request.principalArn;
    }
    if (key === "aws:PrincipalAccount") {
        return request.principalArn ? accountOf(request.principalArn) : undefined;
    }
    if (key === "sts:ExternalId") {
        return request.externalId;
    }
    if (key.startsWith("aws:RequestTag/")) {
        return request.requestTags?.[key.slice("aws:RequestTag/".length)];
    }
    throw new Error(`the evaluator does not know the condition key ${key}`);
}

const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
    StringEquals: (pattern, value) => pattern === value,
    StringLike: (pattern, value) => globMatch(pattern, value),
    ArnEquals: arnMatch,
    ArnLike: arnMatch,
};

function conditionsHold(statement: Statement, request: TrustRequest): boolean {
    // Operators AND, keys within an operator AND, values of a key OR; a key missing from the
    // request fails its condition (no ...IfExists operators are emitted).
    return Object.entries(statement.Condition ?? {}).every(([operator, keys]) => {
        const test = OPERATORS[operator];
        if (!test) {
            throw new Error(`the evaluator does not know the condition operator ${operator}`);
        }
        return Object.entries(keys).every(([key, values]) => {
            const actual = contextValue(key, request);
            return actual !== undefined && list(values).some((pattern) => test(pattern, actual));
        });
    });
}

function principalMatches(statement: Statement, request: TrustRequest): boolean {
    const principal = statement.Principal;
    if (!principal) {
        throw new Error("a trust policy statement needs a Principal");
    }
    if (request.service && list(principal.Service).includes(request.service)) {
        return true;
    }
    const arn = request.principalArn;
    if (!arn) {
        return false;
    }
    return list(principal.AWS).some((entry) => {
        if (entry === "*" || entry === arn) {
            return true;
        }
        // An account root, or a bare account id, stands for every principal of that account.
        const root = /^arn:([^:]+):iam::(\d{12}):root$/.exec(entry);
        if (root) {
            return root[1] === partitionOf(arn) && root[2] === accountOf(arn);
        }
        return /^\d{12}$/.test(entry) && entry === accountOf(arn);
    });
}

function actionMatches(statement: Statement, action: string): boolean {
    return list(statement.Action).some((pattern) => globMatch(pattern, action, true));
}

/** How IAM would decide `request` against a trust policy (a document or its JSON). */
export function evaluateTrust(policy: unknown, request: TrustRequest): Decision {
    const document = (typeof policy === "string" ? JSON.parse(policy) : policy) as {
        Statement: Statement | Statement[];
    };
    const statements = Array.isArray(document.Statement)
        ? document.Statement
        : [document.Statement];
    let allowed = false;
    for (const statement of statements) {
        for (const member of Object.keys(statement)) {
            if (!KNOWN_MEMBERS.has(member)) {
                throw new Error(`the evaluator does not know the statement member ${member}`);
            }
        }
        const applies =
            principalMatches(statement, request) &&
            actionMatches(statement, request.action) &&
            conditionsHold(statement, request);
        if (applies && statement.Effect === "Deny") {
            return "ExplicitDeny";
        }
        allowed ||= applies && statement.Effect === "Allow";
    }
    return allowed ? "Allow" : "ImplicitDeny";
}

/**
 * What EKS Pod Identity asks STS when it chains into a target role: `sts:AssumeRole` with
 * session tags (or an external id), which also needs `sts:TagSession`. Allowed only when both
 * actions are.
 */
export function chainAllowed(policy: unknown, request: Omit<TrustRequest, "action">): boolean {
    return ["sts:AssumeRole", "sts:TagSession"].every(
        (action) => evaluateTrust(policy, { ...request, action }) === "Allow",
    );
}
