/**
 * `verify`: the proof, per service account, that its pods get working Pod Identity credentials
 * (a Kubernetes Job, see kubernetes/verify/ and docs/verify.md). Its arguments, how a fleet's
 * setting and a service account's combine, the defaults filled in, and the checks that refuse
 * bad values before anything is created.
 */
import {
    DEFAULT_ACTIVE_DEADLINE_SECONDS,
    DEFAULT_BACKOFF_LIMIT,
    DEFAULT_TIMEOUT_SECONDS,
    DEFAULT_VERIFY_IMAGE,
} from "../kubernetes/verify/defaults";
import type { ResolvedVerify, VerifyToleration } from "../kubernetes/verify/settings";
import { Problems } from "./problems";
import { serviceAccountNameProblem } from "./rules/kubernetes";

export type { ResolvedVerify, VerifyToleration } from "../kubernetes/verify/settings";

// JSDoc below avoids {@link}: the component schema copies these comments into the SDKs of
// other languages.

/**
 * The proof that a service account's pods get working Pod Identity credentials: after the
 * association and the role's permissions exist, a Kubernetes Job in the service account's
 * namespace runs one pod as that service account; it passes only when EKS injected the
 * credentials variables and the Pod Identity agent answered the pod's token with credentials.
 * `ready` resolves only after it passed, and `pulumi up` fails with the pod's reason when it
 * did not. Off unless given; every pod it runs is small and finishes in seconds.
 */
export interface VerifyOptions {
    /**
     * Run the check. `false` turns it off, e.g. for one service account of a PodIdentity whose
     * `verify` covers the others. Default: true once `verify` is given.
     */
    enabled?: boolean;
    /**
     * Also run `aws sts get-caller-identity` in the pod and require the association's role (or
     * its target role, with `targetRoleArn`) to be named. Needs an `image` with /bin/sh, curl
     * and the AWS CLI v2. Default: false.
     */
    callerIdentity?: boolean;
    /**
     * The check's image: it needs /bin/sh and curl (and the AWS CLI with `callerIdentity`).
     * Default: curlimages/curl pinned by digest (see docs/verify.md for its source).
     */
    image?: string;
    /** Names of Secrets in the namespace for pulling `image`. Default: none. */
    imagePullSecrets?: string[];
    /** Node labels the pod must match, to run where the workload runs. Default: none. */
    nodeSelector?: { [key: string]: string };
    /** Taints the pod tolerates, to run where the workload runs. Default: none. */
    tolerations?: VerifyToleration[];
    /**
     * Retries (Kubernetes `backoffLimit`), each a new pod and so a new admission, which picks
     * up an association that took effect late. Default: 4.
     */
    backoffLimit?: number;
    /** Seconds the Job may run in all (Kubernetes `activeDeadlineSeconds`). Default: 300. */
    activeDeadlineSeconds?: number;
    /** Seconds the check waits for the agent (and STS) per request. Default: 5. */
    timeoutSeconds?: number;
    /**
     * Let Kubernetes delete the finished Job after this many seconds
     * (`ttlSecondsAfterFinished`). The next `pulumi refresh` then drops it from the stack and
     * the next `pulumi up` runs the check again. Default: none (the finished Job stays).
     */
    ttlSecondsAfterFinished?: number;
}

/**
 * A service account's own `verify` over its component's, field by field (its `enabled: false`
 * turns off what the component turns on); undefined when neither is given.
 */
export function combineVerify(
    component: VerifyOptions | undefined,
    own: VerifyOptions | undefined,
): VerifyOptions | undefined {
    if (component === undefined && own === undefined) {
        return undefined;
    }
    return { ...component, ...definedOnly(own ?? {}) };
}

/** A `verify` setting with every default filled in; undefined when it is off. */
export function resolveVerify(verify: VerifyOptions | undefined): ResolvedVerify | undefined {
    if (verify === undefined || verify.enabled === false) {
        return undefined;
    }
    return {
        callerIdentity: verify.callerIdentity ?? false,
        image: verify.image ?? DEFAULT_VERIFY_IMAGE,
        imagePullSecrets: verify.imagePullSecrets ?? [],
        nodeSelector: verify.nodeSelector ?? {},
        tolerations: verify.tolerations ?? [],
        backoffLimit: verify.backoffLimit ?? DEFAULT_BACKOFF_LIMIT,
        activeDeadlineSeconds: verify.activeDeadlineSeconds ?? DEFAULT_ACTIVE_DEADLINE_SECONDS,
        timeoutSeconds: verify.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        ttlSecondsAfterFinished: verify.ttlSecondsAfterFinished,
    };
}

function definedOnly(options: VerifyOptions): VerifyOptions {
    return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

const OPERATORS = ["Equal", "Exists"];
const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
// Kubernetes label values: at most 63 characters, alphanumerics, '-', '_', '.', starting and
// ending with an alphanumeric (apimachinery validation.IsValidLabelValue).
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// A label key: an optional DNS subdomain prefix and '/', then a name like a label value.
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function wholeNumber(
    problems: Problems,
    path: string,
    value: number | undefined,
    range: { min: number; max?: number },
    what: string,
): void {
    if (value === undefined) {
        return;
    }
    const { min, max } = range;
    if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
        const bounds = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
        problems.add(path, `${String(value)} is not ${what}: use a whole number ${bounds}.`);
    }
}

function labelKeyProblem(key: string): string | undefined {
    const slash = key.lastIndexOf("/");
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const prefixValid = prefix === undefined || serviceAccountNameProblem(prefix) === undefined;
    if (!prefixValid || name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
        return `"${key}" is not a Kubernetes label key: a name of at most 63 letters, digits, '-', '_' and '.', optionally after a DNS prefix and '/' (e.g. "karpenter.sh/nodepool").`;
    }
    return undefined;
}

/** Problems in PodIdentityBinding's `verify` (`at` prefixes property paths, e.g. `verify.`). */
export function checkVerify(
    problems: Problems,
    verify: VerifyOptions | undefined,
    at: string,
): void {
    checkVerifyFields(problems, verify, at);
    checkVerifyCombination(problems, verify, at);
}

/**
 * Problems in a fleet's `verify` and its service accounts' own, each judged as it combines
 * with the fleet's (a service account's `image` can make the fleet's `callerIdentity` work).
 */
export function checkFleetVerify(
    problems: Problems,
    fleet: VerifyOptions | undefined,
    lists: { at: string; serviceAccounts: { verify?: VerifyOptions }[] }[],
): void {
    checkVerifyFields(problems, fleet, "verify.");
    const fleetAlone = lists.some((list) =>
        list.serviceAccounts.some((sa) => sa.verify === undefined),
    );
    if (fleetAlone) {
        checkVerifyCombination(problems, fleet, "verify.");
    }
    for (const list of lists) {
        list.serviceAccounts.forEach((sa, i) => {
            const at = `${list.at}[${i}].verify.`;
            checkVerifyFields(problems, sa.verify, at);
            if (sa.verify !== undefined) {
                checkVerifyCombination(problems, combineVerify(fleet, sa.verify), at);
            }
        });
    }
}

/** Problems in the fields of one `verify` setting, each on its own. */
function checkVerifyFields(
    problems: Problems,
    verify: VerifyOptions | undefined,
    at: string,
): void {
    if (verify === undefined) {
        return;
    }
    if (verify.image !== undefined && (verify.image.trim() === "" || /\s/.test(verify.image))) {
        problems.add(
            `${at}image`,
            `"${verify.image}" is not an image reference: give one such as "registry/name:tag@sha256:<digest>".`,
        );
    }
    (verify.imagePullSecrets ?? []).forEach((secret, i) => {
        if (serviceAccountNameProblem(secret) !== undefined) {
            problems.add(
                `${at}imagePullSecrets[${i}]`,
                `"${secret}" is not a Kubernetes Secret name: use lower-case letters, digits, '-' and '.' (DNS-1123 subdomain).`,
            );
        }
    });
    for (const [key, value] of Object.entries(verify.nodeSelector ?? {})) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) {
            problems.add(`${at}nodeSelector`, keyProblem);
        }
        if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
            problems.add(
                `${at}nodeSelector["${key}"]`,
                `"${String(value)}" is not a Kubernetes label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.`,
            );
        }
    }
    (verify.tolerations ?? []).forEach((toleration, i) => {
        checkToleration(problems, toleration, `${at}tolerations[${i}]`);
    });
    wholeNumber(
        problems,
        `${at}backoffLimit`,
        verify.backoffLimit,
        { min: 0, max: 100 },
        "a number of retries",
    );
    wholeNumber(
        problems,
        `${at}activeDeadlineSeconds`,
        verify.activeDeadlineSeconds,
        { min: 1 },
        "a deadline in seconds",
    );
    wholeNumber(
        problems,
        `${at}timeoutSeconds`,
        verify.timeoutSeconds,
        { min: 1, max: 60 },
        "a request timeout in seconds",
    );
    wholeNumber(
        problems,
        `${at}ttlSecondsAfterFinished`,
        verify.ttlSecondsAfterFinished,
        { min: 0 },
        "a number of seconds",
    );
}

/** Problems in how the fields of one (merged) `verify` setting go together. */
function checkVerifyCombination(
    problems: Problems,
    verify: VerifyOptions | undefined,
    at: string,
): void {
    if (verify === undefined || verify.enabled === false) {
        return;
    }
    if (verify.callerIdentity === true && verify.image === undefined) {
        problems.add(
            `${at}callerIdentity`,
            "the default image has curl but no AWS CLI, which `aws sts get-caller-identity` needs: set image to one with /bin/sh, curl and the AWS CLI v2, or drop callerIdentity.",
        );
    }
    const deadline = verify.activeDeadlineSeconds ?? DEFAULT_ACTIVE_DEADLINE_SECONDS;
    const timeout = verify.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (Number.isInteger(deadline) && Number.isInteger(timeout) && timeout >= deadline) {
        problems.add(
            `${at}activeDeadlineSeconds`,
            `${deadline} s leaves no time for a check that may wait ${timeout} s per request: make activeDeadlineSeconds larger than timeoutSeconds (default deadline ${DEFAULT_ACTIVE_DEADLINE_SECONDS} s).`,
        );
    }
}

function checkToleration(problems: Problems, toleration: VerifyToleration, at: string): void {
    const operator = toleration.operator ?? "Equal";
    if (!OPERATORS.includes(operator)) {
        problems.add(
            `${at}.operator`,
            `"${operator}" is not a toleration operator: use "Equal" or "Exists".`,
        );
    }
    if (
        toleration.effect !== undefined &&
        toleration.effect !== "" &&
        !EFFECTS.includes(toleration.effect)
    ) {
        problems.add(
            `${at}.effect`,
            `"${toleration.effect}" is not a taint effect: use "NoSchedule", "PreferNoSchedule" or "NoExecute" (or leave it out for all).`,
        );
    }
    if (operator === "Exists" && toleration.value !== undefined && toleration.value !== "") {
        problems.add(
            `${at}.value`,
            'operator "Exists" matches any value: drop value, or use operator "Equal".',
        );
    }
    if (operator === "Equal" && (toleration.key ?? "") === "") {
        problems.add(
            `${at}.key`,
            'operator "Equal" needs a key; to tolerate every taint use operator "Exists" without a key.',
        );
    }
    if (toleration.tolerationSeconds !== undefined) {
        if (toleration.effect !== "NoExecute") {
            problems.add(
                `${at}.tolerationSeconds`,
                'only a "NoExecute" toleration has tolerationSeconds: set effect "NoExecute" or drop it.',
            );
        }
        wholeNumber(
            problems,
            `${at}.tolerationSeconds`,
            toleration.tolerationSeconds,
            { min: 0 },
            "a number of seconds",
        );
    }
}
