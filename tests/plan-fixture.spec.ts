import * as assert from "assert";
import { checkFixture, FixtureError } from "../tools/plan/fixture";

describe("the plan's fixture: cluster answers", () => {
    it("takes ipFamily ipv4 or ipv6 per cluster", () => {
        const fixture = checkFixture({ clusters: { v6: { ipFamily: "ipv6" } } }, "f.yaml");
        assert.strictEqual(fixture.clusters?.v6.ipFamily, "ipv6");
    });

    it("refuses an IP family or endpoint that DescribeCluster would never answer", () => {
        assert.throws(
            () => checkFixture({ clusters: { a: { ipFamily: "ipv5", endpoint: "" } } }, "f.yaml"),
            (error: unknown) =>
                error instanceof FixtureError &&
                error.problems.join("\n") ===
                    'f.yaml: clusters.a.ipFamily must be ipv4 or ipv6, got "ipv5"\n' +
                        'f.yaml: clusters.a.endpoint must be the API server\'s https:// URL, got ""',
        );
    });
});
