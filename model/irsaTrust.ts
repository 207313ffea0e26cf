import { issuerOfOidcProviderArn } from "../iam/irsaTrust";
import { namespaceNameProblem, serviceAccountNameProblem } from "./rules/kubernetes";
import { known, Problems } from "./problems";

const ENTRY_HINT =
    'a list of { oidcProviderArn, serviceAccounts: ["namespace/name", ...] }, one per cluster';

/**
 * Problems in a role's `irsaTrust` (`at` prefixes property paths, e.g. `role.`). Reads the
 * value defensively: from stack configuration it may have any shape.
 */
export function checkIrsaTrust(problems: Problems, value: unknown, at = ""): void {
    if (value === undefined) {
        return;
    }
    const path = `${at}irsaTrust`;
    if (!Array.isArray(value)) {
        problems.add(path, `must be ${ENTRY_HINT}.`);
        return;
    }
    const providers = new Map<string, string>();
    value.forEach((entry: unknown, i) => {
        const where = `${path}[${i}]`;
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            problems.add(where, `must be an object; irsaTrust is ${ENTRY_HINT}.`);
            return;
        }
        const { oidcProviderArn, serviceAccounts } = entry as Record<string, unknown>;
        const arn = known(oidcProviderArn as string | undefined);
        if (oidcProviderArn === undefined) {
            problems.add(
                `${where}.oidcProviderArn`,
                "is missing: give the cluster's IAM OIDC provider ARN.",
            );
        } else if (
            arn !== undefined &&
            (typeof arn !== "string" || !issuerOfOidcProviderArn(arn))
        ) {
            problems.add(
                `${where}.oidcProviderArn`,
                `"${String(arn)}" is not an IAM OIDC provider ARN; expected ` +
                    `arn:aws:iam::<12-digit account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>.`,
            );
        } else if (typeof arn === "string") {
            const first = providers.get(arn);
            if (first) {
                problems.add(
                    where,
                    `trusts the same OIDC provider as ${first}: merge their service accounts into one entry.`,
                );
            } else {
                providers.set(arn, where);
            }
        }
        checkServiceAccountRefs(problems, serviceAccounts, `${where}.serviceAccounts`);
    });
}

function checkServiceAccountRefs(problems: Problems, value: unknown, path: string): void {
    if (!Array.isArray(value) || value.length === 0) {
        problems.add(
            path,
            'name at least one service account as "namespace/name", e.g. ["payments/api"].',
        );
        return;
    }
    value.forEach((ref: unknown, i) => {
        const where = `${path}[${i}]`;
        const parts = typeof ref === "string" ? ref.split("/") : [];
        if (parts.length !== 2) {
            problems.add(
                where,
                `${JSON.stringify(ref)} is not "namespace/name": IRSA trust pins each service ` +
                    `account exactly, e.g. "payments/api".`,
            );
            return;
        }
        const problem = namespaceNameProblem(parts[0]) ?? serviceAccountNameProblem(parts[1]);
        if (problem) {
            problems.add(where, problem);
        }
    });
}
