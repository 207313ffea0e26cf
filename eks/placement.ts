/**
 * Where a cluster's AWS resources go, and the one AWS provider per distinct place: the
 * PodIdentity component builds them for clusters that name a `region`, and the root program
 * builds them for its configured clusters.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseRoleArn } from "../iam/arn";

/** An AWS region such as `us-east-1` or `us-gov-west-1`. */
export const AWS_REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** Where a cluster's AWS resources go: its region, and how to reach its account. */
export interface ClusterPlacement {
    /** The AWS region, e.g. `eu-west-1`. */
    region: string;
    /**
     * A role to assume for the cluster's account (the provider's `assumeRoles`), after the
     * stack's own `aws:assumeRoles`. Default: none.
     */
    assumeRoleArn?: string;
    /** An AWS CLI profile (the provider's `profile`), replacing the stack's identity. Default: none. */
    profile?: string;
}

/** The identity settings of the stack's `aws:*` configuration. */
export interface StackIdentity {
    profile?: string;
    assumeRoles?: aws.types.input.ProviderAssumeRole[];
    allowedAccountIds?: string[];
}

/**
 * The stack's `aws:*` identity settings, which the default AWS provider uses: explicit
 * providers do not read them, so each built provider copies them to deploy as the same
 * principal into the same account as the default provider.
 */
export function stackIdentity(): StackIdentity {
    const config = new pulumi.Config("aws");
    return {
        profile: config.get("profile"),
        assumeRoles: config.getObject<aws.types.input.ProviderAssumeRole[]>("assumeRoles"),
        allowedAccountIds: config.getObject<string[]>("allowedAccountIds"),
    };
}

/**
 * The provider arguments of a placement. A `profile` replaces the stack's identity; an
 * `assumeRoleArn` is assumed last (after the stack's `aws:assumeRoles`), and the provider then
 * refuses any account but the role's (`allowedAccountIds`), since the stack's own list names
 * the stack's account.
 */
export function placementProviderArgs(
    placement: ClusterPlacement,
    stack: StackIdentity,
): aws.ProviderArgs {
    const base: StackIdentity = placement.profile ? { profile: placement.profile } : stack;
    if (!placement.assumeRoleArn) {
        return { ...base, region: placement.region };
    }
    const account = parseRoleArn(placement.assumeRoleArn)?.accountId;
    const chain = placement.profile ? [] : (stack.assumeRoles ?? []);
    return {
        ...base,
        region: placement.region,
        assumeRoles: [...chain, { roleArn: placement.assumeRoleArn }],
        allowedAccountIds: account ? [account] : undefined,
    };
}

/**
 * A stable key naming a placement's provider: the region, then the profile and the assumed
 * role's account and name. Clusters in the same place share one provider, and adding a
 * cluster never renames one.
 */
export function placementKey(placement: ClusterPlacement): string {
    const parts = [placement.region];
    if (placement.profile) {
        parts.push(`profile-${placement.profile}`);
    }
    if (placement.assumeRoleArn) {
        const role = parseRoleArn(placement.assumeRoleArn);
        // Validation refuses anything but a role ARN first; a URN must not carry its "::".
        parts.push(
            role
                ? `${role.accountId}-${role.roleName}`
                : placement.assumeRoleArn.replace(/:+/g, "-"),
        );
    }
    return parts.join("/");
}

/**
 * One AWS provider per distinct placement, created on first use and named
 * `<prefix><placementKey>`.
 */
export class PlacementProviders {
    private readonly built = new Map<string, aws.Provider>();
    private stack?: StackIdentity;

    /**
     * @param prefix Prepended to each provider's name (e.g. the component's name and a slash).
     * @param opts Options of each provider (e.g. `{ parent }`).
     */
    constructor(
        private readonly prefix: string,
        private readonly opts: pulumi.CustomResourceOptions = {},
    ) {}

    /** The provider of a placement. */
    providerFor(placement: ClusterPlacement): aws.Provider {
        const key = placementKey(placement);
        let provider = this.built.get(key);
        if (!provider) {
            this.stack ??= stackIdentity();
            provider = new aws.Provider(
                `${this.prefix}${key}`,
                placementProviderArgs(placement, this.stack),
                this.opts,
            );
            this.built.set(key, provider);
        }
        return provider;
    }
}
