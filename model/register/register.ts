/**
 * The program's one view of what every component claims, keyed by where it is: the cluster's
 * identity (account, region, cluster name) for an association or an add-on, the account for
 * an IAM role name. Provider objects do not matter: two providers for one account and region
 * are the same place (see place.ts). A claim that another component already holds there is
 * refused, naming both, before the claimant creates anything: at once when that is certain,
 * or, when it takes lookups (a cluster name known only at deployment, claims through other
 * providers), through a guard that fails with one {@link CheckFailure} before the claimant's
 * resources are created.
 */
import * as pulumi from "@pulumi/pulumi";
import { CheckFailure, guardedBy } from "../checkFailure";
import { Identity, Place, Places } from "./place";

/** What a claim is about, which decides what must be unique and where. */
export interface ClaimSubject {
    /**
     * `cluster`: unique per cluster (account, region, cluster name), e.g. an association's
     * service account, an add-on's name. `account`: unique per account, e.g. an IAM role name.
     */
    scope: "cluster" | "account";
    /**
     * What must be unique in that scope, e.g. `["association", clusterName, namespace, name]`
     * or `["role", lowerCaseName]`.
     */
    key: string[];
}

/** One claim of a component. */
export interface Claim {
    /** The cluster's name (`cluster` scope) or the claimed name itself (`account` scope). */
    name: pulumi.Input<string>;
    /** What is claimed; called with the resolved name. */
    subject: (name: string) => ClaimSubject;
    /** The AWS provider the claimant's resources go through; undefined for the default one. */
    awsProvider: pulumi.ProviderResource | undefined;
    /** Who claims it, as an error names it, e.g. `PodIdentity "app" (clusters.prod)`. */
    claimant: string;
    /**
     * The EKS add-on whose own association or installation this is (e.g. `aws-ebs-csi-driver`),
     * for the error's words. Default: none.
     */
    addon?: string;
    /**
     * Why a second claim of the same thing in the same place is refused, naming both; `where`
     * says how the place was found when it took lookups.
     */
    conflict: (holder: Claim, name: string, where: string) => string;
}

/** A claim as the register holds it. */
interface Held {
    claim: Claim;
    place: Place;
    owner: pulumi.Resource;
}

interface Register {
    byKey: Map<string, Held[]>;
    places: Places;
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
        found = { byKey: new Map(), places: new Places() };
        registers.set(scope, found);
    }
    return found;
}

/** The holders of a key in a place known now (`token`), and those to compare by identity. */
function holdersOf(key: string): Held[] {
    return register().byKey.get(key) ?? [];
}

/** The key of a claimed subject, without its place. */
function keyOf(subject: ClaimSubject): string {
    return JSON.stringify([subject.scope, ...subject.key]);
}

/** Whether two identities are one place for a subject of `scope`. */
function samePlace(scope: ClaimSubject["scope"], a: Identity, b: Identity): boolean {
    return a.account === b.account && (scope === "account" || a.region === b.region);
}

function describeWhere(scope: ClaimSubject["scope"], identity: Identity): string {
    return scope === "account"
        ? `in account ${identity.account}`
        : `in account ${identity.account}, ${identity.region}`;
}

/** What taking one claim found: conflicts certain now, and those to look up. */
interface Taken {
    now: string[];
    later: pulumi.Output<string | undefined>[];
}

function take(claim: Claim, name: string, owner: pulumi.Resource): Taken {
    const reg = register();
    const subject = claim.subject(name);
    const key = keyOf(subject);
    const place = reg.places.of(claim.awsProvider);
    const holders = holdersOf(key).filter((held) => held.claim.claimant !== claim.claimant);
    const taken: Taken = { now: [], later: [] };
    const here = holders.find((held) => held.place.token === place.token);
    if (here) {
        taken.now.push(claim.conflict(here.claim, name, ""));
    } else {
        for (const held of holders) {
            taken.later.push(
                pulumi
                    .all([place.identity(owner), held.place.identity(owner)])
                    .apply(([mine, theirs]) =>
                        samePlace(subject.scope, mine, theirs)
                            ? claim.conflict(
                                  held.claim,
                                  name,
                                  ` (${describeWhere(subject.scope, mine)}, through another AWS provider)`,
                              )
                            : undefined,
                    ),
            );
        }
    }
    const list = reg.byKey.get(key) ?? [];
    list.push({ claim, place, owner });
    reg.byKey.set(key, list);
    return taken;
}

/**
 * Takes `claims` for `owner`. A conflict certain now (known names, the same place) throws one
 * CheckFailure naming every conflict, before `owner` creates anything. The rest (names that
 * are Outputs, claims through other providers) are checked once known: the returned guard,
 * for `dependsOn` of the resources that need the claims, then fails with one message.
 * Undefined when there is nothing left to check.
 */
export function claim(
    owner: pulumi.Resource,
    claims: Claim[],
): pulumi.Output<pulumi.Resource[]> | undefined {
    const now: string[] = [];
    const later: pulumi.Output<string | undefined>[] = [];
    const pending: Claim[] = [];
    for (const each of claims) {
        if (typeof each.name === "string") {
            const taken = take(each, each.name, owner);
            now.push(...taken.now);
            later.push(...taken.later);
        } else {
            pending.push(each);
        }
    }
    if (now.length > 0) {
        throw new CheckFailure(now.join("\n"), owner);
    }
    if (pending.length > 0) {
        const names = pulumi.all(pending.map((each) => each.name));
        later.push(
            names.apply((resolved) => {
                const found: Taken = { now: [], later: [] };
                pending.forEach((each, i) => {
                    if (typeof resolved[i] === "string") {
                        const taken = take(each, resolved[i], owner);
                        found.now.push(...taken.now);
                        found.later.push(...taken.later);
                    }
                });
                return pulumi
                    .all(found.later)
                    .apply(
                        (more) =>
                            [...found.now, ...more.filter((m) => m !== undefined)].join("\n") ||
                            undefined,
                    );
            }),
        );
    }
    if (later.length === 0) {
        return undefined;
    }
    return guardedBy(
        pulumi.all(later).apply((found) => {
            const conflicts = found.filter((message): message is string => !!message);
            if (conflicts.length > 0) {
                throw new CheckFailure(conflicts.join("\n"), owner);
            }
        }),
    );
}

/**
 * Whether a claim of `subject` is held in the place of `awsProvider`: true or false when known
 * now, an Output when identities must be compared.
 */
export function isHeld(
    owner: pulumi.Resource,
    subject: ClaimSubject,
    awsProvider: pulumi.ProviderResource | undefined,
): boolean | pulumi.Output<boolean> {
    const reg = register();
    const place = reg.places.of(awsProvider);
    const holders = holdersOf(keyOf(subject));
    if (holders.some((held) => held.place.token === place.token)) {
        return true;
    }
    if (holders.length === 0) {
        return false;
    }
    return pulumi
        .all([place.identity(owner), ...holders.map((held) => held.place.identity(owner))])
        .apply(([mine, ...theirs]) =>
            theirs.some((identity) => samePlace(subject.scope, mine, identity)),
        );
}
