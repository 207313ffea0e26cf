/** `npm run migrate`: runs {@link runMigrate} on the process's streams and files. */
import * as fs from "fs";
import * as path from "path";
import { runMigrate } from "./index";

// `npm run` starts scripts in the package root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();

process.exitCode = runMigrate(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (file) => fs.readFileSync(path.resolve(cwd, file), "utf8"),
    writeFile: (file, text) => fs.writeFileSync(path.resolve(cwd, file), text),
});
