/**
 * Args of any shape, as YAML, Python or stack configuration may send them: a value of the
 * wrong type gets one message naming the property, the type it must have and the value as
 * received, before anything is registered; never a raw TypeError, and never a message that
 * misreads the value ("3600" stays a string, YAML's unquoted 1.30 is the number 1.3).
 */
import * as assert from "assert";
import fc from "fast-check";
import {
    PodIdentity,
    PodIdentityAddon,
    PodIdentityAgent,
    PodIdentityBinding,
    PodIdentityRole,
    PodIdentityTargetRole,
} from "../index";
import { record, refusal } from "./harness";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const SA = [{ namespace: "demo", name: "api" }];

/** Valid args of each component, and how to build it: the base the wrong values go into. */
const COMPONENTS: {
    [name: string]: { args: Record<string, unknown>; build: (args: never) => unknown };
} = {
    PodIdentityRole: {
        args: { name: "app", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
        build: (args) => new PodIdentityRole("c", args),
    },
    PodIdentityTargetRole: {
        args: { trustedRoleArns: [ROLE_ARN] },
        build: (args) => new PodIdentityTargetRole("c", args),
    },
    PodIdentityAgent: {
        args: { clusterName: "prod", version: "v1.3.8-eksbuild.2" },
        build: (args) => new PodIdentityAgent("c", args),
    },
    PodIdentityBinding: {
        args: { clusterName: "prod", namespace: "demo", serviceAccount: "api", roleArn: ROLE_ARN },
        build: (args) => new PodIdentityBinding("c", args),
    },
    PodIdentityAddon: {
        args: { clusterName: "prod", addonName: "aws-ebs-csi-driver", agent: false },
        build: (args) => new PodIdentityAddon("c", args),
    },
    PodIdentity: {
        args: {
            roleArn: ROLE_ARN,
            serviceAccounts: SA,
            clusters: { prod: { clusterName: "prod" } },
        },
        build: (args) => new PodIdentity("c", args),
    },
};

/** Properties and the JSON types they take: [path, setter, what the message says it must be]. */
const PROPERTIES: { component: string; path: string[]; kind: Kind; expected: RegExp }[] = [
    { component: "PodIdentityRole", path: ["name"], kind: "string", expected: /a string/ },
    {
        component: "PodIdentityRole",
        path: ["maxSessionDuration"],
        kind: "number",
        expected: /a number/,
    },
    {
        component: "PodIdentityRole",
        path: ["managedPolicyArns"],
        kind: "list",
        expected: /a list of strings/,
    },
    { component: "PodIdentityRole", path: ["tags"], kind: "object", expected: /a map of strings/ },
    { component: "PodIdentityRole", path: ["trust"], kind: "object", expected: /trust conditions/ },
    {
        component: "PodIdentityTargetRole",
        path: ["trustedRoleArns"],
        kind: "list",
        expected: /a list of strings/,
    },
    {
        component: "PodIdentityTargetRole",
        path: ["sessionTags"],
        kind: "boolean",
        expected: /true or false/,
    },
    { component: "PodIdentityAgent", path: ["clusterName"], kind: "string", expected: /a string/ },
    { component: "PodIdentityAgent", path: ["version"], kind: "string", expected: /a string/ },
    {
        component: "PodIdentityAgent",
        path: ["preserve"],
        kind: "boolean",
        expected: /true or false/,
    },
    { component: "PodIdentityBinding", path: ["namespace"], kind: "string", expected: /a string/ },
    { component: "PodIdentityBinding", path: ["roleArn"], kind: "string", expected: /a string/ },
    {
        component: "PodIdentityBinding",
        path: ["createNamespace"],
        kind: "boolean",
        expected: /true or false/,
    },
    { component: "PodIdentityAddon", path: ["addonName"], kind: "string", expected: /a string/ },
    { component: "PodIdentityAddon", path: ["agent"], kind: "boolean", expected: /true or false/ },
    {
        component: "PodIdentity",
        path: ["serviceAccounts"],
        kind: "list",
        expected: /a list of service accounts/,
    },
    { component: "PodIdentity", path: ["clusters"], kind: "object", expected: /a map of clusters/ },
    {
        component: "PodIdentity",
        path: ["clusters", "prod", "clusterName"],
        kind: "string",
        expected: /a string/,
    },
    {
        component: "PodIdentity",
        path: ["clusters", "prod", "kubernetesVersion"],
        kind: "string",
        expected: /a string/,
    },
    {
        component: "PodIdentity",
        path: ["retainNamespacesOnDelete"],
        kind: "boolean",
        expected: /true or false/,
    },
];

type Kind = "string" | "number" | "boolean" | "list" | "object";

/** Any JSON value but one of `kind`. */
function wrongFor(kind: Kind): fc.Arbitrary<unknown> {
    const all: { [k in Kind | "null"]: fc.Arbitrary<unknown> } = {
        string: fc.string(),
        number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        boolean: fc.boolean(),
        list: fc.array(fc.jsonValue(), { maxLength: 3 }),
        object: fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { maxKeys: 3 }),
        null: fc.constant(null),
    };
    return fc.oneof(
        ...Object.entries(all)
            .filter(([other]) => other !== kind)
            .map(([, arbitrary]) => arbitrary),
    );
}

/** `args` with the value at `path` replaced. */
function withValue(args: Record<string, unknown>, path: string[], value: unknown) {
    const copy = structuredClone(args);
    let at: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
        at = at[key] as Record<string, unknown>;
    }
    at[path[path.length - 1]] = value;
    return copy;
}

describe("args of the wrong type: one message each, naming the property and its type", () => {
    it("a number where a string is expected, said as received, with the fix for YAML", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: SA,
                        // YAML's unquoted 1.30: the number 1.3, never read as version "1.3".
                        clusters: {
                            prod: { clusterName: "prod", kubernetesVersion: 1.3 as never },
                        },
                    }),
            ),
            [
                "clusters.prod.kubernetesVersion: must be a string, got the number 1.3 (quote it: " +
                    "YAML reads unquoted numbers as numbers, 1.30 as 1.3).",
            ],
        );
    });

    it('a string where a number is expected: "3600" stays a string', () => {
        assert.deepStrictEqual(
            refusal(() => new PodIdentityRole("app", { maxSessionDuration: "3600" as never })),
            ['maxSessionDuration: must be a number, got the string "3600".'],
        );
    });

    it("a string where a list is expected", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentity("app", {
                        roleArn: ROLE_ARN,
                        serviceAccounts: "demo/api" as never,
                        clusters: { prod: { clusterName: "prod" } },
                    }),
            ),
            [
                'serviceAccounts: must be a list of service accounts, e.g. [{ namespace: "demo", ' +
                    'name: "api" }], got the string "demo/api".',
            ],
        );
    });

    it("null, and an object where true or false is expected", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentity("app", {
                        role: null as never,
                        serviceAccounts: SA,
                        clusters: { prod: { clusterName: "prod" } },
                        retainNamespacesOnDelete: {} as never,
                    }),
            ),
            [
                "role: must be role arguments (PodIdentityRoleArgs), got null.",
                "retainNamespacesOnDelete: must be true or false, got an object.",
            ],
        );
    });

    it("a missing required property, and nothing that follows from it", () => {
        assert.deepStrictEqual(
            refusal(
                () =>
                    new PodIdentityBinding("api", {
                        namespace: "demo",
                        roleArn: ROLE_ARN,
                    } as never),
            ),
            [
                "clusterName: is missing: give the EKS cluster's name (a string).",
                "serviceAccount: is missing: give the Kubernetes service account's name (a string).",
            ],
        );
        // The add-on's name decides its service account and default role: only the name is said.
        assert.deepStrictEqual(
            refusal(() => new PodIdentityAddon("ebs", { clusterName: "prod" } as never)),
            ["addonName: is missing: give the EKS add-on's name, e.g. aws-ebs-csi-driver."],
        );
    });

    it("args that are not an object at all", () => {
        assert.deepStrictEqual(
            refusal(() => new PodIdentityAgent("agent", "prod" as never)),
            ['args: must be an object of PodIdentityAgent\'s arguments, got the string "prod".'],
        );
    });

    it("IAM's single string for Action and Resource is taken as a list of one", async () => {
        const run = await record(
            () =>
                new PodIdentityRole("app", {
                    statements: [
                        { Action: "s3:GetObject" as never, Resource: "arn:aws:s3:::b/*" as never },
                    ],
                }),
        );
        const inline = run.resources.find((r) => r.name === "app-inline");
        assert.ok(inline);
        const policy = JSON.parse(String(inline.inputs.policy)) as {
            Statement: { Action: string[]; Resource: string[] }[];
        };
        assert.deepStrictEqual(policy.Statement[0].Action, ["s3:GetObject"]);
        assert.deepStrictEqual(policy.Statement[0].Resource, ["arn:aws:s3:::b/*"]);
    });

    it("any JSON value of another type, anywhere: one clean refusal, nothing registered (property)", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc
                    .constantFrom(...PROPERTIES)
                    .chain((property) =>
                        wrongFor(property.kind).map((value) => ({ property, value })),
                    ),
                async ({ property, value }) => {
                    const component = COMPONENTS[property.component];
                    const args = withValue(component.args, property.path, value);
                    let problems: string[] = [];
                    const run = await record(() => {
                        problems = refusal(() => component.build(args as never));
                    });
                    const path = property.path.join(".");
                    assert.strictEqual(problems.length, 1, problems.join("\n"));
                    assert.ok(problems[0].startsWith(`${path}: must be `), problems[0]);
                    assert.match(problems[0], property.expected);
                    assert.doesNotMatch(problems[0], /TypeError|undefined is not|Cannot read/);
                    assert.deepStrictEqual(
                        run.resources.filter(
                            (r) => r.type.startsWith("eks-pod-identity") || r.custom,
                        ),
                        [],
                    );
                },
            ),
            { numRuns: 60 },
        );
    });
});
