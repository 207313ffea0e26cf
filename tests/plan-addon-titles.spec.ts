import * as assert from "assert";
import { PlanDocument } from "../tools/plan/document";
import { main } from "../tools/plan/main";
import { renderText } from "../tools/plan/text";
import { PACKAGE_ROOT } from "../tools/mock-engine";

/** The sample stack's plan as JSON (`npm run plan -- --json`). */
async function samplePlan(): Promise<PlanDocument> {
    let stdout = "";
    const status = await main(["--json"], {
        stdout: (text: string) => (stdout += text),
        stderr: () => undefined,
        stderrIsTTY: false,
        cwd: PACKAGE_ROOT,
    });
    assert.strictEqual(status, 0);
    return JSON.parse(stdout) as PlanDocument;
}

describe("the plan's text titles of add-ons", () => {
    it("lists the Pod Identity agents as agent add-ons and any other add-on as an EKS add-on", async () => {
        const doc = await samplePlan();
        const agent = doc.review.addons[0];
        doc.review.addons.push({
            ...agent,
            name: "storage",
            addonName: "aws-ebs-csi-driver",
            version: "v1.40.0-eksbuild.1",
            preserve: false,
        });
        const out = renderText(doc).split("\n");
        const agents = out.indexOf("Agent add-ons (2)");
        const others = out.indexOf("EKS add-ons (1)");
        assert.ok(agents >= 0 && others > agents, out.join("\n"));
        assert.ok(
            out
                .slice(agents + 1, others)
                .filter((line) => line.startsWith("  "))
                .every((line) => line.includes("eks-pod-identity-agent")),
        );
        assert.strictEqual(
            out[others + 1],
            `  ${agent.clusterName} (${agent.region}): aws-ebs-csi-driver v1.40.0-eksbuild.1, removed on delete`,
        );
    });
});
