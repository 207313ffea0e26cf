import { stableStringify } from "../../core/json";
import { shortHash } from "../../core/names";

/** What a verification proves: the Job's name changes with any of it. */
export interface ProvenBinding {
    clusterName: string;
    namespace: string;
    serviceAccount: string;
    roleArn: string;
    targetRoleArn?: string;
}

/**
 * The verification Job's name: `pod-identity-verify-<hash>`, the hash of what it proves. A
 * change to any of it is a new name, so a new Job, so a new proof; the rest of the Job (its
 * pod template) cannot change in place anyway (Kubernetes: a Job's `spec.template` is
 * immutable, and @pulumi/kubernetes replaces a Job whose template changes). 30 characters: a
 * Job's name is copied into its pods' `job-name` label, which allows 63.
 */
export function verificationJobName(proven: ProvenBinding): string {
    return `pod-identity-verify-${shortHash(stableStringify(proven), 10)}`;
}
