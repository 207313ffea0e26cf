/** PodIdentityBinding's args -> the binding's model. */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { checkBindingArgs } from "../args";
import { entered } from "../entries";
import type { AgentReadiness, PodIdentityBindingArgs } from "../inputs/binding";
import { isUnknown, Problems } from "../problems";
import { CLUSTER_NAME_REQUIRED } from "./agent";
import { Parsed } from "./parsed";
import {
    flag,
    input,
    isPlainObject,
    json,
    pathOf,
    Reader,
    readArgs,
    text,
    wrongType,
} from "./read";
import { tags } from "./role";
import { adopt, verify } from "./verifyAdopt";

/** The binding's model: its args, each of its declared type and judged by the rules. */
export type BindingModel = Readonly<PodIdentityBindingArgs>;

/**
 * The agent workloads wait for: a PodIdentityAgent (or any component with `addonVersion`),
 * or `{ addonVersion }`; kept as it is, so that a component stays one to wait for.
 */
export const agentReadiness: Reader<AgentReadiness> = {
    expected: "an agent: a PodIdentityAgent, or { addonVersion } of one installed elsewhere",
    read(value, at, problems) {
        if (value === undefined) {
            return undefined;
        }
        const holder =
            value instanceof pulumi.Resource || isPlainObject(value)
                ? (value as { addonVersion?: unknown })
                : undefined;
        if (!holder) {
            wrongType(problems, at, this.expected, value);
            return undefined;
        }
        const version = holder.addonVersion;
        if (version === undefined) {
            problems.wrongType(
                pathOf(at, "addonVersion"),
                "is missing: give the agent add-on's version (its addonVersion output).",
            );
            return undefined;
        }
        if (!isUnknown(version)) {
            return input(text).read(version, pathOf(at, "addonVersion"), problems) === undefined
                ? undefined
                : (value as AgentReadiness);
        }
        return value as AgentReadiness;
    },
};

const namespace: Reader<k8s.core.v1.Namespace> = {
    expected: "a Kubernetes Namespace resource (k8s.core.v1.Namespace)",
    read(value, at, problems) {
        if (value === undefined || k8s.core.v1.Namespace.isInstance(value)) {
            return value;
        }
        wrongType(problems, at, this.expected, value);
        return undefined;
    },
};

/** PodIdentityBinding's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseBinding(name: string, raw: unknown): Parsed<BindingModel> {
    entered("PodIdentityBinding");
    const problems = new Problems();
    const args = readArgs<PodIdentityBindingArgs>(
        "PodIdentityBinding",
        raw,
        {
            clusterName: input(text),
            namespace: text,
            serviceAccount: text,
            roleArn: input(text),
            targetRoleArn: input(text),
            grantTargetRoleAssumption: flag,
            disableSessionTags: input(flag),
            sessionPolicy: input(json),
            tags,
            createNamespace: flag,
            namespaceResource: namespace,
            retainNamespaceOnDelete: flag,
            namespaceLabels: tags,
            createServiceAccount: flag,
            serviceAccountLabels: tags,
            serviceAccountAnnotations: tags,
            allowIrsaAnnotation: flag,
            allowUnannouncedPartition: flag,
            agent: agentReadiness,
            verify,
            adopt,
        },
        {
            clusterName: CLUSTER_NAME_REQUIRED,
            namespace: "the service account's Kubernetes namespace (a string)",
            serviceAccount: "the Kubernetes service account's name (a string)",
            roleArn: "the ARN of the IAM role pods receive credentials for (a string)",
        },
        problems,
    );
    if (args) {
        checkBindingArgs(problems, args);
    }
    problems.throwIfAny("PodIdentityBinding", name);
    return {
        model: args as BindingModel,
        later: problems.later,
        component: `PodIdentityBinding "${name}"`,
        at: "",
    };
}
