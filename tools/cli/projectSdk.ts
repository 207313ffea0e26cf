/**
 * The plan runs the user's program in this process, beside the mock engine. Both must use the
 * same @pulumi/pulumi module instance, the project's own: the runtime keeps its settings (the
 * mock monitor, the stack resource) in module state, and a resource from one copy is not a
 * `Resource` to another. A package installed in the project already resolves to that copy; a
 * command installed elsewhere (globally, another workspace) would not, so the package's own
 * requests for @pulumi/* are resolved from the project first.
 */
import Module from "module";
import * as path from "path";

type Resolve = (
    request: string,
    parent?: { filename?: string | null },
    ...rest: unknown[]
) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };

const SHARED = /^@pulumi\/(pulumi|policy)(\/.*)?$/;

/**
 * From now on, `@pulumi/pulumi` and `@pulumi/policy` (and their subpaths) required by this
 * package's own files resolve from `projectDir` when the project has them. Returns a function
 * that undoes it.
 */
export function shareProjectSdk(projectDir: string, packageRoot: string): () => void {
    const original = moduleInternals._resolveFilename;
    const fromProject = Module.createRequire(path.join(projectDir, "package.json"));
    const own = packageRoot + path.sep;
    const ownDependencies = path.join(packageRoot, "node_modules") + path.sep;
    moduleInternals._resolveFilename = function (this: unknown, request, parent, ...rest) {
        const from = parent?.filename ?? "";
        if (SHARED.test(request) && from.startsWith(own) && !from.startsWith(ownDependencies)) {
            try {
                return fromProject.resolve(request);
            } catch {
                // Not in the project: the package's own resolution decides.
            }
        }
        return original.call(this, request, parent, ...rest);
    };
    return () => {
        moduleInternals._resolveFilename = original;
    };
}
