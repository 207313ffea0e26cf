import { createHash } from "crypto";
import { addonVersionsOf, dnsSuffixOf, MockFixture, partitionOf } from "./fixture";
import { UNKNOWN } from "./wire";

/** Where a resource or invoke runs: from its provider, or the fixture's defaults. */
export interface Placement {
    accountId: string;
    region: string;
    partition: string;
}

function hex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** A deterministic stand-in for Pulumi's random auto-name suffix, so plans are byte-stable. */
function autoName(resourceName: string): string {
    return `${resourceName}-${hex(resourceName, 7)}`;
}

/** The name AWS gives a resource named by `namePrefix` (the provider's 26-character suffix). */
function prefixedName(inputs: Props, resourceName: string): string {
    const prefix = inputs.namePrefix;
    return typeof prefix === "string" && prefix !== ""
        ? `${prefix}${hex(resourceName, 26)}`
        : autoName(resourceName);
}

type Props = Record<string, unknown>;

function str(value: unknown, fallback: string): string {
    return typeof value === "string" && value !== "" ? value : fallback;
}

/**
 * The outputs AWS or Kubernetes would return for a new resource: the inputs plus the
 * computed fields (ARNs from partition, account, region and name; ids; timestamps). An
 * imported resource (`importId`) is answered as the one that exists, read under that id.
 */
export function resourceAnswer(
    type: string,
    name: string,
    inputs: Props,
    where: Placement,
    fixture: MockFixture,
    importId?: string,
): { id: string; state: Props } {
    const { accountId, partition } = where;
    const region = str(inputs.region, where.region);
    const arnPrefix = (service: string, withRegion: boolean) =>
        `arn:${partition}:${service}:${withRegion ? region : ""}:${accountId}`;
    switch (type) {
        case "aws:iam/role:Role": {
            const roleName = str(inputs.name, prefixedName(inputs, name));
            const path = str(inputs.path, "/");
            return {
                id: roleName,
                state: {
                    ...inputs,
                    name: roleName,
                    arn: `${arnPrefix("iam", false)}:role${path}${roleName}`,
                    uniqueId: `AROA${hex(roleName, 17).toUpperCase()}`,
                    createDate: "2026-01-01T00:00:00Z",
                },
            };
        }
        case "aws:iam/policy:Policy": {
            const policyName = str(inputs.name, prefixedName(inputs, name));
            const path = str(inputs.path, "/");
            const arn = `${arnPrefix("iam", false)}:policy${path}${policyName}`;
            return {
                id: arn,
                state: {
                    ...inputs,
                    name: policyName,
                    arn,
                    policyId: `ANPA${hex(arn, 17).toUpperCase()}`,
                },
            };
        }
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return {
                id: `${str(inputs.role, name)}-${hex(name, 12)}`,
                state: { ...inputs },
            };
        case "aws:iam/rolePolicy:RolePolicy": {
            const policyName = str(inputs.name, prefixedName(inputs, name));
            return {
                id: `${str(inputs.role, "role")}:${policyName}`,
                state: { ...inputs, name: policyName },
            };
        }
        case "aws:s3/bucket:Bucket": {
            // Bucket names are global and lower-case; ARNs carry neither region nor account.
            const bucket = str(inputs.bucket, autoName(name).toLowerCase());
            return {
                id: bucket,
                state: {
                    ...inputs,
                    bucket,
                    region,
                    arn: `arn:${partition}:s3:::${bucket}`,
                    bucketDomainName: `${bucket}.s3.${dnsSuffixOf(partition)}`,
                },
            };
        }
        case "aws:eks/addon:Addon": {
            const cluster = str(inputs.clusterName, "cluster");
            const addon = str(inputs.addonName, name);
            return {
                id: `${cluster}:${addon}`,
                state: {
                    ...inputs,
                    region,
                    arn: `${arnPrefix("eks", true)}:addon/${cluster}/${addon}/${hex(cluster + addon, 8)}-${hex(addon, 4)}`,
                    createdAt: "2026-01-01T00:00:00Z",
                },
            };
        }
        case "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
            const cluster = str(inputs.clusterName, "cluster");
            const namespace = str(inputs.namespace, "default");
            const serviceAccount = str(inputs.serviceAccount, "default");
            // An imported association keeps the id it has (`<cluster>,<association id>`).
            const associationId =
                importId?.split(",")[1] ??
                `a-${hex(`${region}/${cluster}/${namespace}/${serviceAccount}`, 17)}`;
            return {
                id: `${cluster},${associationId}`,
                state: {
                    ...inputs,
                    region,
                    disableSessionTags: inputs.disableSessionTags ?? false,
                    associationId,
                    associationArn: `${arnPrefix("eks", true)}:podidentityassociation/${cluster}/${associationId}`,
                    externalId: `${region}/${accountId}/${cluster}/${namespace}/${serviceAccount}`,
                },
            };
        }
        case "pulumi:pulumi:StackReference": {
            const stackName = str(inputs.name, name);
            return {
                id: stackName,
                state: {
                    name: stackName,
                    outputs: fixture.stackOutputs?.[stackName] ?? {},
                    secretOutputNames: [],
                },
            };
        }
        default:
            break;
    }
    if (type.startsWith("kubernetes:")) {
        const metadata = (inputs.metadata ?? {}) as Props;
        const objectName = str(metadata.name, autoName(name));
        const namespace = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
        return {
            id: namespace ? `${namespace}/${objectName}` : objectName,
            state: {
                ...inputs,
                metadata: {
                    ...metadata,
                    name: objectName,
                    uid: `${hex(type + objectName, 8)}-${hex(objectName, 4)}-${hex(type, 4)}-${hex(name, 4)}-${hex(type + name, 12)}`,
                    resourceVersion: "1",
                },
            },
        };
    }
    if (type.startsWith("pulumi:providers:")) {
        return { id: `${name}-provider-id`, state: { ...inputs } };
    }
    return {
        id: `${name}-id`,
        state: { ...inputs, arn: inputs.arn ?? otherArn(type, name, arnPrefix, partition) },
    };
}

/**
 * The ARN of another AWS resource, in its service's shape (`arn:<partition>:<service>:<region>:
 * <account>:<kind>/<name>`, a Route 53 hosted zone's without region and account), so that the
 * ARN rules judge it as they would AWS's answer (a resource's `arn` passed to a preset option).
 */
function otherArn(
    type: string,
    name: string,
    arnPrefix: (service: string, withRegion: boolean) => string,
    partition: string,
): string {
    if (type === "aws:route53/zone:Zone") {
        return `arn:${partition}:route53:::hostedzone/Z${hex(name, 13).toUpperCase()}`;
    }
    const token = /^aws:([a-z0-9]+)\/[^:]*:(\w+)$/.exec(type);
    return token
        ? `${arnPrefix(token[1], true)}:${token[2].toLowerCase()}/${name}`
        : `${arnPrefix("mock", true)}:${name}`;
}

/**
 * What a preview knows of a resource it would create: the inputs, and the names providers
 * assign while checking inputs (AWS auto-names, Kubernetes `metadata.name`), which a real
 * `pulumi preview` shows too. Every other output (ARNs, ids, uids) is computed on create,
 * so it is unknown, and so is the id.
 */
export function previewAnswer(
    type: string,
    inputs: Props,
    answer: { id: string; state: Props },
): { id: string; state: Props } {
    const state: Props = {};
    for (const [key, value] of Object.entries(answer.state)) {
        state[key] = inputs[key] !== undefined ? value : UNKNOWN;
    }
    if (type.startsWith("aws:") && inputs.name === undefined && answer.state.name !== undefined) {
        state.name = answer.state.name;
    }
    if (type.startsWith("kubernetes:")) {
        const metadata = (answer.state.metadata ?? {}) as Props;
        state.metadata = {
            ...((inputs.metadata ?? {}) as Props),
            name: metadata.name,
            uid: UNKNOWN,
            resourceVersion: UNKNOWN,
        };
    }
    return { id: "", state };
}

/** The answers of the invokes this package makes, as DescribeCluster etc. would give them. */
export function invokeAnswer(
    token: string,
    inputs: Props,
    where: Placement,
    fixture: MockFixture,
): Props {
    const { accountId, partition } = where;
    const region = str(inputs.region, where.region);
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId,
                arn: `arn:${partition}:sts::${accountId}:assumed-role/deployer/session`,
                userId: `AROA${hex(accountId, 17).toUpperCase()}:session`,
                id: accountId,
            };
        case "aws:index/getPartition:getPartition":
            return {
                partition,
                dnsSuffix: dnsSuffixOf(partition),
                reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
                id: partition,
            };
        case "aws:index/getRegion:getRegion":
            return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:eks/getCluster:getCluster": {
            const name = str(inputs.name, "cluster");
            const cluster = fixture.clusters?.[name] ?? {};
            const version = cluster.version ?? fixture.kubernetesVersion ?? "1.33";
            const endpointId = hex(`${accountId}/${region}/${name}`, 32).toUpperCase();
            return {
                id: name,
                name,
                arn: `arn:${partition}:eks:${region}:${accountId}:cluster/${name}`,
                version,
                platformVersion: "eks.20",
                status: "ACTIVE",
                region,
                endpoint:
                    cluster.endpoint ??
                    `https://${endpointId}.gr7.${region}.eks.${dnsSuffixOf(partition)}`,
                certificateAuthorities: [
                    { data: Buffer.from(`mock CA of ${name}`).toString("base64") },
                ],
                identities: [
                    {
                        oidcs: [
                            {
                                issuer: `https://oidc.eks.${region}.${dnsSuffixOf(partition)}/id/${endpointId}`,
                            },
                        ],
                    },
                ],
                computeConfigs: cluster.autoMode
                    ? [
                          {
                              enabled: true,
                              nodePools: ["general-purpose", "system"],
                              nodeRoleArn: `arn:${partition}:iam::${accountId}:role/${name}-auto-node`,
                          },
                      ]
                    : [],
                kubernetesNetworkConfigs: [kubernetesNetworkOf(cluster.ipFamily ?? "ipv4")],
                accessConfigs: [{ authenticationMode: "API" }],
                tags: {},
            };
        }
        case "aws:eks/getAddonVersion:getAddonVersion": {
            const kubernetesVersion = str(inputs.kubernetesVersion, "1.33");
            const versions = addonVersionsOf(fixture, String(inputs.addonName), kubernetesVersion);
            return {
                id: String(inputs.addonName),
                addonName: inputs.addonName,
                kubernetesVersion,
                mostRecent: inputs.mostRecent ?? false,
                version: inputs.mostRecent ? versions.latest : versions.default,
            };
        }
        default:
            throw new Error(`the mock cloud has no answer for invoke ${token}`);
    }
}

/**
 * DescribeCluster's `kubernetesNetworkConfig`: the IP family, and the service CIDR EKS
 * assigned for it (the default 172.20.0.0/16 for IPv4; a unique local /108 for IPv6).
 */
function kubernetesNetworkOf(ipFamily: "ipv4" | "ipv6"): Props {
    return ipFamily === "ipv6"
        ? {
              ipFamily,
              serviceIpv4Cidr: "",
              serviceIpv6Cidr: "fd6e:4c5b:3f1a::/108",
              elasticLoadBalancings: [],
          }
        : {
              ipFamily,
              serviceIpv4Cidr: "172.20.0.0/16",
              serviceIpv6Cidr: "",
              elasticLoadBalancings: [],
          };
}

/** Where a provider's resources live, read from the provider's own inputs. */
export function providerPlacement(inputs: Props, fallback: Placement): Placement {
    const region = str(inputs.region, fallback.region);
    let accountId = fallback.accountId;
    // Provider configuration objects travel as JSON strings.
    const parse = (value: unknown): unknown =>
        typeof value === "string" && /^[[{]/.test(value) ? JSON.parse(value) : value;
    const allowed = parse(inputs.allowedAccountIds);
    const assumeRoles = parse(inputs.assumeRoles);
    if (Array.isArray(allowed) && typeof allowed[0] === "string") {
        accountId = allowed[0];
    } else if (Array.isArray(assumeRoles) && assumeRoles.length > 0) {
        const roleArn = (assumeRoles[assumeRoles.length - 1] as Props).roleArn;
        const account = typeof roleArn === "string" ? roleArn.split(":")[4] : undefined;
        if (account) {
            accountId = account;
        }
    }
    return { accountId, region, partition: partitionOf(region) };
}
