/**
 * The add-on side of the program-wide record of which service accounts get a role, so that
 * two associations for one cluster, namespace and service account are refused before
 * anything is created (EKS refuses the second with 409 ResourceInUseException).
 */
import * as pulumi from "@pulumi/pulumi";
import { known } from "../validation/problems";

/** One add-on association about to be created. */
export interface AddonClaim {
    clusterName: pulumi.Input<string>;
    /** The AWS provider the add-on is created with (account and region); undefined: the default. */
    provider?: pulumi.ProviderResource;
    namespace?: string;
    serviceAccount: string;
    /** Who claims it, for the message, e.g. `PodIdentityAddon "ebs"`. */
    owner: string;
}

type Claims = (AddonClaim & { clusterName: string })[];

// One record per program: keyed by the stack resource, so that programs evaluated one after
// another in one process (tests, the offline plan) do not see each other's claims.
const byProgram = new WeakMap<object, Claims>();
const outsideAStack: Claims = [];

function programClaims(): Claims {
    const stack = pulumi.runtime.getStackResource();
    if (!stack) {
        return outsideAStack;
    }
    const found = byProgram.get(stack) ?? [];
    byProgram.set(stack, found);
    return found;
}

/**
 * Records the claim; returns why it cannot be made when another add-on of this program already
 * associates the same service account on the same cluster. Claims whose cluster name is not
 * known yet are not judged.
 */
export function claimAddonServiceAccount(claim: AddonClaim): string | undefined {
    const clusterName = known(claim.clusterName);
    if (clusterName === undefined) {
        return undefined;
    }
    const claims = programClaims();
    const other = claims.find(
        (c) =>
            c.clusterName === clusterName &&
            c.provider === claim.provider &&
            c.namespace === claim.namespace &&
            c.serviceAccount === claim.serviceAccount,
    );
    if (other) {
        return (
            `${claim.namespace ?? "(add-on namespace)"}/${claim.serviceAccount} on cluster ` +
            `"${clusterName}" is already associated by ${other.owner}: EKS allows one association ` +
            `per service account (409 "Association already exists"). Keep one.`
        );
    }
    claims.push({ ...claim, clusterName });
    return undefined;
}
