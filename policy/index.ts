// The CrossGuard entry point: `pulumi preview --policy-pack ./policy`. The rules live in
// ./rules so that tests and offline tools use them without starting a policy server.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./rules";

new PolicyPack(PACK_NAME, {
    description:
        "Policy-as-code review of EKS Pod Identity: role trust, least privilege, associations, " +
        "the agent add-on and node permissions, for this package's components and raw resources.",
    displayName: "EKS Pod Identity",
    provider: "aws",
    tags: ["aws", "eks", "pod-identity", "iam"],
    // Each rule sets its own level; this only applies to a rule that does not.
    enforcementLevel: "advisory",
    policies,
});
