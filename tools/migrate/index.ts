/**
 * From IRSA to EKS Pod Identity: a migration plan read from a stack's state (`pulumi stack
 * export`). A library function, so that `npm run migrate` (tools/migrate/main.ts) and the
 * package's `eks-pod-identity migrate` command run the same code with their own streams. Plain
 * Node.js only: nothing here needs ts-node or a dev dependency.
 */
import { parseArgs, usage, UsageError } from "./args";
import { migrationDocument } from "./document";
import { migrationPlan } from "./plan";
import { BadInput, parseStackExport } from "./stackExport";
import { renderText } from "./text";

export { AddonDocument, ExternalRoleDocument, MigrationDocument, RoleDocument } from "./document";
export { Migration, MigrationMode } from "./plan";
export { Reference } from "./references";
export { TrustUpdate } from "./trustUpdate";

/** Exit statuses of a migration plan. */
export const EXIT = { plan: 0, badInput: 2 } as const;

/** Where the command reads and writes. */
export interface MigrateIO {
    stdout(text: string): void;
    stderr(text: string): void;
    /** Reads a file as UTF-8 text; throws (as `fs.readFileSync` does) when it cannot. */
    readFile(path: string): string;
    /** Writes `--out`. Default: none, and `--out` is refused. */
    writeFile?(path: string, text: string): void;
    /** How the user started it, for the help text. Default: `npm run migrate --`. */
    command?: string;
}

/** Runs `migrate` with the arguments after the command name; returns the exit status. */
export function runMigrate(argv: string[], io: MigrateIO): number {
    const fail = (message: string) => {
        io.stderr(`migrate: ${message}\n`);
        return EXIT.badInput;
    };
    try {
        const args = parseArgs(argv);
        if (args.help) {
            io.stdout(`${usage(io.command)}\n`);
            return EXIT.plan;
        }
        let text: string;
        try {
            text = io.readFile(args.file);
        } catch (error) {
            const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            return fail(
                `cannot read ${args.file} (${reason}): give the file \`pulumi stack export\` wrote.`,
            );
        }
        const exported = parseStackExport(text, args.file);
        const doc = migrationDocument(
            migrationPlan(exported, args.clusters, args.newRoles ? "new-roles" : "keep-role"),
            args.file,
        );
        const output = args.json ? `${JSON.stringify(doc, null, 2)}\n` : renderText(doc);
        if (args.out === undefined) {
            io.stdout(output);
            return EXIT.plan;
        }
        if (!io.writeFile) {
            return fail("--out is not available here; redirect the output instead.");
        }
        try {
            io.writeFile(args.out, output);
        } catch (error) {
            const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            return fail(`cannot write ${args.out} (${reason}).`);
        }
        io.stdout(
            `plan written to ${args.out}: ${doc.summary.irsaRoles} IRSA role(s), ` +
                `${doc.summary.migrations} association(s), ${doc.summary.flagged} item(s) for a person\n`,
        );
        return EXIT.plan;
    } catch (error) {
        if (error instanceof UsageError) {
            return fail(`${error.message}\n\n${usage(io.command)}`);
        }
        if (error instanceof BadInput) {
            return fail(error.message);
        }
        throw error;
    }
}
