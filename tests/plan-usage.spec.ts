import * as assert from "assert";
import { NPM_RUN_PLAN, usage } from "../tools/plan/args";

describe("the plan's help text", () => {
    it("for the installed command names the user's project, nothing of this repository", () => {
        const help = usage("eks-pod-identity plan");
        assert.match(help, /^Usage: eks-pod-identity plan \[<project dir>\] \[options\]\n/);
        assert.match(
            help,
            /<project dir>\s+the project to plan \(default: the current directory\)\n/,
        );
        assert.doesNotMatch(help, /repository|npm run/);
    });

    it("for `npm run plan` keeps this repository's default, the root project", () => {
        const help = usage(NPM_RUN_PLAN);
        assert.match(help, /^Usage: npm run plan \[-- \[<project dir>\] \[options\]\]\n/);
        assert.match(help, /in this\n\s+repository, the root project, stack "example"/);
    });
});
