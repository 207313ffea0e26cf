/**
 * The account of the plan's mock cloud when the project does not name one.
 *
 * `pulumi up` puts a provider's resources in the account of its credentials, which an offline
 * plan cannot ask for. A program often names that account itself, in the ARNs it gives (an
 * existing `roleArn`, a target role, another stack's outputs): when every such ARN agrees,
 * the plan takes their account. Otherwise the mock cloud uses a stand-in, and an error that
 * names it says so, with the file that sets the real one.
 */
import { MockFixture } from "../mock-engine";
import { rootMessage } from "./errors";

/** The mock cloud's account when neither the fixture nor the program's ARNs give one. */
export const STAND_IN_ACCOUNT = "123456789012";

/** `arn:<partition>:<service>:<region>:<12-digit account>:...`, anywhere in a text. */
const ARN_ACCOUNT = /\barn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/g;

/** The 12-digit accounts of every ARN in the values (strings, JSON, nested objects). */
export function accountsOfArns(values: unknown[]): Set<string> {
    const found = new Set<string>();
    const visit = (value: unknown): void => {
        if (typeof value === "string") {
            for (const match of value.matchAll(ARN_ACCOUNT)) {
                found.add(match[1]);
            }
        } else if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value !== null && typeof value === "object") {
            Object.values(value).forEach(visit);
        }
    };
    visit(values);
    return found;
}

/**
 * The fixture with its account: the fixture's own; else the one account that the ARNs of the
 * stack configuration and of the other stacks' outputs agree on; else none (the stand-in).
 */
export function withProgramAccount(
    fixture: MockFixture,
    config: Record<string, string>,
): MockFixture {
    if (fixture.accountId !== undefined) {
        return fixture;
    }
    const accounts = accountsOfArns([Object.values(config), fixture.stackOutputs ?? {}]);
    return accounts.size === 1 ? { ...fixture, accountId: [...accounts][0] } : fixture;
}

/**
 * An error of a program planned in the stand-in account, with a note when it names that
 * account: where it comes from, and how to set the real one.
 */
export function explainStandIn(error: Error, fixture: MockFixture, stack: string): Error {
    const message = rootMessage(error);
    if (fixture.accountId !== undefined || !message.includes(STAND_IN_ACCOUNT)) {
        return error;
    }
    const others = [...(message.match(/\b\d{12}\b/g) ?? [])].filter(
        (account) => account !== STAND_IN_ACCOUNT,
    );
    const example = others[0] ?? "111122223333";
    const note =
        `\n(${STAND_IN_ACCOUNT} is the offline plan's stand-in for the account of your AWS ` +
        `credentials, which it cannot ask AWS for. Set the real one in Pulumi.${stack}.mock.yaml ` +
        `beside the stack file: accountId: "${example}")`;
    return Object.assign(new Error(message + note), {
        name: error.name,
        stack: error.stack,
    });
}
