// The program Pulumi runs when this package is used as a plugin, from Python, Go, C#, YAML
// (`pulumi package add`): PulumiPlugin.yaml declares a Node.js plugin, and Pulumi's Node.js
// host (`@pulumi/pulumi/cmd/run-plugin`) require()s the plugin directory, which resolves
// through package.json `main` to this file compiled: bin/plugin.js, plain JavaScript that
// needs no TypeScript loader. It serves the multi-language components explicitly
// (components/multiLanguage.ts), PodIdentity with the schema's form of its args. TypeScript
// users never load this file: they import the package through package.json `exports`, i.e.
// index.ts compiled to bin/.
import * as path from "path";
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { MULTI_LANGUAGE_COMPONENTS, PACKAGE_NAME, SCHEMA_DIR } from "./components/multiLanguage";

void componentProviderHost({
    components: MULTI_LANGUAGE_COMPONENTS,
    name: PACKAGE_NAME,
    // The package root is one level above bin/. The schema analyzer reads package.json (name,
    // version, description) and tsconfig.json in this folder of it: a TypeScript program from
    // index.ts, of the sources the package ships for it (see schema/tsconfig.json).
    dirname: path.resolve(__dirname, "..", SCHEMA_DIR),
});
