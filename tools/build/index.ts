/**
 * What `npm run build` does after `tsc -p tsconfig.build.json`: source maps only for the
 * sources that ship, and the commands executable.
 */
import * as path from "path";
import { markExecutables } from "./executables";
import { pruneSourceMaps } from "./sourceMaps";

const ROOT = path.resolve(__dirname, "..", "..");

pruneSourceMaps(ROOT);
markExecutables(ROOT);
