// The program Pulumi runs when this package is used as a plugin, from Python, Go, C#, YAML
// (`pulumi package add`): PulumiPlugin.yaml declares a Node.js plugin, and Pulumi's Node.js
// host loads this directory's package.json `main`, which is this file. It serves the
// multi-language components explicitly (components/multiLanguage.ts), PodIdentity with the
// schema's form of its args. TypeScript users never load this file: they import the package
// through package.json `exports`, i.e. index.ts compiled to bin/.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { MULTI_LANGUAGE_COMPONENTS, PACKAGE_NAME } from "./components/multiLanguage";

void componentProviderHost({
    components: MULTI_LANGUAGE_COMPONENTS,
    name: PACKAGE_NAME,
    // The package root: where package.json and tsconfig.json are, which the schema analyzer reads.
    dirname: __dirname,
});
