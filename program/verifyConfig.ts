/**
 * Shape checks of the `verify` configuration key (also a service account's `verify`) and of a
 * service account's `adopt`: types and known keys; what the values mean is judged by the
 * components' own checks (model/verify.ts, model/adopt.ts), by configuration key.
 */
import type { FleetAdoptOptions, VerifyOptions } from "../index";
import {
    checkBoolean,
    checkInteger,
    checkObject,
    checkString,
    checkStringList,
    checkStringMap,
    optional,
    Problems,
} from "./checks";

const VERIFY_KEYS = [
    "enabled",
    "callerIdentity",
    "image",
    "imagePullSecrets",
    "nodeSelector",
    "tolerations",
    "backoffLimit",
    "activeDeadlineSeconds",
    "timeoutSeconds",
    "ttlSecondsAfterFinished",
];

const TOLERATION_KEYS = ["key", "operator", "value", "effect", "tolerationSeconds"];

// Whole numbers in range for the shape; the components judge what they mean together.
const SECONDS = { min: 0, max: 2_147_483_647 };

/** A `verify` object: `{}` turns the check on with its defaults. */
export function checkVerifyConfig(
    value: unknown,
    path: string,
    problems: Problems,
): VerifyOptions | undefined {
    const verify = checkObject(value, path, problems, VERIFY_KEYS);
    if (!verify) {
        return undefined;
    }
    const before = problems.list.length;
    for (const flag of ["enabled", "callerIdentity"]) {
        optional(verify, flag, path, (v, p) => checkBoolean(v, p, problems));
    }
    optional(verify, "image", path, (v, p) => checkString(v, p, problems));
    optional(verify, "imagePullSecrets", path, (v, p) => checkStringList(v, p, problems));
    optional(verify, "nodeSelector", path, (v, p) => checkStringMap(v, p, problems));
    optional(verify, "tolerations", path, (v, p) => checkTolerations(v, p, problems));
    for (const number of [
        "backoffLimit",
        "activeDeadlineSeconds",
        "timeoutSeconds",
        "ttlSecondsAfterFinished",
    ]) {
        optional(verify, number, path, (v, p) => checkInteger(v, p, problems, SECONDS));
    }
    return problems.list.length === before ? verify : undefined;
}

function checkTolerations(value: unknown, path: string, problems: Problems): unknown {
    if (!Array.isArray(value)) {
        problems.add(path, "must be a list of { key, operator, value, effect } tolerations");
        return undefined;
    }
    value.forEach((item, index) => {
        const at = `${path}[${index}]`;
        const toleration = checkObject(item, at, problems, TOLERATION_KEYS);
        if (!toleration) {
            return;
        }
        for (const text of ["key", "operator", "value", "effect"]) {
            optional(toleration, text, at, (v, p) => checkString(v, p, problems));
        }
        optional(toleration, "tolerationSeconds", at, (v, p) =>
            checkInteger(v, p, problems, SECONDS),
        );
    });
    return value;
}

const ADOPT_KEYS = ["associationId", "associationIds", "serviceAccount", "namespace"];

/** A service account's `adopt` object. */
export function checkAdoptConfig(
    value: unknown,
    path: string,
    problems: Problems,
): FleetAdoptOptions | undefined {
    const adopt = checkObject(value, path, problems, ADOPT_KEYS);
    if (!adopt) {
        return undefined;
    }
    const before = problems.list.length;
    optional(adopt, "associationId", path, (v, p) => checkString(v, p, problems));
    optional(adopt, "associationIds", path, (v, p) => checkStringMap(v, p, problems));
    for (const flag of ["serviceAccount", "namespace"]) {
        optional(adopt, flag, path, (v, p) => checkBoolean(v, p, problems));
    }
    return problems.list.length === before ? adopt : undefined;
}
