/**
 * eks/knownAddons.ts against the EKS User Guide's tables, kept as read in
 * tests/fixtures/eks-user-guide/addons.json with the commit of each page
 * (awsdocs/amazon-eks-user-guide), and against the other sources named there.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { KNOWN_ADDONS, defaultPermissions } from "../eks/knownAddons";
import { PRESETS } from "../presets/registry";

interface Row {
    addonName: string;
    namespace?: string;
    serviceAccount?: string;
    managedPolicies?: string[];
    permissions?: string;
    podIdentity?: boolean;
    minimumVersion?: string;
}
interface Snapshot {
    pages: { [page: string]: { path: string; commit: string; rows: Row[] } };
    otherSources: {
        [addonName: string]: { namespace: string; serviceAccounts: { [sa: string]: string } };
    };
}

const snapshot = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "eks-user-guide", "addons.json"), "utf8"),
) as Snapshot;
const rows = (page: string) => snapshot.pages[page].rows;
const guide = [...rows("awsAddons"), ...rows("communityAddons")];

/**
 * Where the guide names a broad managed policy and the default is a narrower preset: each a
 * deliberate choice (least privilege), whose preset then needs the resources it may touch.
 */
const NARROWER_THAN_GUIDE: { [addonName: string]: string } = {
    "vpc-cni": "AmazonEKS_CNI_Policy's actions, or the IPv6 policy on IPv6 clusters",
    "aws-ebs-csi-driver": "AmazonEBSCSIDriverPolicy's actions, as the driver's example policy",
    "aws-efs-csi-driver": "AmazonEFSCSIDriverPolicy's actions, as the driver's example policy",
    "aws-fsx-csi-driver": "the driver's documented policy instead of AmazonFSxFullAccess",
    "amazon-cloudwatch-observability": "CloudWatchAgentServerPolicy's and X-Ray's actions",
    "aws-privateca-connector-for-kubernetes": "the given CAs only",
    "external-dns": "the given hosted zones only, as the guide suggests",
};

describe("known add-ons against the EKS User Guide", () => {
    it("records each page's commit", () => {
        for (const page of Object.values(snapshot.pages)) {
            assert.match(page.commit, /^[0-9a-f]{40}$/, page.path);
            assert.match(page.path, /^latest\/ug\/workloads\/.+\.adoc$/);
        }
    });

    it("knows every add-on the guide gives a role through its own service account, and no other", () => {
        const takesRole = guide
            .filter((row) => row.permissions === undefined)
            .map((row) => row.addonName)
            .sort();
        assert.deepStrictEqual(Object.keys(KNOWN_ADDONS).sort(), takesRole);
        for (const row of guide.filter((r) => r.permissions !== undefined)) {
            assert.strictEqual(KNOWN_ADDONS[row.addonName], undefined, row.addonName);
        }
    });

    it("has the guide's namespace and service account, or those of the other sources", () => {
        for (const row of guide.filter((r) => r.permissions === undefined)) {
            const known = KNOWN_ADDONS[row.addonName];
            const other = snapshot.otherSources[row.addonName];
            const namespace = row.namespace ?? other?.namespace;
            const serviceAccounts = row.serviceAccount
                ? [row.serviceAccount]
                : Object.keys(other?.serviceAccounts ?? {});
            assert.ok(namespace, `${row.addonName}: some source names the namespace`);
            assert.strictEqual(known.namespace, namespace, row.addonName);
            assert.deepStrictEqual(known.serviceAccounts, serviceAccounts, row.addonName);
        }
    });

    it("has the Pod Identity Support Reference's minimum versions, and none where it has none", () => {
        const support = new Map(rows("podIdentitySupport").map((row) => [row.addonName, row]));
        for (const [addonName, known] of Object.entries(KNOWN_ADDONS)) {
            const row = support.get(addonName);
            assert.strictEqual(known.minimumVersion, row?.minimumVersion, addonName);
        }
    });

    it("defaults to the managed policy a source names, or to a narrower preset on purpose", () => {
        for (const row of guide.filter((r) => r.permissions === undefined)) {
            const known = KNOWN_ADDONS[row.addonName];
            const other = snapshot.otherSources[row.addonName]?.serviceAccounts ?? {};
            for (const serviceAccount of known.serviceAccounts) {
                const permissions = defaultPermissions(row.addonName, serviceAccount)!;
                const named = other[serviceAccount] ?? row.managedPolicies?.[0];
                if ("managedPolicy" in permissions) {
                    assert.strictEqual(permissions.managedPolicy, named, serviceAccount);
                } else if ((row.managedPolicies ?? []).length > 0 && !other[serviceAccount]) {
                    assert.ok(
                        NARROWER_THAN_GUIDE[row.addonName],
                        `${row.addonName}: the guide names ${row.managedPolicies!.join(", ")}, ` +
                            `the default is the ${permissions.preset} preset: say why`,
                    );
                }
                if ("preset" in permissions) {
                    assert.ok(PRESETS[permissions.preset], permissions.preset);
                }
            }
        }
    });
});
