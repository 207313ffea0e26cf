/**
 * Why the application-access presets (`s3Read`, `sqsSend`, `kmsDecrypt`, ...) follow no upstream
 * policy: they serve any workload rather than one controller, so no project publishes a policy
 * for them; each grants the actions its service's API operations need (AWS's Service
 * Authorization Reference), checked by tests/presetCatalog.spec.ts.
 */
export const SERVICE_ACCESS_WITHOUT_UPSTREAM =
    "An application-access preset: no controller publishes a policy for it; it grants the actions the service's API operations need (Service Authorization Reference).";
