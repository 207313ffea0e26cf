// The AWS announcement's demo, end to end on one cluster: a bucket, a role that may list
// that one bucket, Pod Identity for demo/s3-lister, and an API that returns the bucket's
// file list as JSON.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentity } from "eks-pod-identity";

const config = new pulumi.Config();
const clusterName = config.require("clusterName");

const bucket = new aws.s3.Bucket("demo", { forceDestroy: true });
new aws.s3.BucketObject("hello", { bucket: bucket.id, key: "hello.txt", content: "hello" });

const podIdentity = new PodIdentity("s3-demo", {
    role: { statements: [{ Action: ["s3:ListBucket"], Resource: [bucket.arn] }] },
    serviceAccounts: [{ namespace: "demo", name: "s3-lister" }],
    clusters: { demo: { clusterName } },
});
const binding = podIdentity.bindings["demo/demo/s3-lister"];
// The Kubernetes provider PodIdentity built from the cluster's endpoint.
const provider = podIdentity.kubernetesProviders.demo;

// boto3 1.34.41 or later reads Pod Identity credentials; the image installs the newest.
const server = `
import json, os, boto3
from http.server import BaseHTTPRequestHandler, HTTPServer
s3 = boto3.client("s3")
class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        listing = s3.list_objects_v2(Bucket=os.environ["BUCKET"])
        body = json.dumps([o["Key"] for o in listing.get("Contents", [])]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)
HTTPServer(("", 8080), Handler).serve_forever()
`;

const labels = { app: "s3-lister" };
const code = new k8s.core.v1.ConfigMap(
    "s3-lister",
    { metadata: { namespace: binding.namespaceName }, data: { "server.py": server } },
    { provider },
);
const deployment = new k8s.apps.v1.Deployment(
    "s3-lister",
    {
        metadata: { namespace: binding.namespaceName },
        spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    // Resolves once the association, service account and agent exist.
                    serviceAccountName: binding.ready,
                    containers: [
                        {
                            name: "api",
                            image: "public.ecr.aws/docker/library/python:3.12-slim",
                            command: [
                                "sh",
                                "-c",
                                "pip install --quiet boto3 && python /app/server.py",
                            ],
                            env: [{ name: "BUCKET", value: bucket.bucket }],
                            ports: [{ containerPort: 8080 }],
                            volumeMounts: [{ name: "code", mountPath: "/app" }],
                            readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 20 },
                        },
                    ],
                    volumes: [{ name: "code", configMap: { name: code.metadata.name } }],
                },
            },
        },
    },
    { provider },
);
const service = new k8s.core.v1.Service(
    "s3-lister",
    {
        metadata: { namespace: binding.namespaceName },
        spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    },
    {
        dependsOn: [deployment],
        provider,
    },
);

export const bucketName = bucket.bucket;
export const roleArn = podIdentity.roleArn;
export const associations = podIdentity.associations;
export const serviceName = service.metadata.name;
export const tryIt = pulumi.interpolate`kubectl -n demo port-forward svc/${service.metadata.name} 8080:80 & curl localhost:8080`;
