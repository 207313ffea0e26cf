import * as pulumi from "@pulumi/pulumi";
import { definePreset } from "./preset";
import { principalTag, SessionTag } from "./sessionTags";
import { allow, Conditions, kmsDecrypt, kmsEncryptDecrypt, viaService } from "./statements";
import { SERVICE_ACCESS_WITHOUT_UPSTREAM } from "./serviceAccess";

/** Options of the `dynamodbRead` and `dynamodbReadWrite` presets. */
export interface DynamoDbTableOptions {
    /** ARNs of the tables; their indexes are included. Required. */
    tableArns: pulumi.Input<string>[];
    /**
     * A session tag (ABAC) that the partition key of every item read or written must equal
     * (`dynamodb:LeadingKeys`), e.g. `kubernetes-namespace`: one table shared by namespaces,
     * each seeing only its own items. Scans and PartiQL, which cannot be limited by key, are
     * then not granted. Default: none.
     */
    leadingKeySessionTag?: SessionTag;
    /** ARNs of customer managed KMS keys the tables encrypt with; used only through DynamoDB. Default: none. */
    kmsKeyArns?: pulumi.Input<string>[];
}

const options = {
    tableArns: "required",
    leadingKeySessionTag: "optional",
    kmsKeyArns: "optional",
} as const;

const example = {
    tableArns: ["arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
    leadingKeySessionTag: SessionTag.Namespace,
};

const KEYED_READ = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
];
const UNKEYED_READ = ["dynamodb:Scan", "dynamodb:PartiQLSelect"];
const KEYED_WRITE = [
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];

function tableResources(tables: string[]): string[] {
    return tables.flatMap((table) => [table, `${table}/index/*`]);
}

function leadingKeys(tag: SessionTag | undefined): Conditions | undefined {
    return tag
        ? { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [principalTag(tag)] } }
        : undefined;
}

export const dynamodbRead = definePreset<DynamoDbTableOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon DynamoDB (read)",
    description:
        "Reads items (get, batch get, query, scan) from the given tables and their indexes; with `leadingKeySessionTag`, only items whose partition key is the pod's session tag, and no scans.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "ReadItems",
            o.leadingKeySessionTag ? KEYED_READ : [...KEYED_READ, ...UNKEYED_READ],
            tableResources(o.tableArns),
            leadingKeys(o.leadingKeySessionTag),
        ),
        ...kmsDecrypt("DecryptTables", o.kmsKeyArns, viaService(context, "dynamodb")),
    ],
});

export const dynamodbReadWrite = definePreset<DynamoDbTableOptions>({
    noUpstreamPolicy: SERVICE_ACCESS_WITHOUT_UPSTREAM,
    title: "Amazon DynamoDB (read-write)",
    description:
        "Reads, writes and deletes items in the given tables (indexes read-only by nature); with `leadingKeySessionTag`, only items whose partition key is the pod's session tag, and no scans.",
    options,
    example,
    statements: (o, context) => [
        allow(
            "ReadWriteItems",
            o.leadingKeySessionTag
                ? [...KEYED_READ, ...KEYED_WRITE]
                : [...KEYED_READ, ...UNKEYED_READ, ...KEYED_WRITE],
            tableResources(o.tableArns),
            leadingKeys(o.leadingKeySessionTag),
        ),
        ...kmsEncryptDecrypt("EncryptTables", o.kmsKeyArns, viaService(context, "dynamodb")),
    ],
});
