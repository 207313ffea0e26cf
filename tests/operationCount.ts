/**
 * Counts the work a piece of code does, without a clock: every element an array, map or set
 * method walks, every step of their iterators, every key `Object.keys`/`values`/`entries`
 * lists and every character JSON parses or writes. Linear code does work in proportion to
 * its input; code that walks the stack once per resource does it in proportion to the
 * square. The count is an upper bound (`find` is charged the whole array), the same bound
 * for every input, so the ratio of two counts shows how the work grows.
 *
 * The wrappers themselves never spread (`...`) an array: spreading iterates, which would
 * call the patched iterator from inside itself.
 */

type AnyFunction = (...args: unknown[]) => unknown;
type Holder = Record<PropertyKey, unknown>;

const ARRAY_WALKS = [
    "forEach",
    "map",
    "filter",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "flatMap",
    "flat",
    "reduce",
    "reduceRight",
    "includes",
    "indexOf",
    "lastIndexOf",
    "join",
    "slice",
    "concat",
    "sort",
    "reverse",
] as const;
const ITERATORS = [Symbol.iterator, "values", "keys", "entries"] as const;

let operations = 0;
let counting = false;

function countingIterator(iterator: Iterator<unknown>): Iterator<unknown> & Iterable<unknown> {
    return {
        next() {
            operations++;
            return iterator.next();
        },
        return(value?: unknown) {
            return iterator.return ? iterator.return(value) : { done: true, value };
        },
        [Symbol.iterator]() {
            return this;
        },
    };
}

/** Replaces `holder[key]` for the duration of a count; returns the function that restores it. */
function patch(
    holder: Holder,
    key: PropertyKey,
    wrap: (original: AnyFunction) => AnyFunction,
): () => void {
    const original = holder[key] as AnyFunction | undefined;
    if (typeof original !== "function") {
        return () => undefined;
    }
    holder[key] = wrap(original);
    return () => {
        holder[key] = original;
    };
}

function install(): () => void {
    const restores: (() => void)[] = [];
    const arrayProto = Array.prototype as unknown as Holder;
    for (const method of ARRAY_WALKS) {
        restores.push(
            patch(
                arrayProto,
                method,
                (original) =>
                    function (this: unknown[], ...args: unknown[]) {
                        operations += this.length;
                        return original.apply(this, args);
                    },
            ),
        );
    }
    for (const proto of [Array.prototype, Map.prototype, Set.prototype]) {
        for (const key of ITERATORS) {
            restores.push(
                patch(
                    proto as unknown as Holder,
                    key,
                    (original) =>
                        function (this: unknown, ...args: unknown[]) {
                            return countingIterator(
                                original.apply(this, args) as Iterator<unknown>,
                            );
                        },
                ),
            );
        }
    }
    for (const proto of [Map.prototype, Set.prototype]) {
        restores.push(
            patch(
                proto as unknown as Holder,
                "forEach",
                (original) =>
                    function (this: { size: number }, ...args: unknown[]) {
                        operations += this.size;
                        return original.apply(this, args);
                    },
            ),
        );
    }
    const objectFns = Object as unknown as Holder;
    for (const key of ["keys", "values", "entries"]) {
        restores.push(
            patch(objectFns, key, (original) => (...args: unknown[]) => {
                const listed = original.apply(Object, args) as unknown[];
                operations += listed.length;
                return listed;
            }),
        );
    }
    const json = JSON as unknown as Holder;
    restores.push(
        patch(json, "parse", (original) => (...args: unknown[]) => {
            operations += String(args[0]).length;
            return original.apply(JSON, args);
        }),
        patch(json, "stringify", (original) => (...args: unknown[]) => {
            const text = original.apply(JSON, args);
            operations += typeof text === "string" ? text.length : 0;
            return text;
        }),
    );
    return () => restores.reverse().forEach((restore) => restore());
}

/** The operations `work` performs (see above), and its result. */
export async function countOperations<T>(
    work: () => Promise<T> | T,
): Promise<{ operations: number; result: T }> {
    if (counting) {
        throw new Error("countOperations does not nest");
    }
    counting = true;
    operations = 0;
    const uninstall = install();
    try {
        const result = await work();
        return { operations, result };
    } finally {
        uninstall();
        counting = false;
    }
}
