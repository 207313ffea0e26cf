/**
 * Permission presets: least-privilege policies for well-known controllers and everyday
 * application access, one file per controller or service. This module is their public face:
 * the `presets` argument's types, the catalogue, validation and the resources a role gets.
 */
export * from "./options";
export { PermissionPresets, PresetName, PRESETS, PRESET_NAMES } from "./registry";
export { presetCatalog, PresetCatalogEntry, PresetOptionInfo } from "./catalog";
export { checkPresets, enabledPresetNames } from "./validate";
export { attachPresetPolicies, PresetAttachment, presetPolicy } from "./policies";
export { SessionTag } from "./sessionTags";
export { OmittedAction, UpstreamPart, UpstreamPolicy } from "./preset";
export {
    KnownMinimumVersion,
    MinimumVersion,
    NoMinimumVersionYet,
    UnverifiedMinimumVersion,
} from "./minimumVersion";
