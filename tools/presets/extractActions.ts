/**
 * Reads the IAM actions out of an upstream policy as it is published: a JSON policy file, a
 * JSON block of a Markdown page, or the policy documents of a CloudFormation template.
 */

/** How an upstream document holds its policy. */
export type DocumentFormat = "json" | "markdown" | "cloudformation";

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
