/** What the verification Job is built from: its settings with every default filled in. */

// JSDoc below avoids {@link}: the component schema copies these comments into the SDKs of
// other languages.

/** A toleration of the verification pod, as Kubernetes' Toleration. */
export interface VerifyToleration {
    /** The taint key; empty with operator `Exists` tolerates every taint. Default: none. */
    key?: string;
    /** `Equal` or `Exists`. Default: `Equal`. */
    operator?: string;
    /** The taint value, with `Equal`. Default: none. */
    value?: string;
    /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty matches every effect. Default: none. */
    effect?: string;
    /** With `NoExecute`: how long the pod stays once the taint appears. Default: none. */
    tolerationSeconds?: number;
}

/** A verification with every default filled in. */
export interface ResolvedVerify {
    callerIdentity: boolean;
    image: string;
    imagePullSecrets: string[];
    nodeSelector: { [key: string]: string };
    tolerations: VerifyToleration[];
    backoffLimit: number;
    activeDeadlineSeconds: number;
    timeoutSeconds: number;
    ttlSecondsAfterFinished?: number;
}
