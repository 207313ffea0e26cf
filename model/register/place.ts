/**
 * Where a claim's AWS resources go, as the program-wide register tells places apart: the
 * account and region of the AWS provider they go through, whatever provider object that is.
 *
 * Two claims through the same provider object (or providers built for the same placement, or
 * the default provider) are certainly in the same place, which is known at once. Claims
 * through different providers may still be: their account (`aws.getCallerIdentity`) and region
 * (the provider's `region`, else `aws.getRegion`) are looked up, once per provider in the
 * program, and only when two claims need comparing.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseRoleArn } from "../../iam/arn";
import type { ClusterPlacement } from "../../eks/placement";
import { lookupCallerIdentity, lookupRegion } from "../lookups";

/** An account and region. */
export interface Identity {
    account: string;
    region: string;
}

/** A place, as the register compares them. */
export interface Place {
    /** Equal tokens are the same account and region, known without a lookup. */
    readonly token: string;
    /**
     * The account and region, looked up on first use (once per provider in the program);
     * `owner` is the component a failed lookup is reported on.
     */
    identity(owner: pulumi.Resource): pulumi.Output<Identity>;
}

/** Places of one program run: providers numbered, identities looked up once each. */
export class Places {
    private readonly numbers = new Map<pulumi.ProviderResource, number>();
    private readonly places = new Map<string, Place>();

    /** The place of claims through `provider`; undefined stands for the default provider. */
    of(provider: pulumi.ProviderResource | undefined): Place {
        if (provider === undefined) {
            return this.place("default", (owner) => lookUp(owner, undefined));
        }
        const placement = placements.get(provider);
        if (placement) {
            const key = JSON.stringify([
                placement.region,
                placement.assumeRoleArn,
                placement.profile,
            ]);
            return this.place(`placement:${key}`, (owner) =>
                placedIdentity(owner, provider, placement),
            );
        }
        let number = this.numbers.get(provider);
        if (number === undefined) {
            number = this.numbers.size + 1;
            this.numbers.set(provider, number);
        }
        return this.place(`provider:${number}`, (owner) => lookUp(owner, provider));
    }

    /** The place of a token, made once (a fleet claims thousands of things in a few places). */
    private place(token: string, find: (owner: pulumi.Resource) => pulumi.Output<Identity>): Place {
        let place = this.places.get(token);
        if (!place) {
            let found: pulumi.Output<Identity> | undefined;
            place = { token, identity: (owner) => (found ??= find(owner)) };
            this.places.set(token, place);
        }
        return place;
    }
}

// Where each provider a component built from settings places its cluster, so that claims
// through providers built for the same placement by different components meet.
const placements = new WeakMap<pulumi.ProviderResource, ClusterPlacement>();

/**
 * Records that `provider` was built for `placement` (a region, and how to reach its account):
 * claims through it are in that place, as are claims through any other provider built for it.
 */
export function placeProvider(
    provider: pulumi.ProviderResource,
    placement: ClusterPlacement,
): void {
    placements.set(provider, placement);
}

/** The account and region of a provider (the default one when undefined), by lookups. */
function lookUp(
    owner: pulumi.Resource,
    provider: pulumi.ProviderResource | undefined,
): pulumi.Output<Identity> {
    const opts = provider ? { provider } : {};
    const account = lookupCallerIdentity(owner, opts).accountId;
    const configured: pulumi.Input<string | undefined> =
        provider === undefined
            ? aws.config.region
            : aws.Provider.isInstance(provider)
              ? provider.region
              : undefined;
    const region = pulumi.output(configured).apply((known) => known || lookupRegion(owner, opts));
    return pulumi.all([account, region]).apply(([accountId, name]) => ({
        account: accountId,
        region: name,
    }));
}

/** A built provider's place: its region as given, its account from the role it assumes. */
function placedIdentity(
    owner: pulumi.Resource,
    provider: pulumi.ProviderResource,
    placement: ClusterPlacement,
): pulumi.Output<Identity> {
    const account = placement.assumeRoleArn
        ? parseRoleArn(placement.assumeRoleArn)?.accountId
        : undefined;
    return pulumi
        .output(account ?? lookupCallerIdentity(owner, { provider }).accountId)
        .apply((accountId) => ({ account: accountId, region: placement.region }));
}
