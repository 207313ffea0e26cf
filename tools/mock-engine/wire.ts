/**
 * Decoding of the Pulumi wire format (what the SDK sends the engine) into plain values a
 * person or a policy can read: secrets, unknowns and resource references are special objects
 * on the wire.
 */
import {
    specialOutputValueSig as OUTPUT_SIG,
    specialResourceSig as RESOURCE_SIG,
    specialSecretSig as SECRET_SIG,
    specialSigKey as SIG_KEY,
    unknownValue,
} from "@pulumi/pulumi/runtime/rpc";

/** The wire value of a property that is not known until the resource is created (preview). */
export const UNKNOWN = unknownValue;

/** What a decoded secret or unknown turns into. */
export interface DecodeOptions {
    /** Replace secret values with this string instead of revealing them. Default: reveal. */
    maskSecrets?: string;
    /** Replace unknown values with this. Default: `undefined`. */
    unknown?: unknown;
}

/** Converts a wire value into a plain JSON value. */
export function decodeWire(value: unknown, options: DecodeOptions = {}): unknown {
    if (value === UNKNOWN) {
        return options.unknown;
    }
    if (Array.isArray(value)) {
        return value.map((item) => decodeWire(item, options));
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        const sig = record[SIG_KEY];
        if (sig === SECRET_SIG) {
            return options.maskSecrets !== undefined
                ? options.maskSecrets
                : decodeWire(record.value, options);
        }
        if (sig === RESOURCE_SIG) {
            return record.urn;
        }
        if (sig === OUTPUT_SIG) {
            if (record.secret === true && options.maskSecrets !== undefined) {
                return options.maskSecrets;
            }
            return "value" in record ? decodeWire(record.value, options) : options.unknown;
        }
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(record)) {
            out[key] = decodeWire(item, options);
        }
        return out;
    }
    return value;
}

/** True when any part of a wire value is secret. */
export function containsSecret(value: unknown): boolean {
    if (Array.isArray(value)) {
        return value.some(containsSecret);
    }
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            return true;
        }
        if (record[SIG_KEY] === OUTPUT_SIG && record.secret === true) {
            return true;
        }
        return Object.values(record).some(containsSecret);
    }
    return false;
}
