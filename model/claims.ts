/**
 * The program-wide register of the service accounts that components bind: EKS allows one
 * Pod Identity association per cluster, namespace and service account, and refuses a second
 * with 409 ResourceInUseException ("Association already exists", CreatePodIdentityAssociation
 * in the EKS API reference), also when an add-on's own association holds it: EKS creates and
 * owns the associations of an add-on's `podIdentityAssociations` with the add-on, and a
 * standalone association on the same service account fails with 409 (EKS User Guide, "IAM
 * roles for Amazon EKS add-ons", https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html).
 * Two components of one program that claim the same one (bindings and add-ons alike) are
 * refused here, naming both, instead of failing halfway through `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { CheckFailure, guardedBy } from "./checkFailure";

/** One service account a component binds on one cluster. */
export interface ServiceAccountClaim {
    /** The cluster's name. */
    clusterName: pulumi.Input<string>;
    /** The service account's namespace. */
    namespace: string;
    /** The service account's name. */
    serviceAccount: string;
    /**
     * The AWS provider the association goes through, which places the cluster (account and
     * region); undefined for the default provider. Claims through different provider objects
     * are taken as different clusters, since nothing tells otherwise before deployment.
     */
    awsProvider: pulumi.ProviderResource | undefined;
    /**
     * Where the cluster is, when the component builds its provider from settings (e.g.
     * region and assumed role): claims with equal placements meet whatever provider objects
     * were built for them. Takes the place of `awsProvider`. Default: none.
     */
    placement?: string;
    /** Who claims it, as an error names it, e.g. `PodIdentity "app" (clusters.prod)`. */
    claimant: string;
    /**
     * The EKS add-on whose own association this is (e.g. `aws-ebs-csi-driver`), for the
     * error's words. Default: none (a standalone association).
     */
    addon?: string;
    /**
     * The component this one is part of (its parent), when that component already claimed
     * the same add-on's association for it: PodIdentity claims its `addon` on every cluster
     * before creating anything, and the PodIdentityAddon it then creates shares that claim.
     * Default: none.
     */
    within?: pulumi.Resource;
}

/** Who holds a key, as a conflict names it. */
interface Holder extends Pick<ServiceAccountClaim, "claimant" | "addon"> {
    /** The component that claimed it. */
    owner: pulumi.Resource;
}

interface Register {
    /** The holder of each claimed key. */
    byKey: Map<string, Holder>;
    /** A number for each provider object, part of the keys. */
    providers: Map<pulumi.ProviderResource, number>;
}

// Where each provider a component built from settings places its cluster (see `placement`),
// so that the claims of components it is handed to meet those made with the settings.
const placements = new WeakMap<pulumi.ProviderResource, string>();

/**
 * Records that `provider` was built for `placement` (a claim's `placement`): claims through
 * it, e.g. of an add-on a fleet installs with it, count as made with that placement.
 */
export function placeProvider(provider: pulumi.ProviderResource, placement: string): void {
    placements.set(provider, placement);
}

// One register per program run: the SDK makes a new stack resource for each. Unit tests under
// `pulumi.runtime.setMocks` have no stack resource; each setMocks call makes a new monitor,
// the run of a test's program.
const registers = new WeakMap<object, Register>();
const outsideStack = {};

function register(): Register {
    const scope = pulumi.runtime.getStackResource() ?? pulumi.runtime.getMonitor() ?? outsideStack;
    let found = registers.get(scope);
    if (!found) {
        found = { byKey: new Map(), providers: new Map() };
        registers.set(scope, found);
    }
    return found;
}

function keyOf(reg: Register, claim: ServiceAccountClaim, clusterName: string): string {
    let provider: number | string = 0;
    const placement = claim.placement ?? (claim.awsProvider && placements.get(claim.awsProvider));
    if (placement !== undefined) {
        provider = placement;
    } else if (claim.awsProvider) {
        provider = reg.providers.get(claim.awsProvider) ?? reg.providers.size + 1;
        reg.providers.set(claim.awsProvider, provider);
    }
    return JSON.stringify([provider, clusterName, claim.namespace, claim.serviceAccount]);
}

function conflict(claim: ServiceAccountClaim, clusterName: string, holder: Holder): string {
    if (claim.addon !== undefined || holder.addon !== undefined) {
        return addonConflict(claim, clusterName, holder);
    }
    return (
        `${claim.claimant} binds service account ${claim.namespace}/${claim.serviceAccount} on ` +
        `cluster ${clusterName}, which ${holder.claimant} already binds: EKS allows one Pod ` +
        `Identity association per cluster, namespace and service account, and refuses a second with ` +
        `409 ResourceInUseException. Bind it in one component only, or use another service ` +
        `account.`
    );
}

/** How a conflict names a claimant: an add-on's association is EKS's, not the component's. */
function boundBy(holder: Pick<Holder, "claimant" | "addon">, already = ""): string {
    return holder.addon === undefined
        ? `${holder.claimant} ${already}binds`
        : `${holder.claimant} ${already}associates (through add-on ${holder.addon}'s own association)`;
}

function addonConflict(claim: ServiceAccountClaim, clusterName: string, holder: Holder): string {
    return (
        `${boundBy(claim)} service account ${claim.namespace}/${claim.serviceAccount} on ` +
        `cluster ${clusterName}, which ${boundBy(holder, "already ")}: EKS creates and owns an add-on's Pod Identity ` +
        `association with the add-on, and refuses any second association for the same ` +
        `cluster, namespace and service account with 409 ResourceInUseException. Keep one of ` +
        `the two, or use another service account.`
    );
}

/**
 * Claims service accounts for `owner`. A claim whose cluster name is known and already held
 * by another component throws at once, before `owner` creates anything. Claims whose cluster
 * name is an Output are checked once it is known: the returned guard (for `dependsOn` of the
 * resources that bind them) then fails with one message. Undefined when there is nothing left
 * to check.
 */
export function claimServiceAccounts(
    owner: pulumi.Resource,
    claims: ServiceAccountClaim[],
): pulumi.Output<pulumi.Resource[]> | undefined {
    const reg = register();
    const later: ServiceAccountClaim[] = [];
    for (const claim of claims) {
        const clusterName = claim.clusterName;
        if (typeof clusterName !== "string") {
            later.push(claim);
            continue;
        }
        take(reg, claim, clusterName, owner);
    }
    if (later.length === 0) {
        return undefined;
    }
    const names = pulumi.all(later.map((claim) => claim.clusterName));
    return guardedBy(
        names.apply((resolved) => {
            later.forEach((claim, i) => {
                if (typeof resolved[i] === "string") {
                    take(reg, claim, resolved[i], owner);
                }
            });
        }),
    );
}

function take(
    reg: Register,
    claim: ServiceAccountClaim,
    clusterName: string,
    owner: pulumi.Resource,
): void {
    const key = keyOf(reg, claim, clusterName);
    const holder = reg.byKey.get(key);
    if (holder === undefined) {
        reg.byKey.set(key, { claimant: claim.claimant, addon: claim.addon, owner });
        return;
    }
    const shared = holder.owner === claim.within && holder.addon === claim.addon;
    if (holder.claimant !== claim.claimant && !shared) {
        throw new CheckFailure(conflict(claim, clusterName, holder), owner);
    }
}
