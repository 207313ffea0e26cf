export { runProgram, RunOptions, MockRun, ProgramError } from "./engine";
export { MockFixture, ClusterFixture, mergeFixtures } from "./fixture";
export { RecordedResource, RecordedInvoke, RecordedLog } from "./records";
export { decodeWire, containsSecret, UNKNOWN } from "./wire";
export { readProject, programOf, PulumiProject, PACKAGE_ROOT } from "./project";
