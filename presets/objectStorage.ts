import * as pulumi from "@pulumi/pulumi";
import { MinimumVersion } from "./minimumVersion";
import { definePreset, Preset, UpstreamRecord } from "./preset";
import { bucketArn, keyPrefixes, objectArns } from "./s3Paths";
import { allow, kmsEncryptDecrypt, viaService } from "./statements";
import { bucketRootListStatements, startupListCondition, StartupListing } from "./storageStartup";

/**
 * Options of the object storage presets (`lokiStorage`, `thanosStorage`, `tempoStorage`,
 * `mimirStorage`): the buckets a backend keeps its chunks, blocks or traces in.
 */
export interface ObjectStorageOptions {
    /** The buckets, as ARNs (`arn:aws:s3:::my-bucket`) or bare names. Required. */
    bucketArns: pulumi.Input<string>[];
    /**
     * Key prefixes the backend stores under (its `storage_prefix` or `prefix` setting), e.g.
     * `loki/`. Default: the whole bucket.
     */
    prefixes?: pulumi.Input<string>[];
    /**
     * ARNs of the customer managed KMS keys the buckets encrypt with (SSE-KMS); used only through
     * S3 (`kms:ViaService`). Default: none (SSE-S3 or AWS managed keys need none).
     */
    kmsKeyArns?: pulumi.Input<string>[];
}

/** What distinguishes one backend's storage preset from another's. */
type ObjectStorageBackend = BackendFacts & UpstreamRecord;

interface BackendFacts {
    /** The backend, as the README's "Controller / service" column names it. */
    title: string;
    /** What the policy grants. */
    description: string;
    /** The object actions the backend's documented policy lists (besides `s3:ListBucket`). */
    objectActions: string[];
    /** What the backend lists when it starts, so the `s3:prefix` condition allows it. */
    startupListing: StartupListing;
    /** The first backend release that can use Pod Identity credentials. */
    minimumVersion: MinimumVersion;
    /** An example bucket name. */
    bucket: string;
}

/** The backend's upstream record, as the preset carries it. */
function upstreamRecord(backend: ObjectStorageBackend): UpstreamRecord {
    if (backend.upstream) {
        return { upstream: backend.upstream };
    }
    if (backend.upstreamParts) {
        return { upstreamParts: backend.upstreamParts };
    }
    return { noUpstreamPolicy: backend.noUpstreamPolicy };
}

/**
 * A preset for a backend that keeps its data in S3: list the buckets (only under the prefixes,
 * and what the backend lists at start-up), the backend's object actions under the prefixes, and
 * SSE-KMS through S3.
 */
export function objectStoragePreset(backend: ObjectStorageBackend): Preset<ObjectStorageOptions> {
    return definePreset<ObjectStorageOptions>({
        ...upstreamRecord(backend),
        minimumVersion: backend.minimumVersion,
        title: backend.title,
        description: backend.description,
        options: { bucketArns: "required", prefixes: "optional", kmsKeyArns: "optional" },
        example: {
            bucketArns: [backend.bucket],
            kmsKeyArns: [
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            ],
        },
        statements: (o, context) => {
            const buckets = o.bucketArns.map((b) => bucketArn(context, b));
            const prefixes = keyPrefixes(o.prefixes, undefined);
            const listing = backend.startupListing;
            return [
                allow(
                    "ListBuckets",
                    ["s3:ListBucket"],
                    buckets,
                    startupListCondition(prefixes, listing),
                ),
                ...bucketRootListStatements(buckets, prefixes, listing),
                allow("ReadWriteObjects", backend.objectActions, objectArns(buckets, prefixes)),
                ...kmsEncryptDecrypt("EncryptObjects", o.kmsKeyArns, viaService(context, "s3")),
            ];
        },
    });
}
