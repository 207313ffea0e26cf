/**
 * The fleet of the benchmark as a stack of the root project (program/), for `npm run plan`:
 * the same clusters, regions and service accounts as the component program of
 * `programs.ts`, written as stack configuration into a project directory of its own.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../mock-engine";
import {
    FleetSize,
    fleetClusters,
    fleetServiceAccounts,
    label,
    MANAGED_POLICY_ARN,
    objectsIn,
    ROLE_ACTIONS,
    STACK_NAME,
    BUCKET_NAME,
} from "./fleet";

/** The stack name of a generated fleet project. */
export const PLAN_STACK = "bench";

/** The root project's stack configuration for a fleet. */
export function fleetStackConfig(size: FleetSize): Record<string, unknown> {
    return {
        "aws:region": "us-east-1",
        "eks-pod-identity:name": STACK_NAME,
        "eks-pod-identity:role": {
            statements: [
                { Action: ROLE_ACTIONS, Resource: [objectsIn(`arn:aws:s3:::${BUCKET_NAME}`)] },
            ],
            managedPolicyArns: [MANAGED_POLICY_ARN],
        },
        "eks-pod-identity:serviceAccounts": fleetServiceAccounts(size),
        "eks-pod-identity:clusters": Object.fromEntries(
            fleetClusters(size).map((cluster) => [
                cluster.key,
                { clusterName: cluster.clusterName, region: cluster.region },
            ]),
        ),
    };
}

/**
 * Writes a project whose program is this checkout's root program and whose stack `bench`
 * is the fleet; returns its directory (under the system's temporary directory).
 */
export function writeFleetProject(size: FleetSize, parent = os.tmpdir()): string {
    const dir = fs.mkdtempSync(path.join(parent, `eks-pod-identity-plan-${label(size)}-`));
    const project = {
        name: "eks-pod-identity",
        runtime: { name: "nodejs", options: { typescript: true } },
        main: path.join(PACKAGE_ROOT, "program", "index.ts"),
    };
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump(project));
    fs.writeFileSync(
        path.join(dir, `Pulumi.${PLAN_STACK}.yaml`),
        yaml.dump({ config: fleetStackConfig(size) }),
    );
    return dir;
}
