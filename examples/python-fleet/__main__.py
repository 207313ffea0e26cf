"""EKS Pod Identity for a fleet from Python: one role, two clusters in two regions.

The SDK comes from `pulumi package add ../..` (see Pulumi.yaml): module pulumi_eks_pod_identity,
whose argument names are the TypeScript ones in snake_case, and whose nested inputs are
`<Type>Args` classes (plain dicts with the same snake_case keys work too).
"""

import pulumi
import pulumi_eks_pod_identity as eks_pod_identity

config = pulumi.Config()
bucket_name = config.require("bucketName")

# Each cluster names its region: the component builds one AWS provider per region with the
# stack's aws:* settings, and a Kubernetes provider per cluster from the cluster's endpoint.
# The role goes through the stack's default AWS provider; its trust policy names no cluster.
fleet = eks_pod_identity.PodIdentity(
    "fleet",
    role=eks_pod_identity.SharedRoleArgs(
        statements=[
            eks_pod_identity.PolicyStatementArgs(
                action=["s3:GetObject", "s3:PutObject"],
                # One role for every cluster; each cluster's pods get their own prefix.
                resource=[f"arn:aws:s3:::{bucket_name}/${{aws:PrincipalTag/eks-cluster-name}}/*"],
            ),
        ],
        trust=eks_pod_identity.TrustConditionsArgs(
            namespaces=["reports"],
            service_accounts=["generator"],
        ),
    ),
    service_accounts=[
        eks_pod_identity.ServiceAccountSpecArgs(namespace="reports", name="generator"),
    ],
    clusters={
        "prod-use1": eks_pod_identity.ClusterSettingsArgs(
            cluster_name=config.get("usClusterName") or "prod-use1",
            region="us-east-1",
        ),
        "prod-euw1": eks_pod_identity.ClusterSettingsArgs(
            cluster_name=config.get("euClusterName") or "prod-euw1",
            region="eu-west-1",
            agent=eks_pod_identity.AgentSettingsArgs(version="latest"),
        ),
    },
    association=eks_pod_identity.AssociationDefaultsArgs(tags={"team": "reports"}),
)

pulumi.export("roleArn", fleet.role_arn)
# Every association, by clusterKey/namespace/serviceAccount.
pulumi.export("associations", fleet.associations)
