import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

/** Options of the `ecrPull` preset. */
export interface EcrPullOptions {
    /** ARNs of the repositories the pod may pull from. Required. */
    repositoryArns: pulumi.Input<string>[];
}

export const ecrPull = definePreset<EcrPullOptions>({
    title: "Amazon ECR (pull)",
    description:
        "Pulls images from the given repositories (e.g. for in-cluster builders or mirrors), plus the registry login token, which AWS grants only account-wide.",
    options: { repositoryArns: "required" },
    example: { repositoryArns: ["arn:aws:ecr:us-east-1:123456789012:repository/shop/api"] },
    statements: (o) => [
        allow(
            "PullImages",
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            o.repositoryArns,
        ),
        allow("GetLoginToken", ["ecr:GetAuthorizationToken"], ANY_RESOURCE),
    ],
});
