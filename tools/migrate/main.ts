/** `npm run migrate`: the package's `eks-pod-identity migrate` command, run from source. */
import { cli, processIO } from "../cli/main";

void cli(["migrate", ...process.argv.slice(2)], processIO()).then((status) => {
    process.exitCode = status;
});
