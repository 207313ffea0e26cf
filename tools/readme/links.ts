/**
 * The relative links of the documentation pages and the anchors their headings make, so a
 * spec (tests/readmeLinks.spec.ts) can check that every link of the README and docs/ leads
 * somewhere. Anchors follow GitHub's heading slugs (github-slugger, which github.com uses):
 * lower case, punctuation dropped, spaces to `-`, a repeated slug numbered `-1`, `-2`, ...
 */

/** The markdown without its fenced code blocks and inline code spans, where links are not links. */
export function proseOf(markdown: string): string {
    return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "``");
}

/** One relative link: the path (empty for the page itself) and the anchor, if any. */
export interface RelativeLink {
    target: string;
    path: string;
    anchor?: string;
}

/** The page's relative links `[text](target)`; web, mail and absolute links are left out. */
export function relativeLinks(markdown: string): RelativeLink[] {
    return [...proseOf(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
        .map((match) => match[1])
        .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("/"))
        .map((target) => {
            const hash = target.indexOf("#");
            return hash < 0
                ? { target, path: target }
                : { target, path: target.slice(0, hash), anchor: target.slice(hash + 1) };
        });
}

/** GitHub's slug of one heading's text. */
export function slugOf(heading: string): string {
    return heading
        .replace(/`/g, "")
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, "")
        .replace(/ /g, "-");
}

/** The anchors the page's headings make, numbered as GitHub numbers repeated ones. */
export function anchorsOf(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const anchors = new Set<string>();
    for (const match of markdown
        .replace(/^```[\s\S]*?^```/gm, "")
        .matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
        const slug = slugOf(match[1]);
        const count = seen.get(slug) ?? 0;
        seen.set(slug, count + 1);
        anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    return anchors;
}
