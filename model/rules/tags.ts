/**
 * Tags, on every resource this package tags (roles, preset policies, associations, add-ons).
 * IAM and EKS share the rules: at most 50 tags; keys of 1 to 128 characters and values of at
 * most 256, in the same character set; the `aws:` prefix (any case) is AWS's own.
 */
import { breach, defineRule, Rule } from "./rule";
import { SOURCES } from "./sources";

export const TAG_COUNT_RULE = defineRule({
    id: "tag-count",
    concern: "tags",
    rule: "a resource takes at most 50 tags",
    fix: "Drop some tags, or merge values into fewer keys.",
    source: SOURCES.eksTags,
});

export const TAG_KEY_RULE = defineRule({
    id: "tag-key",
    concern: "tags",
    rule: "tag keys have 1 to 128 characters: letters, digits, spaces and _ . : / = + - @, and do not start with aws: (in any case), which AWS keeps for itself",
    fix: "Rename the key.",
    source: SOURCES.iamTag,
});

export const TAG_VALUE_RULE = defineRule({
    id: "tag-value",
    concern: "tags",
    rule: "tag values have at most 256 characters: letters, digits, spaces and _ . : / = + - @",
    fix: "Shorten the value, or replace the other characters.",
    source: SOURCES.iamTag,
});

/** All the tag rules, for the catalogue. */
export const TAG_RULES: Rule[] = [TAG_COUNT_RULE, TAG_KEY_RULE, TAG_VALUE_RULE];

/** AWS's tag character set (IAM API reference, Tag: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Length in characters as AWS counts them (Unicode code points, not UTF-16 units). */
function characters(text: string): number {
    return [...text].length;
}

/** One problem of a tag map: where (the key, or the map itself) and why. */
export interface TagProblem {
    /** The tag's key; undefined for the map as a whole. */
    key?: string;
    reason: string;
}

/**
 * Everything wrong with a tag map whose keys are known; `known` gives each value when it is
 * known (Outputs are judged when they resolve, or not at all).
 */
export function tagProblems(
    tags: { [key: string]: unknown },
    known: (value: unknown) => string | undefined,
): TagProblem[] {
    const problems: TagProblem[] = [];
    const keys = Object.keys(tags);
    if (keys.length > 50) {
        problems.push({ reason: breach(TAG_COUNT_RULE, `${keys.length} tags`, "are too many") });
    }
    for (const key of keys) {
        const length = characters(key);
        if (length === 0 || length > 128) {
            problems.push({ key, reason: breach(TAG_KEY_RULE, key, `has ${length} characters`) });
        } else if (/^aws:/i.test(key)) {
            problems.push({
                key,
                reason: breach(TAG_KEY_RULE, key, 'starts with "aws:"', "Use another prefix."),
            });
        } else if (!TAG_CHARACTERS.test(key)) {
            problems.push({
                key,
                reason: breach(TAG_KEY_RULE, key, "has characters AWS does not allow in tag keys"),
            });
        }
        const value = known(tags[key]);
        if (value === undefined) {
            continue;
        }
        if (characters(value) > 256) {
            problems.push({
                key,
                reason: breach(TAG_VALUE_RULE, value, `has ${characters(value)} characters`),
            });
        } else if (!TAG_CHARACTERS.test(value)) {
            problems.push({
                key,
                reason: breach(
                    TAG_VALUE_RULE,
                    value,
                    "has characters AWS does not allow in tag values",
                ),
            });
        }
    }
    return problems;
}
