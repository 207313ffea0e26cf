import * as pulumi from "@pulumi/pulumi";
import {
    invokeAnswer,
    Placement,
    providerPlacement,
    resourceAnswer,
} from "../tools/mock-engine/answers";
import { MockFixture, partitionOf } from "../tools/mock-engine/fixture";
import { MockCloudOptions } from "./mockCloud";
import { reportErrorsOnce } from "./errors";

/** The lookups this package makes, answered by {@link mocks} whatever the user's mocks do. */
export const PACKAGE_LOOKUPS: readonly string[] = [
    "aws:index/getCallerIdentity:getCallerIdentity",
    "aws:index/getPartition:getPartition",
    "aws:index/getRegion:getRegion",
    "aws:eks/getCluster:getCluster",
    "aws:eks/getAddonVersion:getAddonVersion",
];

const AWS_PROVIDER = "pulumi:providers:aws";

/**
 * The test's own mocks: Pulumi's `Mocks`, except that `newResource` may return `undefined`
 * to keep the realistic answer of {@link mocks} (a test that only records what is created).
 */
export interface UserMocks extends Omit<Partial<pulumi.runtime.Mocks>, "newResource"> {
    /** Answers a resource; `undefined` keeps the answer of {@link mocks}. Default: none. */
    newResource?(
        args: pulumi.runtime.MockResourceArgs,
    ):
        | pulumi.runtime.MockResourceResult
        | undefined
        | Promise<pulumi.runtime.MockResourceResult | undefined>;
}

/**
 * Pulumi runtime mocks for unit tests of a program that uses this package: pass them to
 * `pulumi.runtime.setMocks`.
 *
 * They answer every lookup the package makes (`aws.eks.getCluster`,
 * `aws.eks.getAddonVersion`, `aws.getCallerIdentity`, `aws.getPartition`, `aws.getRegion`) as
 * AWS would, in the account and region of the AWS provider that makes it, read from the
 * provider's own inputs. Every other invoke, and every resource, goes to `userMocks`. A
 * resource they do not answer (no `newResource`, or it returns `undefined`) gets its inputs
 * plus the outputs AWS or Kubernetes would compute (ARNs in its provider's account and
 * region, ids, names); an invoke they do not answer (no `call`) fails with a message naming
 * it.
 *
 * Each error the program raises while it runs is reported once, as `pulumi up` reports it,
 * by failing the running test (or to `options.onError`), instead of leaving Outputs that
 * never resolve.
 */
export function mocks(
    userMocks: UserMocks = {},
    options: MockCloudOptions = {},
): pulumi.runtime.Mocks {
    const providers = new Map<string, Record<string, unknown>>();
    const defaults = (): Placement => {
        const region = options.region ?? new pulumi.Config("aws").get("region") ?? "us-east-1";
        return {
            accountId: options.accountId ?? "123456789012",
            region,
            partition: partitionOf(region),
        };
    };
    const fixture = (): MockFixture => ({
        accountId: options.accountId,
        kubernetesVersion: options.kubernetesVersion,
        clusters: options.clusters,
        otherAddonVersions: options.addonVersions,
    });
    /** The account and region of a provider reference (`<urn>::<id>`). */
    const placementOf = (providerRef: string | undefined): Placement => {
        const inputs = providers.get(idOfReference(providerRef));
        return inputs ? providerPlacement(inputs, defaults()) : defaults();
    };

    const answers: pulumi.runtime.Mocks = {
        ...userMocks,
        newResource: async (args: pulumi.runtime.MockResourceArgs) => {
            const inputs = args.inputs as Record<string, unknown>;
            const answer =
                (await userMocks.newResource?.(args)) ??
                (args.custom === false
                    ? { id: undefined, state: {} }
                    : resourceAnswer(
                          args.type,
                          args.name,
                          inputs,
                          placementOf(args.provider),
                          fixture(),
                      ));
            if (args.type !== AWS_PROVIDER) {
                return answer;
            }
            // Invokes name their provider by its id: each AWS provider gets one of its own.
            let id = answer.id || `${args.name}-id`;
            while (providers.has(id)) {
                id = `${id}-${providers.size}`;
            }
            providers.set(id, inputs);
            return { ...answer, id };
        },
        call: async (args: pulumi.runtime.MockCallArgs) => {
            if (PACKAGE_LOOKUPS.includes(args.token)) {
                return invokeAnswer(
                    args.token,
                    args.inputs as Record<string, unknown>,
                    placementOf(args.provider),
                    fixture(),
                );
            }
            if (userMocks.call) {
                return userMocks.call(args);
            }
            const message =
                `mocks() from "eks-pod-identity/testing" has no answer for invoke ${args.token}: ` +
                "pass mocks({ call }) a call mock that answers it";
            // The SDK rejects a failed invoke with the error's gRPC `details` only
            // (runtime/invoke.js), so the words travel there.
            throw Object.assign(new Error(message), { details: message });
        },
    };
    reportErrorsOnce(answers, options.onError);
    return answers;
}

/** The provider id at the end of a provider reference `<urn>::<id>`. */
function idOfReference(providerRef: string | undefined): string {
    return providerRef ? (providerRef.split("::").pop() ?? "") : "";
}
