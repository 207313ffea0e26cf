/** The plan for CI and review tools: the plan document as JSON. */
import { PlanDocument } from "./document";

/** Renders a plan as one JSON document (2-space indented, byte-identical from run to run). */
export function renderJson(doc: PlanDocument): string {
    return JSON.stringify(doc, null, 2) + "\n";
}
