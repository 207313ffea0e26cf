import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { allow } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `assumeRole` preset. */
export interface AssumeRoleOptions {
    /** ARNs of the roles the pod may assume (their trust policies must allow this role too). Required. */
    roleArns: pulumi.Input<string>[];
    /**
     * Also allow `sts:TagSession`, which role chaining needs to pass the pod's session tags
     * on (they are transitive). Default: true.
     */
    tagSession?: pulumi.Input<boolean>;
}

export const assumeRole = definePreset<AssumeRoleOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "AWS STS (assume other roles)",
    description:
        "Assumes the given roles, e.g. in other accounts, passing the session tags on unless `tagSession` is false.",
    options: { roleArns: "required", tagSession: "optional" },
    example: { roleArns: ["arn:aws:iam::210987654321:role/reports-reader"] },
    statements: (o) => [
        allow(
            "AssumeRoles",
            o.tagSession === false ? ["sts:AssumeRole"] : ["sts:AssumeRole", "sts:TagSession"],
            o.roleArns,
        ),
    ],
});
