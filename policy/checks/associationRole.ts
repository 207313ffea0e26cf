/**
 * Stack rules that read an association together with its role.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { POD_IDENTITY_ACTIONS, POD_IDENTITY_PRINCIPAL } from "../../iam/trustPolicy";
import {
    allowsAction,
    mayHidePodStatements,
    missingPodActions,
    podStatements,
    requiresRequestTags,
    trustsPods,
} from "../iam";
import { ResourceView, TYPES, viewOfStackResource } from "../resources";
import { Finding, RoleView, StackIndex } from "../stack";
import { asBoolean, isUnknown } from "../values";

function rolesOfAssociations(stack: StackIndex): { association: ResourceView; role: RoleView }[] {
    return stack.ofType(TYPES.association).flatMap((association) => {
        const role = stack.roleByArn(association, association.props.roleArn, "roleArn");
        // A role outside the stack, or one the preview cannot pin down, is not judged.
        return role.kind === "found" ? [{ association, role: role.value }] : [];
    });
}

/**
 * Associations whose role (a role of this stack) has no Pod Identity trust policy: the pods
 * principal with both `sts:AssumeRole` and `sts:TagSession`. EKS refuses such an association.
 * Not judged while the trust policy is unknown during preview.
 */
export function associationTrustFindings(stack: StackIndex): Finding[] {
    return rolesOfAssociations(stack).flatMap(({ association, role }): Finding[] => {
        const trust = role.trust;
        if (trust === undefined || isUnknown(trust)) {
            return [];
        }
        const trusted = trustsPods(trust);
        if (trusted === false) {
            return [
                {
                    urn: association.urn,
                    message:
                        `association "${association.name}" uses role "${role.resource.name}", ` +
                        `whose trust policy does not trust ${POD_IDENTITY_PRINCIPAL}: EKS refuses ` +
                        `the association. Use a PodIdentityRole, or trust the principal with ` +
                        `${POD_IDENTITY_ACTIONS.join(" and ")}.`,
                },
            ];
        }
        const missing = trusted === true ? missingPodActions(trust, POD_IDENTITY_ACTIONS) : [];
        return missing.length === 0
            ? []
            : [
                  {
                      urn: association.urn,
                      message:
                          `association "${association.name}" uses role "${role.resource.name}", ` +
                          `whose trust policy does not allow ${missing.join(" and ")} for ` +
                          `${POD_IDENTITY_PRINCIPAL}: EKS refuses the association.`,
                  },
              ];
    });
}

/**
 * Associations with `disableSessionTags: true` whose role trusts the pods principal only on
 * `aws:RequestTag/...` conditions: without session tags those conditions never match, so
 * every pod is denied. Not judged while any of it is unknown during preview.
 */
export function sessionTagConditionFindings(stack: StackIndex): Finding[] {
    return rolesOfAssociations(stack).flatMap(({ association, role }): Finding[] => {
        const trust = role.trust;
        if (asBoolean(association.props.disableSessionTags) !== true) {
            return [];
        }
        if (trust === undefined || isUnknown(trust) || mayHidePodStatements(trust)) {
            return [];
        }
        const statements = podStatements(trust);
        const allows = statements.map((statement) => allowsAction(statement, "sts:AssumeRole"));
        const assuming = statements.filter((_, index) => allows[index] === true);
        if (
            allows.some(isUnknown) ||
            assuming.length === 0 ||
            !assuming.every((statement) => requiresRequestTags(statement) === true)
        ) {
            return [];
        }
        return [
            {
                urn: association.urn,
                message:
                    `association "${association.name}" disables session tags, but role ` +
                    `"${role.resource.name}" trusts ${POD_IDENTITY_PRINCIPAL} only on ` +
                    `aws:RequestTag conditions, which then never match: pods get no credentials. ` +
                    `Keep session tags on, or use a role without request-tag trust conditions.`,
            },
        ];
    });
}

/** `pod-identity-association-role-trust`: see {@link associationTrustFindings}. */
export const associationRoleTrustPolicy: StackValidationPolicy = {
    name: "pod-identity-association-role-trust",
    description:
        `Every Pod Identity association's role (when the stack defines it) trusts ` +
        `${POD_IDENTITY_PRINCIPAL} with sts:AssumeRole and sts:TagSession.`,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of associationTrustFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};

/** `pod-identity-session-tags-for-trust-conditions`: see {@link sessionTagConditionFindings}. */
export const sessionTagsForTrustConditionsPolicy: StackValidationPolicy = {
    name: "pod-identity-session-tags-for-trust-conditions",
    description:
        "An association that disables session tags does not use a role whose trust policy " +
        "matches on aws:RequestTag conditions (they would deny every pod).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const stack = new StackIndex(args.resources.map(viewOfStackResource));
        for (const finding of sessionTagConditionFindings(stack)) {
            reportViolation(finding.message, finding.urn);
        }
    },
};
