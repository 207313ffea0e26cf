/** What the testing mocks answer: the account, region and clusters a test's program sees. */

/** One EKS cluster as `aws.eks.getCluster` describes it. */
export interface MockCluster {
    /** Kubernetes version. Default: the options' `kubernetesVersion`. */
    version?: string;
    /** EKS Auto Mode (`computeConfig.enabled`). Default: false. */
    autoMode?: boolean;
    /** IP family of the cluster (`kubernetesNetworkConfig.ipFamily`). Default: `ipv4`. */
    ipFamily?: "ipv4" | "ipv6";
    /** API server endpoint. Default: `https://<hex>.gr7.<region>.eks.amazonaws.com`. */
    endpoint?: string;
}

/** The versions `aws.eks.getAddonVersion` answers for one add-on. */
export interface MockAddonVersions {
    /** AWS's default version for the cluster's Kubernetes version (`version: "default"`). */
    default: string;
    /** The newest compatible version (`version: "latest"`). */
    latest: string;
}

/** How {@link mocks} answers the lookups this package makes. Every field has a default. */
export interface MockCloudOptions {
    /**
     * Account of the credentials of AWS providers that name none (the default provider, and
     * providers with neither `assumeRoles` nor `allowedAccountIds`). A provider with
     * `allowedAccountIds` is in the first one; one with `assumeRoles` in the account of its
     * last role. Default: `123456789012`.
     */
    accountId?: string;
    /**
     * Region of AWS providers that name none, the default provider among them. Default: the
     * stack configuration's `aws:region`, else `us-east-1`.
     */
    region?: string;
    /** Kubernetes version of clusters `clusters` does not list. Default: `1.33`. */
    kubernetesVersion?: string;
    /** Clusters by name. Default: none listed; every cluster is answered with the defaults. */
    clusters?: { [clusterName: string]: MockCluster };
    /**
     * Versions by EKS add-on name, for any Kubernetes version. Default: realistic versions,
     * above AWS's minimum for Pod Identity associations for each add-on that has one
     * (`eks-pod-identity-agent`: `v1.3.8-eksbuild.2`, latest `v1.3.10-eksbuild.2`).
     */
    addonVersions?: { [addonName: string]: MockAddonVersions };
    /**
     * Receives each error the program raises while it runs (a refusal that waited for a
     * lookup's answer, an invoke no mock answers), once per error: a test that asserts a
     * refusal listens here. Default: the error is thrown as an uncaught exception, which
     * fails the running test, as `pulumi up` would fail with it.
     */
    onError?: (error: Error) => void;
}
