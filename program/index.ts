// The root project's program: EKS Pod Identity for a fleet of clusters, from stack
// configuration alone (see README "Configuration"). The IAM role goes through the stack's
// default AWS provider; each cluster through the provider of its region.
import { PodIdentity } from "../index";
import { readRootConfig } from "./config";
import { podIdentityArgs, regionProviders } from "./stack";

const config = readRootConfig();
const podIdentity = new PodIdentity(config.name, podIdentityArgs(config, regionProviders(config)));

/** The ARN of the role every association uses. */
export const roleArn = podIdentity.roleArn;
/** Every association, by `clusterKey/namespace/serviceAccount`. */
export const associations = podIdentity.associations;
