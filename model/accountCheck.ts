import * as pulumi from "@pulumi/pulumi";
import { parseRoleArn } from "../iam/arn";
import { CheckFailure } from "./checkFailure";
import { lookupCallerIdentity } from "./lookups";

/**
 * The account of each AWS provider a component uses, from one `aws.getCallerIdentity` per
 * distinct provider. A provider's resources and lookups go to the account of its
 * credentials, so that is the account of a cluster it reaches, and of a role it creates.
 */
export class ProviderAccounts {
    private readonly byProvider = new Map<
        pulumi.ProviderResource | undefined,
        pulumi.Output<string>
    >();

    constructor(private readonly owner: pulumi.Resource) {}

    /** The account of `provider`; undefined stands for the owner's own AWS provider. */
    of(provider: pulumi.ProviderResource | undefined): pulumi.Output<string> {
        let account = this.byProvider.get(provider);
        if (!account) {
            account = lookupCallerIdentity(
                this.owner,
                provider ? { parent: this.owner, provider } : { parent: this.owner },
            ).accountId;
            this.byProvider.set(provider, account);
        }
        return account;
    }
}

/** The role every association of a component uses, and where it is. */
export interface RolePlacement {
    /** The role's account. */
    account: pulumi.Input<string>;
    /** How an error names the role, e.g. `arn:aws:iam::111122223333:role/app`. */
    description: pulumi.Input<string>;
}

/** One thing the component would create in an account, which must be the role's. */
export interface AccountBoundUse {
    /** Property path of the setting that decides the account, e.g. `clusters.prod`. */
    propertyPath: string;
    /** The account it would be created in. */
    account: pulumi.Input<string>;
    /** What goes wrong there and how to fix it, given the two accounts. */
    explain: (useAccount: string, roleAccount: string) => string;
}

/**
 * Checks that every use is in the role's account, and fails with one {@link CheckFailure}
 * that lists each one that is not. EKS requires the association role in the cluster's
 * account (EKS User Guide, "Cross-account access with Pod Identity"), and an inline policy
 * only lands on a role through a provider of the role's account.
 */
export function checkRoleAccount(
    owner: pulumi.Resource,
    component: string,
    role: RolePlacement,
    uses: AccountBoundUse[],
): pulumi.Output<void> {
    return pulumi
        .all([role.account, role.description, pulumi.all(uses.map((use) => use.account))])
        .apply(([roleAccount, roleDescription, accounts]) => {
            const wrong = uses
                .map((use, i) => ({ use, account: accounts[i] }))
                .filter(({ account }) => roleAccount !== "" && account !== roleAccount);
            if (wrong.length === 0) {
                return;
            }
            const lines = wrong.map(
                ({ use, account }) =>
                    `  - ${use.propertyPath}: ${use.explain(account, roleAccount)}`,
            );
            throw new CheckFailure(
                `${component}: the role (${roleDescription}) is in account ${roleAccount}, ` +
                    `and ${wrong.length === 1 ? "this is" : "these are"} not:\n${lines.join("\n")}`,
                owner,
            );
        });
}

/** The account of a role ARN; "" when it is not one (argument checks report that). */
export function accountOfRoleArn(roleArn: string): string {
    return parseRoleArn(roleArn)?.accountId ?? "";
}
