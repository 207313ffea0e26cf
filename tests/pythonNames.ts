/**
 * How Pulumi's Python SDK generator names things, for checking a Python program against the
 * package schema without a Python toolchain. Ported from pulumi/pulumi:
 * pkg/codegen/python/utilities.go `PyName` (property and argument names: camelCase to
 * snake_case, acronyms kept whole, keywords suffixed `_`), pkg/codegen/python/gen.go
 * `unqualifiedObjectTypeName` (an input object type is its type name plus `Args`) and
 * `pyPack` (the module is `pulumi_` plus the package name with `-` as `_`).
 */

/** The Python module of a Pulumi package: `pulumi_eks_pod_identity` for `eks-pod-identity`. */
export function pythonModule(packageName: string): string {
    return `pulumi_${packageName.replace(/-/g, "_")}`;
}

/** The Python class of an input object type: `<Type>Args`. */
export function pythonInputClass(typeName: string): string {
    return `${typeName}Args`;
}

const KEYWORDS = new Set(
    (
        "False None True and as assert async await break class continue def del elif else " +
        "except exec finally for from global if import in is lambda nonlocal not or pass " +
        "print raise return try while with yield"
    ).split(" "),
);

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isDigit = (c: string) => c >= "0" && c <= "9";

/** A schema property name as a Python argument: `roleArn` -> `role_arn`, `Sid` -> `sid`. */
export function pyName(name: string): string {
    // The states of PyName's state machine.
    type State = "first" | "upper" | "acronym" | "lowerOrNumber";
    const components: string[] = [];
    let current = "";
    let state: State = "first";
    for (let char of name) {
        if (!/[\p{L}\p{Nd}_]/u.test(char)) {
            char = "_";
        }
        switch (state) {
            case "first":
                if (!/[\p{L}_]/u.test(char)) {
                    current += "_";
                }
                state = isUpper(char) ? "upper" : "lowerOrNumber";
                current += char.toLowerCase();
                break;
            case "upper":
                state = isUpper(char) ? "acronym" : "lowerOrNumber";
                current += isUpper(char) ? char.toLowerCase() : char;
                break;
            case "acronym":
                if (isUpper(char)) {
                    current += char.toLowerCase();
                } else if (isDigit(char) || char === "s") {
                    // Digits and a plural `s` stay with the acronym (`ARNs` -> `arns`).
                    current += char;
                    state = "lowerOrNumber";
                } else {
                    components.push(current.slice(0, -1));
                    current = current.slice(-1) + char;
                    state = "lowerOrNumber";
                }
                break;
            case "lowerOrNumber":
                if (isUpper(char)) {
                    components.push(current);
                    current = char.toLowerCase();
                    state = "upper";
                } else {
                    current += char;
                }
                break;
        }
    }
    if (current) {
        components.push(current);
    }
    const result = components.join("_");
    return KEYWORDS.has(result) ? `${result}_` : result;
}
