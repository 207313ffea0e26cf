/** The mock cloud's fixture for a plan: gathered from the project and `--fixture`, then checked. */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import {
    checkBoolean,
    checkObject,
    checkString,
    Fields,
    isFields,
    optional,
    Problems,
} from "../../program/checks";
import { MockFixture, mergeFixtures, PulumiProject } from "../mock-engine";

/** A fixture that cannot be used: every problem, each naming the file and key. */
export class FixtureError extends Error {
    constructor(public readonly problems: string[]) {
        super(`the mock cloud's fixture is wrong:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "FixtureError";
    }
}

const FIXTURE_KEYS = [
    "accountId",
    "region",
    "kubernetesVersion",
    "clusters",
    "stackOutputs",
    "addonVersions",
];
const VERSION = { pattern: /^1\.\d+$/, hint: 'a Kubernetes minor version such as "1.31"' };

/**
 * The fixture of a plan: the project's (stack file `x-mock`, `Pulumi.<stack>.mock.yaml`), then
 * the `--fixture` file over it; the default provider's region follows `aws:region` unless the
 * fixture names one.
 */
export function planFixture(project: PulumiProject, fixtureFile?: string): MockFixture {
    let raw = project.fixture;
    const sources = [...(project.fixtureSources ?? [])];
    if (fixtureFile) {
        if (!fs.existsSync(fixtureFile)) {
            throw new FixtureError([`${fixtureFile} does not exist`]);
        }
        let loaded: unknown;
        try {
            loaded = yaml.load(fs.readFileSync(fixtureFile, "utf8"));
        } catch (error) {
            throw new FixtureError([`${fixtureFile}: ${(error as Error).message.split("\n")[0]}`]);
        }
        // A stack file works as a fixture file too: its x-mock section is the fixture.
        raw = mergeFixtures(
            raw,
            isFields(loaded) && "x-mock" in loaded ? loaded["x-mock"] : loaded,
        );
        sources.push(path.basename(fixtureFile));
    }
    const fixture = checkFixture(raw ?? {}, sources.join(" + ") || "fixture");
    const region = project.config["aws:region"];
    return fixture.region === undefined && region ? { ...fixture, region } : fixture;
}

/** Checks an unvalidated fixture; `source` names where it came from in messages. */
export function checkFixture(raw: unknown, source: string): MockFixture {
    const problems = new Problems();
    const at = (key: string) => `${source}: ${key}`;
    const fields = checkObject(raw, at("fixture"), problems, FIXTURE_KEYS);
    if (fields) {
        const formats: Record<string, { pattern: RegExp; hint: string }> = {
            accountId: { pattern: /^\d{12}$/, hint: "a 12-digit AWS account id" },
            region: {
                pattern: /^[a-z]{2,4}(-[a-z]+)+-\d+$/,
                hint: "an AWS region such as us-east-1",
            },
            kubernetesVersion: VERSION,
        };
        for (const [key, format] of Object.entries(formats)) {
            if (fields[key] !== undefined) {
                checkString(fields[key], at(key), problems, format);
            }
        }
        checkMap(fields.clusters, at("clusters"), problems, (cluster, path) => {
            const spec = checkObject(cluster, path, problems, [
                "version",
                "autoMode",
                "endpoint",
                "ipFamily",
            ]);
            if (spec) {
                optional(spec, "version", path, (v, p) => checkString(v, p, problems, VERSION));
                optional(spec, "autoMode", path, (v, p) => checkBoolean(v, p, problems));
                optional(spec, "ipFamily", path, (v, p) =>
                    checkString(v, p, problems, { pattern: /^ipv[46]$/, hint: "ipv4 or ipv6" }),
                );
                optional(spec, "endpoint", path, (v, p) =>
                    checkString(v, p, problems, {
                        pattern: /^https:\/\/\S+$/,
                        hint: "the API server's https:// URL",
                    }),
                );
            }
        });
        checkMap(fields.stackOutputs, at("stackOutputs"), problems, (outputs, path) =>
            checkObject(outputs, path, problems),
        );
        checkMap(fields.addonVersions, at("addonVersions"), problems, (versions, path) => {
            const pair = checkObject(versions, path, problems, ["default", "latest"]);
            if (pair) {
                checkString(pair.default, `${path}.default`, problems);
                checkString(pair.latest, `${path}.latest`, problems);
            }
        });
    }
    if (problems.list.length > 0) {
        throw new FixtureError(problems.list);
    }
    return raw as MockFixture;
}

function checkMap(
    value: unknown,
    path: string,
    problems: Problems,
    each: (item: unknown, path: string) => void,
): void {
    if (value === undefined) {
        return;
    }
    const map: Fields | undefined = checkObject(value, path, problems);
    for (const [key, item] of Object.entries(map ?? {})) {
        each(item, `${path}.${key}`);
    }
}
