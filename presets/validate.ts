/** Validation of the `presets` argument, before any resource is created. */
import { Problems } from "../model/problems";
import { checkPresetOptionValues } from "../model/ruleChecks";
import { Preset } from "./preset";
import { PermissionPresets, PRESET_NAMES, PresetName, PRESETS } from "./registry";
import { isSessionTag, SessionTag } from "./sessionTags";

/** An option is missing when absent, or an empty plain list. */
function missing(value: unknown): boolean {
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * Checks the `presets` argument before anything is created: unknown presets, unknown options,
 * missing required options. Adds each problem with its property path (e.g.
 * `presets.externalDns.hostedZoneArns`, prefixed by `at`) and the fix, so they are reported
 * with the role's other problems. Returns the keys of the presets that are on.
 */
export function checkPresets(
    problems: Problems,
    presets: PermissionPresets | undefined,
    at = "",
): PresetName[] {
    const enabled: PresetName[] = [];
    for (const [key, options] of Object.entries(presets ?? {}) as [string, unknown][]) {
        if (options === undefined || options === null) {
            continue;
        }
        const path = `${at}presets.${key}`;
        if (!(PRESET_NAMES as string[]).includes(key)) {
            problems.add(
                path,
                `there is no preset "${key}"; the presets are: ${PRESET_NAMES.join(", ")}`,
            );
            continue;
        }
        const name = key as PresetName;
        const preset = PRESETS[name] as Preset<object>;
        if (typeof options !== "object" || Array.isArray(options)) {
            problems.add(
                path,
                `the ${preset.title} preset takes an object of options (use {} for the defaults)`,
            );
            continue;
        }
        const values = options as Record<string, unknown>;
        const known = preset.options as Record<string, string>;
        for (const option of Object.keys(values)) {
            if (!(option in known)) {
                problems.add(
                    `${path}.${option}`,
                    `the ${preset.title} preset has no option "${option}"; its options are: ${Object.keys(known).join(", ")}`,
                );
            }
        }
        for (const [option, value] of Object.entries(values)) {
            // By convention options named *SessionTag(s) hold session tag names: a typo there
            // would silently match no pod, so it is an error here.
            const tags = /SessionTags?$/.test(option) ? [value].flat() : [];
            const bad = tags.filter((tag) => typeof tag === "string" && !isSessionTag(tag));
            if (bad.length > 0) {
                problems.add(
                    `${path}.${option}`,
                    `${bad.join(", ")} is not a Pod Identity session tag; use ${Object.values(SessionTag).join(", ")}`,
                );
            }
        }
        for (const [option, kind] of Object.entries(known)) {
            if (kind === "required" && missing(values[option])) {
                problems.add(
                    `${path}.${option}`,
                    `the ${preset.title} preset requires "${option}"; set it (a non-empty list for lists)`,
                );
            }
        }
        // A switch turned off (`cloudwatchMetrics: false`) grants nothing, so it does not count.
        const oneOf = (preset.oneOf ?? []) as string[];
        if (
            oneOf.length > 0 &&
            oneOf.every((option) => missing(values[option]) || values[option] === false)
        ) {
            problems.add(
                path,
                `the ${preset.title} preset needs at least one of: ${oneOf.join(", ")}`,
            );
        }
        checkPresetOptionValues(problems, path, name, values);
        enabled.push(name);
    }
    return enabled;
}

/** The keys of the presets that are on (those given options). */
export function enabledPresetNames(presets: PermissionPresets | undefined): PresetName[] {
    return (Object.entries(presets ?? {}) as [string, unknown][])
        .filter(
            ([key, options]) =>
                options !== undefined &&
                options !== null &&
                (PRESET_NAMES as string[]).includes(key),
        )
        .map(([key]) => key as PresetName);
}
