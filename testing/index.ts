/**
 * `eks-pod-identity/testing`: unit tests of programs that use this package, under Pulumi's
 * runtime mocks. A subpath of its own (package.json `exports["./testing"]`), so a program
 * never loads it; see docs/testing.md.
 */
export { mocks, PACKAGE_LOOKUPS, UserMocks } from "./mocks";
export { MockAddonVersions, MockCloudOptions, MockCluster } from "./mockCloud";
