/** Readers of `verify` and `adopt`, which the binding and the fleet (and its service accounts) take. */
import type { AdoptOptions, FleetAdoptOptions } from "../adopt";
import type { VerifyOptions, VerifyToleration } from "../verify";
import { flag, list, map, number, object, text } from "./read";

const toleration = object<VerifyToleration>(
    "a toleration { key, operator, value, effect, tolerationSeconds }",
    { key: text, operator: text, value: text, effect: text, tolerationSeconds: number },
);

/** `verify`: the verification Job's settings (model/verify.ts judges their values). */
export const verify = object<VerifyOptions>(
    "verification settings { enabled, callerIdentity, image, ... }",
    {
        enabled: flag,
        callerIdentity: flag,
        image: text,
        imagePullSecrets: list(text),
        nodeSelector: map(text),
        tolerations: list(toleration),
        backoffLimit: number,
        activeDeadlineSeconds: number,
        timeoutSeconds: number,
        ttlSecondsAfterFinished: number,
    },
);

const ADOPT = { associationId: text, serviceAccount: flag, namespace: flag };

/** A binding's `adopt`: what already exists, imported instead of created. */
export const adopt = object<AdoptOptions>(
    "adoptions { associationId, serviceAccount, namespace }",
    ADOPT,
);

/** A fleet service account's `adopt`, with the association ids by cluster key. */
export const fleetAdopt = object<FleetAdoptOptions>(
    "adoptions { associationId, associationIds, serviceAccount, namespace }",
    { ...ADOPT, associationIds: map(text) },
);
