/** PodIdentityAgent's args -> the agent's model: the add-on's settings, of their types. */
import type { EksAddonOptions } from "../../eks/eksAddon";
import { checkAgentArgs } from "../args";
import { entered } from "../entries";
import { Handover } from "../handover";
import type { PodIdentityAgentArgs } from "../inputs/agent";
import { Problems } from "../problems";
import { Parsed } from "./parsed";
import {
    either,
    Fields,
    flag,
    input,
    isPlainObject,
    json,
    map,
    Reader,
    readArgs,
    text,
} from "./read";
import { tags } from "./role";

/** The agent's model: its args, each of its declared type and judged by the rules. */
export type AgentModel = Readonly<PodIdentityAgentArgs>;

/** The settings of every EKS add-on this package installs. */
export const ADDON_OPTIONS: Fields<EksAddonOptions> = {
    version: text,
    // An object, or its JSON text (the add-on rules parse and judge it).
    configurationValues: input(
        either(
            map(json),
            text,
            (value) =>
                typeof value === "string" ? "second" : isPlainObject(value) ? "first" : undefined,
            "an object of configuration values, or its JSON text",
        ),
    ) as Reader<NonNullable<EksAddonOptions["configurationValues"]>>,
    resolveConflictsOnCreate: input(text),
    resolveConflictsOnUpdate: input(text),
    preserve: input(flag),
    tags,
};

/** The cluster an add-on goes on: its name, and its Kubernetes version when given. */
export const ADDON_CLUSTER = {
    clusterName: input(text),
    kubernetesVersion: input(text),
};

/** Required args of the add-on components, with what a message asks for. */
export const CLUSTER_NAME_REQUIRED = "the EKS cluster's name (a string)";

/** PodIdentityAgent's args, parsed once; throws one InputPropertiesError listing every problem. */
export function parseAgent(name: string, raw: unknown): Parsed<AgentModel> {
    entered("PodIdentityAgent");
    const problems = new Problems();
    const args = readArgs<PodIdentityAgentArgs>(
        "PodIdentityAgent",
        raw,
        { ...ADDON_CLUSTER, ...ADDON_OPTIONS, hybridNodes: flag },
        { clusterName: CLUSTER_NAME_REQUIRED },
        problems,
    );
    if (args) {
        checkAgentArgs(problems, args);
    }
    problems.throwIfAny("PodIdentityAgent", name);
    return {
        model: args as AgentModel,
        later: problems.later,
        component: `PodIdentityAgent "${name}"`,
        at: "",
    };
}

/** How PodIdentity hands an agent it parsed to PodIdentityAgent. */
export const AGENT_HANDOVER = new Handover<Parsed<AgentModel>>();
