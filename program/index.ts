// The root project's program: EKS Pod Identity for a fleet of clusters, from stack
// configuration alone (see README "Configuration"). The IAM role goes through the stack's
// default AWS provider; each cluster through the provider of its region.
import { PodIdentity } from "../index";
import { FLEET_HANDOVER } from "../model/parse/fleet";
import { readRootConfig } from "./config";
import { onRegionProviders, regionProviders } from "./stack";

// Parsed once, into PodIdentity's model: the component builds from it without parsing again.
const { config, fleet } = readRootConfig();
const podIdentity = new PodIdentity(
    config.name,
    FLEET_HANDOVER.pass(onRegionProviders(fleet, regionProviders(config))),
);

/** The ARN of the role every association uses. */
export const roleArn = podIdentity.roleArn;
/** Every association, by `clusterKey/namespace/serviceAccount`. */
export const associations = podIdentity.associations;
