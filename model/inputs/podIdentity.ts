/**
 * PodIdentity's arguments from TypeScript: the settings every language writes (settings.ts),
 * plus provider objects and the short agent forms, which the plugin's schema cannot express.
 */
import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import type { PodIdentityAgentArgs } from "./agent";
import type { AgentReadiness } from "./binding";
import type { AgentSettings, ClusterSettings, PodIdentitySettings } from "./settings";

/** Options of the agent add-on PodIdentity installs on a cluster. */
export type AgentOptions = Omit<PodIdentityAgentArgs, "clusterName" | "kubernetesVersion">;

/**
 * One cluster of the fleet, from TypeScript: the settings every language can write, plus
 * provider objects and the short agent forms, which the plugin's schema cannot express.
 */
export interface ClusterSpec extends Omit<ClusterSettings, "agent"> {
    /**
     * The AWS provider of the cluster's account and region, used for its add-on, its
     * associations and its lookups. The IAM role uses the component's own provider, and EKS
     * requires it in the cluster's account: a provider in another account is refused before
     * anything is created (one `aws.getCallerIdentity` per distinct provider tells). Not with
     * `region`, `assumeRoleArn` or `profile`. Default: one built from `region`, else the
     * component's AWS provider.
     */
    awsProvider?: aws.Provider;
    /**
     * The Kubernetes provider of the cluster. Default: one built from the cluster's endpoint
     * and certificate authority with an `aws eks get-token` exec credential (kubeconfig kept
     * secret), when anything Kubernetes is to be created.
     */
    kubernetesProvider?: k8s.Provider;
    /**
     * The Pod Identity agent: `true` installs a {@link PodIdentityAgent} (on EKS Auto Mode
     * clusters too, for the managed and self-managed nodes they may mix in; Auto Mode nodes
     * run their own agent and the add-on keeps off them), `false` means it is managed
     * elsewhere, an existing `PodIdentityAgent` (e.g. another PodIdentity's `agents[key]`) is
     * shared, and an object of agent settings installs one with them (see AgentSettings).
     * Default: true.
     */
    agent?: boolean | AgentReadiness | AgentSettings;
}

/**
 * Arguments of {@link PodIdentity} from TypeScript: PodIdentitySettings, with clusters that
 * may carry provider objects and the short agent forms.
 */
export interface PodIdentityArgs extends Omit<PodIdentitySettings, "clusters"> {
    /**
     * The clusters, keyed by a stable name of your choosing (e.g. `prod-use1`). The key, not
     * the position, names each cluster's resources, so adding, removing or reordering
     * clusters never touches another cluster's resources.
     */
    clusters: { [clusterKey: string]: ClusterSpec };
}
