import * as assert from "assert";
import { presetCatalog } from "../index";
import { allOf } from "../presets/statements";
import { actions, granting, grantsUnconditionally, statements } from "./policyEval";
import { preset, presetsWithSpecs } from "./presetSpec";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
const OTHER_ZONE = "arn:aws:route53:::hostedzone/ZOTHER";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const NS = "kubernetes-namespace";

preset("awsLoadBalancerController", () => {
    it("creates load balancers only with its cluster tag and deletes only tagged ones", () => {
        const s = statements("awsLoadBalancerController", {});
        const create = granting(s, "elasticloadbalancing:CreateLoadBalancer", "*");
        assert.deepStrictEqual(
            create.map((c) => c.Condition),
            [{ Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": ["false"] } }],
        );
        const remove = granting(s, "elasticloadbalancing:DeleteLoadBalancer", "*");
        assert.deepStrictEqual(
            remove.map((c) => c.Condition),
            [{ Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": ["false"] } }],
        );
        const sgDelete = granting(s, "ec2:DeleteSecurityGroup", "*");
        assert.ok(sgDelete.every((c) => c.Condition !== undefined));
        assert.ok(
            granting(s, "iam:CreateServiceLinkedRole", "*").every(
                (c) =>
                    c.Condition?.StringEquals?.["iam:AWSServiceName"]?.[0] ===
                    "elasticloadbalancing.amazonaws.com",
            ),
        );
    });

    it("limits changes to the pod's own cluster with scopeToCluster", () => {
        const s = statements("awsLoadBalancerController", { scopeToCluster: true });
        const remove = granting(s, "elasticloadbalancing:DeleteTargetGroup", "*");
        assert.deepStrictEqual(remove[0].Condition, {
            StringEquals: {
                "aws:ResourceTag/elbv2.k8s.aws/cluster": ["${aws:PrincipalTag/eks-cluster-name}"],
            },
        });
        const retag = granting(
            s,
            "ec2:DeleteTags",
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
        );
        assert.deepStrictEqual(retag[0].Condition, {
            StringEquals: {
                "aws:ResourceTag/elbv2.k8s.aws/cluster": ["${aws:PrincipalTag/eks-cluster-name}"],
            },
            Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": ["true"] },
        });
    });

    it("tags new resources only while creating them for the pod's cluster", () => {
        const s = statements("awsLoadBalancerController", { scopeToCluster: true });
        const sg = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1";
        const onCreate = granting(s, "ec2:CreateTags", sg).find(
            (c) => c.Sid === "TagNewSecurityGroups",
        );
        assert.deepStrictEqual(onCreate?.Condition, {
            StringEquals: {
                "ec2:CreateAction": ["CreateSecurityGroup"],
                "aws:RequestTag/elbv2.k8s.aws/cluster": ["${aws:PrincipalTag/eks-cluster-name}"],
            },
        });
        const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-a/0123";
        const lbCreate = granting(s, "elasticloadbalancing:AddTags", tg).find(
            (c) => c.Sid === "TagOnCreate",
        );
        assert.deepStrictEqual(Object.keys(lbCreate?.Condition?.StringEquals ?? {}).sort(), [
            "aws:RequestTag/elbv2.k8s.aws/cluster",
            "elasticloadbalancing:CreateAction",
        ]);
    });

    it("drops WAF and Shield when turned off", () => {
        const all = actions(statements("awsLoadBalancerController", {}));
        const none = actions(
            statements("awsLoadBalancerController", { enableWaf: false, enableShield: false }),
        );
        assert.ok(all.includes("wafv2:AssociateWebACL") && all.includes("shield:CreateProtection"));
        assert.ok(!none.some((a) => /^(waf|shield)/.test(a)));
    });
});

preset("awsLoadBalancerControllerTargetGroupBinding", () => {
    it("finds the ENIs of Fargate pods and pods with security groups, whose rules it manages", () => {
        const sg = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1";
        const s = statements("awsLoadBalancerControllerTargetGroupBinding", {
            securityGroupArns: [sg],
        });
        assert.ok(grantsUnconditionally(s, "ec2:AuthorizeSecurityGroupIngress", sg));
        assert.ok(grantsUnconditionally(s, "ec2:DescribeNetworkInterfaces", "*"));
    });

    it("registers targets only in the given target groups and creates nothing", () => {
        const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123";
        const s = statements("awsLoadBalancerControllerTargetGroupBinding", {
            targetGroupArns: [tg],
        });
        assert.ok(grantsUnconditionally(s, "elasticloadbalancing:RegisterTargets", tg));
        assert.deepStrictEqual(
            granting(
                s,
                "elasticloadbalancing:RegisterTargets",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/4567",
            ),
            [],
        );
        assert.ok(!actions(s).some((a) => /Create|Delete/.test(a)));
    });

    it("defaults to the account's target groups and security groups", () => {
        const s = statements("awsLoadBalancerControllerTargetGroupBinding", {});
        const foreign = "arn:aws:ec2:us-east-1:999999999999:security-group/sg-1";
        assert.deepStrictEqual(granting(s, "ec2:AuthorizeSecurityGroupIngress", foreign), []);
        assert.ok(
            granting(
                s,
                "ec2:AuthorizeSecurityGroupIngress",
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1",
            ).length > 0,
        );
    });
});

preset("ebsCsi", () => {
    const volume = "arn:aws:ec2:us-east-1:123456789012:volume/vol-1";
    it("locks only snapshots the driver tagged (v1.59+) and reads instance types", () => {
        const s = statements("ebsCsi", {});
        const lock = granting(s, "ec2:LockSnapshot", "arn:aws:ec2:us-east-1::snapshot/snap-1");
        assert.deepStrictEqual(
            lock.map((l) => l.Condition),
            [
                { StringLike: { "ec2:ResourceTag/CSIVolumeSnapshotName": ["*"] } },
                { StringLike: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": ["true"] } },
            ],
        );
        assert.ok(grantsUnconditionally(s, "ec2:DescribeInstanceTypes", "*"));
    });

    it("deletes only volumes and snapshots the driver tagged", () => {
        const s = statements("ebsCsi", {});
        const deletes = [
            ...granting(s, "ec2:DeleteVolume", volume),
            ...granting(s, "ec2:DeleteSnapshot", "arn:aws:ec2:us-east-1::snapshot/snap-1"),
        ];
        assert.strictEqual(deletes.length, 5);
        for (const statement of deletes) {
            assert.ok(
                Object.keys(statement.Condition?.StringLike ?? {}).every((key) =>
                    key.startsWith("ec2:ResourceTag/"),
                ),
            );
        }
    });

    it("tags only while creating, and uses KMS keys only when given, for AWS resources", () => {
        const plain = statements("ebsCsi", {});
        assert.deepStrictEqual(granting(plain, "ec2:CreateTags", volume)[0].Condition, {
            StringEquals: { "ec2:CreateAction": ["CopyVolumes", "CreateSnapshot", "CreateVolume"] },
        });
        assert.ok(!actions(plain).some((a) => a.startsWith("kms:")));
        const keyed = statements("ebsCsi", { kmsKeyArns: [KEY] });
        assert.deepStrictEqual(granting(keyed, "kms:CreateGrant", KEY)[0].Condition, {
            Bool: { "kms:GrantIsForAWSResource": ["true"] },
        });
    });
});

preset("efsCsi", () => {
    it("provisions on S3 Files file systems (v3.0+) only with the driver's tag", () => {
        const fs = "arn:aws:s3files:us-east-1:123456789012:file-system/fs-1";
        const s = statements("efsCsi", { s3FilesFileSystemArns: [fs] });
        assert.deepStrictEqual(granting(s, "s3files:CreateAccessPoint", fs)[0].Condition, {
            StringLike: { "aws:RequestTag/efs.csi.aws.com/cluster": ["true"] },
        });
        assert.deepStrictEqual(
            granting(
                s,
                "s3files:CreateAccessPoint",
                "arn:aws:s3files:us-east-1:123456789012:file-system/fs-other",
            ),
            [],
        );
        const deletes = granting(s, "s3files:DeleteAccessPoint", `${fs}/access-point/ap-1`);
        assert.deepStrictEqual(deletes[0].Condition, {
            StringEquals: { "aws:ResourceTag/efs.csi.aws.com/cluster": ["true"] },
        });
    });

    it("creates access points only with its tag, in the given file systems", () => {
        const fs = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1";
        const s = statements("efsCsi", { fileSystemArns: [fs] });
        const create = granting(s, "elasticfilesystem:CreateAccessPoint", fs);
        assert.deepStrictEqual(create[0].Condition, {
            StringLike: { "aws:RequestTag/efs.csi.aws.com/cluster": ["true"] },
        });
        assert.deepStrictEqual(
            granting(
                s,
                "elasticfilesystem:CreateAccessPoint",
                "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-2",
            ),
            [],
        );
        const ap = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1";
        assert.deepStrictEqual(
            granting(s, "elasticfilesystem:DeleteAccessPoint", ap)[0].Condition,
            {
                StringEquals: { "aws:ResourceTag/efs.csi.aws.com/cluster": ["true"] },
            },
        );
    });
});

preset("fsxLustreCsi", () => {
    it("manages file systems of the role's account and lists only the given buckets", () => {
        const s = statements("fsxLustreCsi", { s3BucketArns: ["arn:aws:s3:::data"] });
        assert.ok(
            grantsUnconditionally(
                s,
                "fsx:DeleteFileSystem",
                "arn:aws:fsx:us-east-1:123456789012:file-system/fs-1",
            ),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "fsx:DeleteFileSystem",
                "arn:aws:fsx:us-east-1:999999999999:file-system/fs-1",
            ),
            [],
        );
        assert.deepStrictEqual(granting(s, "s3:ListBucket", "arn:aws:s3:::other"), []);
        assert.ok(
            granting(s, "iam:CreateServiceLinkedRole", "*").every(
                (c) => c.Condition?.StringLike?.["iam:AWSServiceName"]?.[0] === "fsx.amazonaws.com",
            ),
        );
    });
});

preset("mountpointS3Csi", () => {
    it("reads and writes under the mounted prefix, and only reads when readOnly", () => {
        const rw = statements("mountpointS3Csi", { bucketArns: ["data"], prefixes: ["/models"] });
        assert.ok(grantsUnconditionally(rw, "s3:PutObject", "arn:aws:s3:::data/models/a.bin"));
        assert.deepStrictEqual(granting(rw, "s3:GetObject", "arn:aws:s3:::data/other/a.bin"), []);
        const ro = statements("mountpointS3Csi", { bucketArns: ["data"], readOnly: true });
        assert.deepStrictEqual(actions(ro), ["s3:GetObject", "s3:ListBucket"]);
    });
});

preset("vpcCni", () => {
    it("grants IPv4 by default and IPv6 address assignment only when asked", () => {
        const v4 = actions(statements("vpcCni", {}));
        assert.ok(v4.includes("ec2:CreateNetworkInterface"));
        assert.ok(!v4.includes("ec2:AssignIpv6Addresses"));
        const v6 = actions(statements("vpcCni", { ipv4: false, ipv6: true }));
        assert.ok(v6.includes("ec2:AssignIpv6Addresses"));
        assert.ok(!v6.includes("ec2:CreateNetworkInterface"));
        const tag = granting(statements("vpcCni", {}), "ec2:CreateTags", "*");
        assert.deepStrictEqual(tag, []);
    });
});

preset("clusterAutoscaler", () => {
    it("resizes only groups tagged for the given clusters, one statement per cluster", () => {
        const s = statements("clusterAutoscaler", { clusterNames: ["prod-eu", "prod-us"] });
        const asg =
            "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1234:autoScalingGroupName/ng-1";
        const scaling = granting(s, "autoscaling:SetDesiredCapacity", asg);
        assert.deepStrictEqual(
            scaling.map((c) => c.Condition),
            [
                { Null: { "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-eu": ["false"] } },
                { Null: { "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-us": ["false"] } },
            ],
        );
        assert.ok(
            grantsUnconditionally(
                s,
                "eks:DescribeNodegroup",
                "arn:aws:eks:eu-west-1:123456789012:nodegroup/prod-eu/ng-1/abcd",
            ),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "eks:DescribeNodegroup",
                "arn:aws:eks:eu-west-1:123456789012:nodegroup/dev/ng-1/abcd",
            ),
            [],
        );
    });
});

preset("karpenter", () => {
    const options = {
        clusterName: "prod",
        nodeRoleArns: ["arn:aws:iam::123456789012:role/KarpenterNodeRole-prod"],
        region: "us-east-1",
    };
    it("launches and terminates only what carries the cluster's ownership and NodePool tags", () => {
        const s = statements("karpenter", options);
        const instance = "arn:aws:ec2:us-east-1:123456789012:instance/i-1";
        const launch = granting(s, "ec2:RunInstances", instance);
        assert.deepStrictEqual(launch[0].Condition, {
            StringEquals: {
                "aws:RequestTag/kubernetes.io/cluster/prod": ["owned"],
                "aws:RequestTag/eks:eks-cluster-name": ["prod"],
            },
            StringLike: { "aws:RequestTag/karpenter.sh/nodepool": ["*"] },
        });
        const terminate = granting(s, "ec2:TerminateInstances", instance);
        assert.deepStrictEqual(terminate[0].Condition, {
            StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/prod": ["owned"] },
            StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": ["*"] },
        });
        assert.deepStrictEqual(
            granting(
                s,
                "ec2:TerminateInstances",
                "arn:aws:ec2:eu-west-1:123456789012:instance/i-1",
            ),
            [],
        );
    });

    it("launches into placement groups and reads only its own cluster's zonal shift (v1.11+)", () => {
        const s = statements("karpenter", options);
        assert.ok(
            grantsUnconditionally(
                s,
                "ec2:RunInstances",
                "arn:aws:ec2:us-east-1:123456789012:placement-group/pg-1",
            ),
        );
        const zonalShift = granting(s, "arc-zonal-shift:GetManagedResource", "*");
        assert.deepStrictEqual(zonalShift[0].Condition, {
            StringEquals: {
                "arc-zonal-shift:ResourceIdentifier": [
                    "arn:aws:eks:us-east-1:123456789012:cluster/prod",
                ],
            },
        });
        const all = actions(s);
        assert.ok(all.includes("ec2:DescribeInstanceStatus"));
        assert.ok(all.includes("ec2:DescribePlacementGroups"));
        assert.ok(!all.includes("ec2:DescribeAvailabilityZones"));
        const withQueue = actions(
            statements("karpenter", {
                ...options,
                interruptionQueueArns: ["arn:aws:sqs:us-east-1:123456789012:prod"],
            }),
        );
        assert.ok(withQueue.includes("sqs:ReceiveMessage"));
        assert.ok(!withQueue.includes("sqs:GetQueueAttributes"));
    });

    it("matches its cluster in any region by pattern when no region is given", () => {
        const s = statements("karpenter", { ...options, region: undefined });
        assert.deepStrictEqual(
            granting(s, "arc-zonal-shift:GetManagedResource", "*")[0].Condition,
            {
                StringLike: {
                    "arc-zonal-shift:ResourceIdentifier": [
                        "arn:aws:eks:*:123456789012:cluster/prod",
                    ],
                },
            },
        );
    });

    it("passes only the node roles, to EC2, and discovers only its own cluster", () => {
        const s = statements("karpenter", options);
        const pass = granting(s, "iam:PassRole", options.nodeRoleArns[0]);
        assert.deepStrictEqual(pass[0].Condition, {
            StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] },
        });
        assert.deepStrictEqual(
            granting(s, "iam:PassRole", "arn:aws:iam::123456789012:role/admin"),
            [],
        );
        assert.ok(
            grantsUnconditionally(
                s,
                "eks:DescribeCluster",
                "arn:aws:eks:us-east-1:123456789012:cluster/prod",
            ),
        );
        assert.ok(!actions(s).some((a) => a.startsWith("sqs:")));
    });

    it("reads the interruption queues when given and knows the China partition", () => {
        const cn = {
            partition: "aws-cn",
            accountId: "123456789012",
            dnsSuffix: "amazonaws.com.cn",
        };
        const queue = "arn:aws-cn:sqs:cn-north-1:123456789012:prod";
        const s = statements("karpenter", { ...options, interruptionQueueArns: [queue] }, cn);
        assert.ok(grantsUnconditionally(s, "sqs:ReceiveMessage", queue));
        assert.deepStrictEqual(
            granting(s, "iam:PassRole", options.nodeRoleArns[0])[0].Condition?.StringEquals,
            { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] },
        );
        const generated = s
            .flatMap((st) => st.Resource)
            .filter((r) => r !== options.nodeRoleArns[0]);
        assert.ok(
            generated.every((r) => r === "*" || r.startsWith("arn:aws-cn:")),
            generated.join(", "),
        );
    });
});

preset("externalDns", () => {
    it("changes records only in the given zones, of the given types", () => {
        const s = statements("externalDns", { hostedZoneArns: [ZONE], recordTypes: ["A", "TXT"] });
        const change = granting(s, "route53:ChangeResourceRecordSets", ZONE);
        assert.deepStrictEqual(change[0].Condition, {
            "ForAllValues:StringEquals": {
                "route53:ChangeResourceRecordSetsRecordTypes": ["A", "TXT"],
            },
        });
        assert.deepStrictEqual(granting(s, "route53:ChangeResourceRecordSets", OTHER_ZONE), []);
        assert.ok(grantsUnconditionally(s, "route53:ListHostedZones", "*"));
    });

    it("reads the records and tags of every zone, since one denied read aborts its whole sync", () => {
        const s = statements("externalDns", { hostedZoneArns: [ZONE] });
        for (const zone of [ZONE, OTHER_ZONE]) {
            assert.ok(grantsUnconditionally(s, "route53:ListResourceRecordSets", zone));
            assert.ok(grantsUnconditionally(s, "route53:ListTagsForResources", zone));
        }
        assert.ok(!actions(s).includes("route53:ListTagsForResource"));
    });
});

preset("certManager", () => {
    it("creates only TXT records, only in the given zones", () => {
        const s = statements("certManager", { hostedZoneArns: [ZONE] });
        assert.deepStrictEqual(granting(s, "route53:ChangeResourceRecordSets", ZONE)[0].Condition, {
            "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
        });
        assert.deepStrictEqual(granting(s, "route53:ChangeResourceRecordSets", OTHER_ZONE), []);
        assert.ok(grantsUnconditionally(s, "route53:GetChange", "arn:aws:route53:::change/C1"));
    });
});

preset("externalSecrets", () => {
    it("reads only the given secrets and parameters and writes nothing", () => {
        const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
        const s = statements("externalSecrets", {
            secretArns: ["arn:aws:secretsmanager:*:123456789012:secret:prod/*"],
        });
        assert.ok(grantsUnconditionally(s, "secretsmanager:GetSecretValue", secret));
        assert.deepStrictEqual(
            granting(
                s,
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/db-AbCdEf",
            ),
            [],
        );
        assert.ok(!actions(s).some((a) => a.startsWith("ssm:")));
        assert.ok(!actions(s).some((a) => /Put|Create|Delete|Update/.test(a)));
    });

    it("batch-reads secrets for dataFrom.find, which still needs GetSecretValue on each", () => {
        const s = statements("externalSecrets", {
            secretArns: ["arn:aws:secretsmanager:*:123456789012:secret:prod/*"],
        });
        assert.ok(grantsUnconditionally(s, "secretsmanager:BatchGetSecretValue", "*"));
        assert.ok(grantsUnconditionally(s, "secretsmanager:ListSecrets", "*"));
    });
});

preset("velero", () => {
    it("keeps backups under the prefix and deletes only its own snapshots", () => {
        const s = statements("velero", { bucketArns: ["backups"], prefixes: ["prod"] });
        assert.ok(grantsUnconditionally(s, "s3:PutObject", "arn:aws:s3:::backups/prod/b1.tar"));
        assert.deepStrictEqual(granting(s, "s3:PutObject", "arn:aws:s3:::backups/dev/b1.tar"), []);
        const del = granting(s, "ec2:DeleteSnapshot", "arn:aws:ec2:us-east-1::snapshot/snap-1");
        assert.deepStrictEqual(del[0].Condition, {
            StringLike: { "ec2:ResourceTag/velero.io/backup": ["*"] },
        });
        const noSnapshots = statements("velero", {
            bucketArns: ["backups"],
            volumeSnapshots: false,
        });
        assert.ok(!actions(noSnapshots).some((a) => a.startsWith("ec2:")));
    });
});

preset("nodeTerminationHandler", () => {
    it("consumes only the given queues", () => {
        const queue = "arn:aws:sqs:us-east-1:123456789012:nth";
        const s = statements("nodeTerminationHandler", { queueArns: [queue] });
        assert.ok(grantsUnconditionally(s, "sqs:DeleteMessage", queue));
        assert.deepStrictEqual(
            granting(s, "sqs:DeleteMessage", "arn:aws:sqs:us-east-1:123456789012:orders"),
            [],
        );
    });
});

preset("cloudwatchObservability", () => {
    it("writes only Container Insights logs of the given clusters and Application Signals", () => {
        const s = statements("cloudwatchObservability", { clusterNames: ["prod"] });
        const group = (name: string) =>
            `arn:aws:logs:us-east-1:123456789012:log-group:${name}:log-stream:x`;
        assert.ok(
            grantsUnconditionally(
                s,
                "logs:PutLogEvents",
                group("/aws/containerinsights/prod/application"),
            ),
        );
        assert.ok(
            grantsUnconditionally(s, "logs:PutLogEvents", group("/aws/application-signals/data")),
        );
        assert.deepStrictEqual(
            granting(s, "logs:PutLogEvents", group("/aws/containerinsights/dev/application")),
            [],
        );
        assert.deepStrictEqual(granting(s, "logs:PutLogEvents", group("/app/orders")), []);
        assert.ok(actions(s).includes("xray:PutTraceSegments"));
        const noTraces = statements("cloudwatchObservability", { traces: false });
        assert.ok(!actions(noTraces).some((a) => a.startsWith("xray:")));
    });
});

preset("prometheusRemoteWrite", () => {
    it("writes to the given workspaces and cannot query", () => {
        const ws = "arn:aws:aps:us-east-1:123456789012:workspace/ws-1";
        const s = statements("prometheusRemoteWrite", { workspaceArns: [ws] });
        assert.deepStrictEqual(actions(s), ["aps:RemoteWrite"]);
        assert.ok(grantsUnconditionally(s, "aps:RemoteWrite", ws));
    });
});

preset("prometheusQuery", () => {
    it("queries the given workspaces and cannot write", () => {
        const ws = "arn:aws:aps:us-east-1:123456789012:workspace/ws-1";
        const s = statements("prometheusQuery", { workspaceArns: [ws] });
        assert.ok(grantsUnconditionally(s, "aps:QueryMetrics", ws));
        assert.ok(!actions(s).includes("aps:RemoteWrite"));
    });
});

preset("privateCaIssuer", () => {
    it("issues certificates only from the given CAs", () => {
        const ca = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca-1";
        const s = statements("privateCaIssuer", { certificateAuthorityArns: [ca] });
        assert.ok(grantsUnconditionally(s, "acm-pca:IssueCertificate", ca));
        assert.deepStrictEqual(
            granting(
                s,
                "acm-pca:IssueCertificate",
                "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca-2",
            ),
            [],
        );
    });
});

preset("gatewayApiController", () => {
    it("spells out VPC Lattice actions in the role's account and sets only given bucket policies", () => {
        const s = statements("gatewayApiController", {});
        assert.ok(!actions(s).some((a) => a.includes("*")));
        assert.ok(
            grantsUnconditionally(
                s,
                "vpc-lattice:DeleteService",
                "arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-1",
            ),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "vpc-lattice:DeleteService",
                "arn:aws:vpc-lattice:us-east-1:999999999999:service/svc-1",
            ),
            [],
        );
        assert.ok(!actions(s).includes("s3:PutBucketPolicy"));
        const logs = statements("gatewayApiController", {
            accessLogBucketArns: ["arn:aws:s3:::lattice-logs"],
        });
        assert.ok(grantsUnconditionally(logs, "s3:PutBucketPolicy", "arn:aws:s3:::lattice-logs"));
        assert.deepStrictEqual(granting(logs, "s3:PutBucketPolicy", "arn:aws:s3:::other"), []);
    });
});

preset("adotCollector", () => {
    it("grants each exporter only when configured", () => {
        const ws = "arn:aws:aps:us-east-1:123456789012:workspace/ws-1";
        const s = statements("adotCollector", {
            prometheusWorkspaceArns: [ws],
            emfLogGroupNamePrefixes: ["/metrics/"],
        });
        assert.ok(grantsUnconditionally(s, "aps:RemoteWrite", ws));
        assert.ok(actions(s).includes("xray:PutTraceSegments"));
        assert.ok(
            grantsUnconditionally(
                s,
                "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:123456789012:log-group:/metrics/app:log-stream:x",
            ),
        );
        assert.deepStrictEqual(actions(statements("adotCollector", {})), [
            "xray:GetSamplingRules",
            "xray:GetSamplingStatisticSummaries",
            "xray:GetSamplingTargets",
            "xray:PutTelemetryRecords",
            "xray:PutTraceSegments",
        ]);
    });

    it("refuses options that grant nothing, naming the preset", () => {
        assert.throws(
            () => statements("adotCollector", { traces: false }),
            /presets\.adotCollector: .*grants nothing/,
        );
    });
});

preset("xray", () => {
    it("writes traces, and reads sampling rules unless turned off", () => {
        assert.ok(actions(statements("xray", {})).includes("xray:GetSamplingRules"));
        assert.deepStrictEqual(actions(statements("xray", { samplingRules: false })), [
            "xray:PutTelemetryRecords",
            "xray:PutTraceSegments",
        ]);
    });
});

preset("s3Read", () => {
    const options = { bucketArns: ["reports"], prefixes: ["exports/"], scopeBySessionTags: [NS] };
    it("reads only the pod's own namespace prefix of the bucket (ABAC)", () => {
        const s = statements("s3Read", options);
        const shop = { [NS]: "shop" };
        assert.ok(
            grantsUnconditionally(
                s,
                "s3:GetObject",
                "arn:aws:s3:::reports/exports/shop/a.csv",
                shop,
            ),
        );
        assert.deepStrictEqual(
            granting(s, "s3:GetObject", "arn:aws:s3:::reports/exports/billing/a.csv", shop),
            [],
        );
        assert.deepStrictEqual(
            granting(s, "s3:PutObject", "arn:aws:s3:::reports/exports/shop/a"),
            [],
        );
        assert.deepStrictEqual(granting(s, "s3:ListBucket", "arn:aws:s3:::reports")[0].Condition, {
            StringLike: {
                "s3:prefix": [
                    "exports/${aws:PrincipalTag/kubernetes-namespace}/",
                    "exports/${aws:PrincipalTag/kubernetes-namespace}/*",
                ],
            },
        });
    });

    it("reads the whole bucket without prefixes and decrypts only through S3", () => {
        const s = statements("s3Read", { bucketArns: ["arn:aws:s3:::reports"], kmsKeyArns: [KEY] });
        assert.ok(grantsUnconditionally(s, "s3:GetObject", "arn:aws:s3:::reports/any/key"));
        assert.ok(grantsUnconditionally(s, "s3:ListBucket", "arn:aws:s3:::reports"));
        assert.deepStrictEqual(granting(s, "kms:Decrypt", KEY)[0].Condition, {
            StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] },
        });
    });
});

preset("s3ReadWrite", () => {
    it("writes and deletes under the prefixes only", () => {
        const s = statements("s3ReadWrite", { bucketArns: ["data"], prefixes: ["in", "out/"] });
        for (const action of ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"]) {
            assert.ok(grantsUnconditionally(s, action, "arn:aws:s3:::data/in/x"));
            assert.ok(grantsUnconditionally(s, action, "arn:aws:s3:::data/out/x"));
            assert.deepStrictEqual(granting(s, action, "arn:aws:s3:::data/secret/x"), []);
        }
        assert.ok(!actions(s).some((a) => a.startsWith("kms:")));
    });
});

preset("s3List", () => {
    it("lists keys and reads no object", () => {
        const s = statements("s3List", { bucketArns: ["data"] });
        assert.deepStrictEqual(actions(s), ["s3:GetBucketLocation", "s3:ListBucket"]);
        assert.ok(grantsUnconditionally(s, "s3:ListBucket", "arn:aws:s3:::data"));
    });
});

preset("dynamodbRead", () => {
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    it("reads the table and its indexes, and nothing else", () => {
        const s = statements("dynamodbRead", { tableArns: [table] });
        assert.ok(grantsUnconditionally(s, "dynamodb:Query", `${table}/index/byCustomer`));
        assert.ok(grantsUnconditionally(s, "dynamodb:Scan", table));
        assert.ok(!actions(s).includes("dynamodb:PutItem"));
    });

    it("limits items to the pod's namespace key and drops scans with leadingKeySessionTag", () => {
        const s = statements("dynamodbRead", { tableArns: [table], leadingKeySessionTag: NS });
        assert.ok(!actions(s).includes("dynamodb:Scan"));
        assert.deepStrictEqual(granting(s, "dynamodb:GetItem", table)[0].Condition, {
            "ForAllValues:StringEquals": {
                "dynamodb:LeadingKeys": ["${aws:PrincipalTag/kubernetes-namespace}"],
            },
        });
    });
});

preset("dynamodbReadWrite", () => {
    it("writes items of the given tables only", () => {
        const table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
        const s = statements("dynamodbReadWrite", { tableArns: [table] });
        assert.ok(grantsUnconditionally(s, "dynamodb:PutItem", table));
        assert.deepStrictEqual(
            granting(s, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/users"),
            [],
        );
        assert.ok(!actions(s).includes("dynamodb:DeleteTable"));
    });
});

preset("sqsConsume", () => {
    it("receives and deletes on the given queues and cannot send", () => {
        const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
        const s = statements("sqsConsume", { queueArns: [queue], kmsKeyArns: [KEY] });
        assert.ok(grantsUnconditionally(s, "sqs:ReceiveMessage", queue));
        assert.ok(!actions(s).includes("sqs:SendMessage"));
        assert.ok(!actions(s).includes("kms:GenerateDataKey"));
        assert.ok(granting(s, "kms:Decrypt", KEY).length === 1);
    });
});

preset("sqsSend", () => {
    it("sends to the given queues and cannot consume", () => {
        const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
        const s = statements("sqsSend", { queueArns: [queue], kmsKeyArns: [KEY] });
        assert.ok(grantsUnconditionally(s, "sqs:SendMessage", queue));
        assert.ok(!actions(s).includes("sqs:ReceiveMessage"));
        assert.ok(granting(s, "kms:GenerateDataKey", KEY).length === 1);
    });
});

preset("snsPublish", () => {
    it("publishes to the given topics only", () => {
        const topic = "arn:aws:sns:us-east-1:123456789012:events";
        const s = statements("snsPublish", { topicArns: [topic] });
        assert.deepStrictEqual(actions(s), ["sns:Publish"]);
        assert.deepStrictEqual(
            granting(s, "sns:Publish", "arn:aws:sns:us-east-1:123456789012:other"),
            [],
        );
    });
});

preset("secretsManagerRead", () => {
    const secret = (name: string) =>
        `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
    it("reads only secrets under the pod's namespace (ABAC name prefix)", () => {
        const s = statements("secretsManagerRead", { scopeBySessionTags: [NS] });
        const shop = { [NS]: "shop" };
        assert.ok(
            grantsUnconditionally(s, "secretsmanager:GetSecretValue", secret("shop/db"), shop),
        );
        assert.deepStrictEqual(
            granting(s, "secretsmanager:GetSecretValue", secret("billing/db"), shop),
            [],
        );
    });

    it("reads only secrets whose tags match the pod's session tags", () => {
        const s = statements("secretsManagerRead", { matchSessionTags: [NS, "eks-cluster-name"] });
        const [statement] = granting(s, "secretsmanager:GetSecretValue", secret("anything"));
        assert.deepStrictEqual(statement.Condition, {
            StringEquals: {
                "aws:ResourceTag/kubernetes-namespace": [
                    "${aws:PrincipalTag/kubernetes-namespace}",
                ],
                "aws:ResourceTag/eks-cluster-name": ["${aws:PrincipalTag/eks-cluster-name}"],
            },
        });
    });

    it("reads the given secrets, decrypting only through Secrets Manager", () => {
        const s = statements("secretsManagerRead", {
            secretArns: [secret("shared/db")],
            kmsKeyArns: [KEY],
        });
        assert.ok(grantsUnconditionally(s, "secretsmanager:GetSecretValue", secret("shared/db")));
        assert.deepStrictEqual(granting(s, "secretsmanager:GetSecretValue", secret("other")), []);
        assert.deepStrictEqual(granting(s, "kms:Decrypt", KEY)[0].Condition, {
            StringLike: { "kms:ViaService": ["secretsmanager.*.amazonaws.com"] },
        });
    });
});

preset("ssmParameterRead", () => {
    it("reads the parameters at and under the paths, per namespace with session tags", () => {
        const param = (name: string) => `arn:aws:ssm:us-east-1:123456789012:parameter/${name}`;
        const s = statements("ssmParameterRead", { paths: ["/app/prod/"] });
        assert.ok(grantsUnconditionally(s, "ssm:GetParametersByPath", param("app/prod")));
        assert.ok(grantsUnconditionally(s, "ssm:GetParameter", param("app/prod/db/url")));
        assert.deepStrictEqual(granting(s, "ssm:GetParameter", param("app/dev/db/url")), []);
        const abac = statements("ssmParameterRead", { paths: ["/app"], scopeBySessionTags: [NS] });
        const shop = { [NS]: "shop" };
        assert.ok(grantsUnconditionally(abac, "ssm:GetParameter", param("app/shop/key"), shop));
        assert.deepStrictEqual(
            granting(abac, "ssm:GetParameter", param("app/billing/key"), shop),
            [],
        );
    });
});

preset("kmsDecrypt", () => {
    it("decrypts with the given keys, only through the given services", () => {
        const s = statements("kmsDecrypt", { keyArns: [KEY], viaServices: ["s3", "sqs"] });
        assert.deepStrictEqual(actions(s), ["kms:Decrypt", "kms:DescribeKey"]);
        assert.deepStrictEqual(granting(s, "kms:Decrypt", KEY)[0].Condition, {
            StringLike: { "kms:ViaService": ["s3.*.amazonaws.com", "sqs.*.amazonaws.com"] },
        });
    });
});

preset("kmsEncrypt", () => {
    it("encrypts with the given keys and cannot decrypt", () => {
        const s = statements("kmsEncrypt", { keyArns: [KEY] });
        assert.ok(grantsUnconditionally(s, "kms:GenerateDataKey", KEY));
        assert.ok(!actions(s).includes("kms:Decrypt"));
    });
});

preset("bedrockInvoke", () => {
    it("invokes only the given models", () => {
        const model =
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
        const s = statements("bedrockInvoke", { modelArns: [model] });
        assert.ok(grantsUnconditionally(s, "bedrock:InvokeModelWithResponseStream", model));
        assert.deepStrictEqual(
            granting(s, "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/other"),
            [],
        );
        assert.ok(!actions(s).includes("bedrock:ApplyGuardrail"));
    });
});

preset("cloudwatchLogsWrite", () => {
    it("writes to the named groups, creating them only when asked", () => {
        const s = statements("cloudwatchLogsWrite", {
            logGroups: [
                "/app/orders",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/app/audit:*",
            ],
        });
        assert.ok(
            grantsUnconditionally(
                s,
                "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:123456789012:log-group:/app/orders:log-stream:pod-1",
            ),
        );
        assert.ok(
            grantsUnconditionally(
                s,
                "logs:CreateLogStream",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/app/audit:log-stream:pod-1",
            ),
        );
        assert.deepStrictEqual(
            granting(
                s,
                "logs:PutLogEvents",
                "arn:aws:logs:us-east-1:123456789012:log-group:/app/other:log-stream:pod-1",
            ),
            [],
        );
        assert.ok(!actions(s).includes("logs:CreateLogGroup"));
        const create = statements("cloudwatchLogsWrite", {
            logGroups: ["/app/x"],
            createLogGroups: true,
        });
        assert.ok(actions(create).includes("logs:CreateLogGroup"));
    });
});

preset("ecrPull", () => {
    it("pulls from the given repositories and cannot push", () => {
        const repo = "arn:aws:ecr:us-east-1:123456789012:repository/shop/api";
        const s = statements("ecrPull", { repositoryArns: [repo] });
        assert.ok(grantsUnconditionally(s, "ecr:BatchGetImage", repo));
        assert.ok(!actions(s).some((a) => /PutImage|UploadLayerPart/.test(a)));
    });
});

preset("assumeRole", () => {
    it("assumes only the given roles, tagging the session unless turned off", () => {
        const role = "arn:aws:iam::210987654321:role/reader";
        assert.deepStrictEqual(actions(statements("assumeRole", { roleArns: [role] })), [
            "sts:AssumeRole",
            "sts:TagSession",
        ]);
        const s = statements("assumeRole", { roleArns: [role], tagSession: false });
        assert.deepStrictEqual(actions(s), ["sts:AssumeRole"]);
        assert.deepStrictEqual(
            granting(s, "sts:AssumeRole", "arn:aws:iam::210987654321:role/admin"),
            [],
        );
    });
});

describe("preset helpers", () => {
    it("merge condition blocks operator by operator", () => {
        assert.deepStrictEqual(
            allOf({ StringEquals: { a: ["1"] } }, undefined, {
                StringEquals: { b: ["2"] },
                Null: { c: ["true"] },
            }),
            { StringEquals: { a: ["1"], b: ["2"] }, Null: { c: ["true"] } },
        );
    });
});

describe("presets", () => {
    it("have a scoping test each (in tests/presets*.spec.ts)", () => {
        assert.deepStrictEqual(
            presetsWithSpecs(),
            presetCatalog.map((entry) => entry.name as string).sort(),
        );
    });
});
