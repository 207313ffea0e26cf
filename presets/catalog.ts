/** The public catalogue of presets, read by the README generator and the specs. */
import { MinimumVersion } from "./minimumVersion";
import { Preset, UpstreamPart, UpstreamPolicy } from "./preset";
import { PermissionPresets, PRESET_NAMES, PresetName, PRESETS } from "./registry";

/** One option of a preset, as the catalogue lists it. */
export interface PresetOptionInfo {
    /** The option's key in the preset's options. */
    name: string;
    /** True when the preset fails without it. */
    required: boolean;
}

/** One catalogue entry: a preset's key, documentation and options that produce a valid policy. */
export type PresetCatalogEntry = {
    [K in PresetName]-?: {
        /** The preset's key under `presets`. */
        name: K;
        /** The controller or service. */
        title: string;
        /** What the policy grants and how it is scoped. */
        description: string;
        /** The preset's options, required ones first. */
        options: PresetOptionInfo[];
        /** Options at least one of which must be set, if any. */
        oneOf: string[];
        /** Options that produce a valid, typical policy. */
        exampleOptions: NonNullable<PermissionPresets[K]>;
        /** The upstream policy the preset follows (source, version, omitted actions), if it follows one. */
        upstream?: UpstreamPolicy;
        /** The upstream policies it follows part by part (ADOT's collectors), if it follows several. */
        upstreamParts?: UpstreamPart[];
        /** Why no upstream policy exists to follow, if none does. */
        noUpstreamPolicy?: string;
        /** Controller presets: the first controller release that can use Pod Identity credentials. */
        minimumVersion?: MinimumVersion;
    };
}[PresetName];

function catalogEntry<K extends PresetName>(name: K): PresetCatalogEntry {
    const preset = PRESETS[name] as Preset<object>;
    const options = Object.entries(preset.options as Record<string, string>)
        .map(([option, kind]) => ({ name: option, required: kind === "required" }))
        .sort((a, b) => Number(b.required) - Number(a.required));
    return {
        name,
        title: preset.title,
        description: preset.description,
        options,
        oneOf: [...(preset.oneOf ?? [])],
        exampleOptions: preset.example as NonNullable<PermissionPresets[K]>,
        ...(preset.upstream ? { upstream: preset.upstream } : {}),
        ...(preset.upstreamParts ? { upstreamParts: preset.upstreamParts } : {}),
        ...(preset.noUpstreamPolicy !== undefined
            ? { noUpstreamPolicy: preset.noUpstreamPolicy }
            : {}),
        ...(preset.minimumVersion ? { minimumVersion: preset.minimumVersion } : {}),
    } as PresetCatalogEntry;
}

/**
 * Every permission preset: its key under `presets`, what it is for, its options and example
 * options. The README table is generated from it and the tests build every preset from it.
 */
export const presetCatalog: readonly PresetCatalogEntry[] = Object.freeze(
    PRESET_NAMES.map(catalogEntry),
);
