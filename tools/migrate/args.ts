/** The command line of `npm run migrate` (and `eks-pod-identity migrate`). */

/** The help text, for the command the user typed; `eks-pod-identity migrate` when installed. */
export function usage(command = "npm run migrate --"): string {
    return USAGE.replace("npm run migrate --", command);
}

export const USAGE = `usage: npm run migrate -- <file> [--json] [--out <file>] [--cluster <oidc-issuer>=<cluster-name>]... [--new-roles]

  <file>       the output of \`pulumi stack export\` (add --show-secrets to read kubeconfigs)
  --json       print one JSON document (its \`migrations\` array lists every association)
  --out <file> write the plan to <file> instead of printing it
  --cluster    name the EKS cluster behind an OIDC issuer the export does not show, e.g.
               --cluster oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE=prod-use1
  --new-roles  create a new Pod Identity role per IRSA role instead of keeping each role
               (its ARN changes: every policy that names the old one must be updated)

Exit status: 0 with a plan, 2 on bad input.`;

/** A command line that cannot run; the message says why. */
export class UsageError extends Error {}

/** The parsed command line. */
export interface MigrateArgs {
    file: string;
    json: boolean;
    out?: string;
    /** OIDC issuer to cluster name. */
    clusters: Map<string, string>;
    /** A new role per IRSA role instead of keeping each (`--new-roles`). */
    newRoles: boolean;
    help: boolean;
}

/** Parses the arguments after `npm run migrate --`. */
export function parseArgs(argv: string[]): MigrateArgs {
    const args: MigrateArgs = {
        file: "",
        json: false,
        clusters: new Map(),
        newRoles: false,
        help: false,
    };
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const next = argv[++i];
            if (next === undefined || next.startsWith("--")) {
                throw new UsageError(`${arg} needs a value.`);
            }
            return next;
        };
        if (arg === "--help" || arg === "-h") {
            args.help = true;
        } else if (arg === "--json") {
            args.json = true;
        } else if (arg === "--new-roles") {
            args.newRoles = true;
        } else if (arg === "--out") {
            args.out = value();
        } else if (arg === "--cluster") {
            const mapping = value();
            const at = mapping.lastIndexOf("=");
            if (at <= 0 || at === mapping.length - 1) {
                throw new UsageError(
                    `--cluster ${mapping}: expected <oidc-issuer>=<cluster-name>, e.g. ` +
                        `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE=prod-use1.`,
                );
            }
            args.clusters.set(mapping.slice(0, at), mapping.slice(at + 1));
        } else if (arg.startsWith("--")) {
            throw new UsageError(`unknown option ${arg}.`);
        } else {
            files.push(arg);
        }
    }
    if (!args.help && files.length !== 1) {
        throw new UsageError(
            files.length === 0 ? "name the stack export to read." : "give one stack export.",
        );
    }
    args.file = files[0] ?? "";
    return args;
}
