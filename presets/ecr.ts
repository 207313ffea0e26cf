import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow, ANY_RESOURCE } from "./statements";

// Facts from the AWS managed policy AmazonEC2ContainerRegistryPullOnly (v1, 2024-10-04): the
// registry token, BatchGetImage and GetDownloadUrlForLayer, and BatchImportUpstreamImage, which a
// pull through a pull-through cache rule needs to fetch an image the cache does not hold yet
// (Amazon ECR User Guide, pull-through-cache-iam; it also names ecr:CreateRepository "if the
// repository storing the cached images doesn't already exist"). Upstream grants them on `*`;
// here on the given repositories, the cache's only with `pullThroughCache`.

/** Options of the `ecrPull` preset. */
export interface EcrPullOptions {
    /**
     * ARNs of the repositories the pod may pull from; patterns name a pull-through cache's
     * repositories (`arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*`). Required.
     */
    repositoryArns: pulumi.Input<string>[];
    /**
     * The repositories are (or will be) a pull-through cache's: let a pull import an image the
     * cache does not hold yet (`ecr:BatchImportUpstreamImage`) and create its repository on the
     * first pull (`ecr:CreateRepository`). Default: false.
     */
    pullThroughCache?: pulumi.Input<boolean>;
}

export const ecrPull = definePreset<EcrPullOptions>({
    title: "Amazon ECR (pull)",
    description:
        "Pulls images from the given repositories (e.g. for in-cluster builders or mirrors), plus the registry login token, which AWS grants only account-wide; with `pullThroughCache`, imports upstream images into (and creates) the given cache repositories.",
    options: { repositoryArns: "required", pullThroughCache: "optional" },
    example: {
        repositoryArns: [
            "arn:aws:ecr:us-east-1:123456789012:repository/shop/api",
            "arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*",
        ],
        pullThroughCache: true,
    },
    upstream: {
        source: "AWS managed policy AmazonEC2ContainerRegistryPullOnly",
        version: "v1",
    },
    statements: (o) => [
        allow(
            "PullImages",
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            o.repositoryArns,
        ),
        allow("GetLoginToken", ["ecr:GetAuthorizationToken"], ANY_RESOURCE),
        ...(o.pullThroughCache === true
            ? [
                  allow(
                      "ImportIntoPullThroughCache",
                      ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                      o.repositoryArns,
                  ),
              ]
            : []),
    ],
});
