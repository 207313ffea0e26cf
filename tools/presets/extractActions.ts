/**
 * Reads the IAM actions out of an upstream policy as it is published: a JSON policy file, a
 * JSON block of a Markdown page, or the policy documents of a CloudFormation template.
 */

/**
 * How an upstream document holds its policy: a JSON policy, the JSON block after a heading of a
 * Markdown page, a CloudFormation template's policy documents, or a Markdown bullet list of
 * operation names after a heading (`* PutLogEvents`), which `service` prefixes.
 */
export type DocumentFormat = "json" | "markdown" | "markdown-list" | "cloudformation";

/** One document of an upstream policy, in its repository at the preset's version. */
export interface UpstreamDocument {
    /** The file's path in the repository. */
    path: string;
    /** How the file holds the policy. */
    format: DocumentFormat;
    /**
     * Markdown only: text (a heading) after which the policy's code block starts; the first code
     * block with an `"Action"` after it is read. Default: the page's first such block.
     */
    after?: string;
    /** `markdown-list` only: the IAM service prefix of the listed operations (`logs`). */
    service?: string;
}

/**
 * The operation names of the first bullet list after `after`, each prefixed with `service`:
 * `* DescribeLogStreams (when ...)` is `logs:DescribeLogStreams`.
 */
function markdownListActions(text: string, after: string | undefined, service: string): string[] {
    const start = after === undefined ? 0 : text.indexOf(after);
    if (start < 0) {
        throw new Error(`no "${after}" in the page`);
    }
    const actions: string[] = [];
    for (const line of text.slice(start).split("\n").slice(1)) {
        const bullet = /^\s*[*-]\s+`?([A-Z][A-Za-z0-9]+)`?\b/.exec(line);
        if (bullet) {
            actions.push(`${service}:${bullet[1]}`);
        } else if (actions.length > 0 && line.trim() !== "") {
            break;
        }
    }
    return actions;
}

/** Every `"Action": "x"` or `"Action": ["x", ...]` in a policy text, in order. */
function quotedActions(text: string): string[] {
    const actions: string[] = [];
    for (const match of text.matchAll(/"Action"\s*:\s*("[^"]*"|\[[^\]]*\])/g)) {
        actions.push(...[...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]));
    }
    return actions;
}

/** The first fenced code block with an `"Action"` after `after` (or from the start). */
function markdownPolicyBlock(text: string, after: string | undefined): string {
    const start = after === undefined ? 0 : text.indexOf(after);
    if (start < 0) {
        throw new Error(`no "${after}" in the page`);
    }
    for (const block of text.slice(start).matchAll(/```[^\n]*\n([\s\S]*?)```/g)) {
        if (block[1].includes('"Action"')) {
            return block[1];
        }
    }
    throw new Error(`no policy code block after "${after ?? "the start"}"`);
}

/**
 * The JSON policy documents of a CloudFormation template's `PolicyDocument: !Sub |` blocks
 * (Karpenter's templates write them as JSON strings); trust policies and queue policies, written
 * as YAML, are not the controller's permissions and are left out.
 */
function cloudFormationPolicyBlocks(text: string): string {
    const blocks: string[] = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const head = /^(\s*)PolicyDocument:\s*!Sub\s*\|\s*$/.exec(lines[i]);
        if (!head) {
            continue;
        }
        const indent = head[1].length;
        const body: string[] = [];
        for (i++; i < lines.length; i++) {
            const line = lines[i];
            if (line.trim() !== "" && line.length - line.trimStart().length <= indent) {
                i--;
                break;
            }
            body.push(line);
        }
        blocks.push(body.join("\n"));
    }
    return blocks.join("\n");
}

/** The sorted, distinct actions of one upstream document's text. */
export function extractActions(text: string, document: UpstreamDocument): string[] {
    if (document.format === "markdown-list") {
        if (!document.service) {
            throw new Error(`${document.path}: a markdown-list document needs its service prefix`);
        }
        const listed = [...new Set(markdownListActions(text, document.after, document.service))];
        if (listed.length === 0) {
            throw new Error(`${document.path}: no listed actions found`);
        }
        return listed.sort();
    }
    const policy =
        document.format === "markdown"
            ? markdownPolicyBlock(text, document.after)
            : document.format === "cloudformation"
              ? cloudFormationPolicyBlocks(text)
              : text;
    const actions = [...new Set(quotedActions(policy))].sort();
    if (actions.length === 0) {
        throw new Error(`${document.path}: no actions found`);
    }
    return actions;
}
