import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { ELB_LEGACY_LOG_ACCOUNTS } from "../../components/edge/bucket-policies";

/**
 * What the mock engine answers for resources and data-source calls. Values are
 * shaped like AWS's so downstream inputs (ARNs, endpoints, DNS names) read
 * realistically in plan.json. Add a type here when a component needs an output
 * AWS computes.
 */
export const MOCK_ACCOUNT = "123456789012";

type StateFn = (args: pulumi.runtime.MockResourceArgs, region: string) => Record<string, unknown>;

const regionShort = (region: string) =>
  region.replace(/-/g, "").replace(/(east|west|north|south|central)/, (d) => d[0]);
const arn = (service: string, region: string, resource: string) =>
  `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${resource}`;

export const RESOURCE_STATE: Record<string, StateFn> = {
  "aws:ec2/vpc:Vpc": (a) => ({ defaultSecurityGroupId: `sg-${a.name}-default` }),
  "aws:cloudwatch/logGroup:LogGroup": (a, r) => ({ arn: arn("logs", r, `log-group:${a.inputs.name ?? a.name}`) }),
  "aws:iam/role:Role": (a) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${a.inputs.name ?? a.name}`,
    name: a.inputs.name ?? a.name,
  }),
  "aws:iam/policy:Policy": (a) => ({ arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${a.inputs.name ?? a.name}` }),
  "aws:kms/key:Key": (a, r) => ({ arn: arn("kms", r, `key/${a.name}`), keyId: `${a.name}-key-id` }),
  // One IAM bootstrap host per broker, as MSK lists them (b-<n>.<cluster>.<id>.c<n>.kafka.<region>...:9098).
  "aws:msk/cluster:Cluster": (a, r) => {
    const name = String(a.inputs.clusterName ?? a.name);
    const hosts = Array.from({ length: Number(a.inputs.numberOfBrokerNodes ?? 3) }, (_, i) => i + 1);
    return {
      arn: arn("kafka", r, `cluster/${name}/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1`),
      clusterUuid: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-1",
      bootstrapBrokersSaslIam: hosts.map((n) => `b-${n}.${name}.mock01.c2.kafka.${r}.amazonaws.com:9098`).join(","),
    };
  },
  "aws:msk/configuration:Configuration": (a, r) => ({
    arn: arn("kafka", r, `configuration/${a.inputs.name ?? a.name}/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-2`),
    latestRevision: 1,
  }),
  "aws:sqs/queue:Queue": (a, r) => ({
    arn: arn("sqs", r, String(a.inputs.name ?? a.name)),
    url: `https://sqs.${r}.amazonaws.com/${MOCK_ACCOUNT}/${a.inputs.name ?? a.name}`,
  }),
  "aws:sns/topic:Topic": (a, r) => ({ arn: arn("sns", r, String(a.inputs.name ?? a.name)) }),
  "aws:amp/workspace:Workspace": (a, r) => ({
    arn: arn("aps", r, `workspace/ws-${a.name}`),
    prometheusEndpoint: `https://aps-workspaces.${r}.amazonaws.com/workspaces/ws-${a.name}/`,
  }),
  "random:index/randomPassword:RandomPassword": (a) => ({ result: `mock-password-${a.name}` }),
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
  // @pulumi/eks Cluster is a remote component: only its top-level outputs exist under mocks.
  "eks:index:Cluster": (a, r) => eksClusterState(String(a.inputs.name ?? a.name), r, a.inputs.version),
  "aws:rds/globalCluster:GlobalCluster": (a) => ({
    endpoint: `${a.inputs.globalClusterIdentifier ?? a.name}.global-mock.global.rds.amazonaws.com`,
  }),
  "aws:rds/cluster:Cluster": (a, r) => {
    const id = String(a.inputs.clusterIdentifier ?? a.name);
    return {
      clusterIdentifier: id,
      arn: arn("rds", r, `cluster:${id}`),
      // AWS's form: "cluster-" + 26 upper-case alphanumerics; derived from the id so it is stable.
      clusterResourceId: `cluster-${Buffer.from(id).toString("hex").toUpperCase().slice(-26).padStart(26, "0")}`,
      endpoint: `${id}.cluster-mock.${r}.rds.amazonaws.com`,
      readerEndpoint: `${id}.cluster-ro-mock.${r}.rds.amazonaws.com`,
    };
  },
  "aws:rds/clusterInstance:ClusterInstance": (a, r) => ({
    arn: arn("rds", r, `db:${a.inputs.identifier ?? a.name}`),
    endpoint: `${a.inputs.identifier ?? a.name}.mock.${r}.rds.amazonaws.com`,
  }),
  "aws:rds/subnetGroup:SubnetGroup": (a) => ({ name: a.inputs.name ?? a.name }),
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": (a) => ({ name: a.inputs.name ?? a.name }),
  "aws:elasticache/subnetGroup:SubnetGroup": (a) => ({ name: a.inputs.name ?? a.name }),
  "aws:elasticache/replicationGroup:ReplicationGroup": (a, r) => {
    const id = String(a.inputs.replicationGroupId ?? a.name);
    return {
      arn: arn("elasticache", r, `replicationgroup:${id}`),
      primaryEndpointAddress: `master.${id}.mock.${regionShort(r)}.cache.amazonaws.com`,
      readerEndpointAddress: `replica.${id}.mock.${regionShort(r)}.cache.amazonaws.com`,
    };
  },
  // AWS prefixes the suffix with a per-region code (us-east-1: "ldgnf").
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": (a) => ({
    globalReplicationGroupId: `ldgnf-${a.inputs.globalReplicationGroupIdSuffix ?? a.name}`,
  }),
  "aws:secretsmanager/secret:Secret": (a, r) => ({
    arn: arn("secretsmanager", r, `secret:${a.inputs.name ?? a.name}-AbCdEf`),
  }),
  "aws:s3/bucket:Bucket": (a) => ({
    arn: `arn:aws:s3:::${a.inputs.bucket ?? a.name}`,
    bucket: a.inputs.bucket ?? a.name,
    bucketDomainName: `${a.inputs.bucket ?? a.name}.s3.amazonaws.com`,
    bucketRegionalDomainName: `${a.inputs.bucket ?? a.name}.s3.amazonaws.com`,
  }),
  // Edge: values shaped like AWS's so aliases, alarms and ACM validation records read realistically.
  "aws:lb/loadBalancer:LoadBalancer": (a, r) => ({
    arn: arn("elasticloadbalancing", r, `loadbalancer/app/${a.inputs.name ?? a.name}/50dc6c495c0c9188`),
    arnSuffix: `app/${a.inputs.name ?? a.name}/50dc6c495c0c9188`,
    dnsName: `${a.inputs.name ?? a.name}-1234567890.${r}.elb.amazonaws.com`,
    zoneId: ELB_ZONE_IDS[r] ?? "Z35SXDOTRQ7X7K",
  }),
  "aws:lb/targetGroup:TargetGroup": (a, r) => ({
    arn: arn("elasticloadbalancing", r, `targetgroup/${a.inputs.name ?? a.name}/73e2d6bc24d8a067`),
    arnSuffix: `targetgroup/${a.inputs.name ?? a.name}/73e2d6bc24d8a067`,
  }),
  "aws:cloudfront/distribution:Distribution": (a) => ({
    arn: `arn:aws:cloudfront::${MOCK_ACCOUNT}:distribution/E2MOCK${a.name.length}`,
    domainName: "d111111abcdef8.cloudfront.net",
    hostedZoneId: "Z2FDTNDATAQYW2",
  }),
  "aws:acm/certificate:Certificate": (a, r) => ({
    arn: arn("acm", r, `certificate/${a.name}`),
    domainValidationOptions: [
      a.inputs.domainName,
      ...((a.inputs.subjectAlternativeNames as string[] | undefined) ?? []),
    ].map((d: string) => ({
      domainName: d,
      resourceRecordName: `_0123456789abcdef.${d}.`,
      resourceRecordType: "CNAME",
      resourceRecordValue: `_fedcba9876543210.mock.acm-validations.aws.`,
    })),
  }),
  "aws:wafv2/webAcl:WebAcl": (a) => ({
    arn: `arn:aws:wafv2:us-east-1:${MOCK_ACCOUNT}:global/webacl/${a.inputs.name ?? a.name}/a1b2c3d4`,
  }),
  "aws:route53/healthCheck:HealthCheck": (a) => ({ arn: `arn:aws:route53:::healthcheck/${a.name}` }),
  "aws:route53/record:Record": (a) => ({ fqdn: String(a.inputs.name ?? a.name).replace(/\.$/, "") }),
};

function eksClusterState(name: string, region: string, version: unknown): Record<string, unknown> {
  const endpoint = `https://${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}.gr7.${region}.eks.amazonaws.com`;
  const clusterSecurityGroupId = `sg-${name}-cluster`;
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": "TU9DSw==" } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", name],
          },
        },
      },
    ],
  };
  return {
    kubeconfigJson: JSON.stringify(kubeconfig),
    clusterSecurityGroupId,
    eksCluster: {
      name,
      arn: arn("eks", region, `cluster/${name}`),
      endpoint,
      version,
      vpcConfig: { clusterSecurityGroupId },
    },
  };
}

/** ALB canonical hosted zone ids (AWS General Reference, Elastic Load Balancing endpoints). */
const ELB_ZONE_IDS: Record<string, string> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
};

type CallFn = (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;

export const CALL_RESULTS: Record<string, CallFn> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: MOCK_ACCOUNT,
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/mock`,
    userId: "MOCK",
  }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
  "aws:ec2/getManagedPrefixList:getManagedPrefixList": (c) => ({
    id: `pl-mock-${String(c.inputs.name ?? "list")
      .split(".")
      .slice(-2)
      .join("-")}`,
    name: c.inputs.name,
    addressFamily: "IPv4",
    maxEntries: 55,
  }),
  "aws:route53/getZone:getZone": (c) => ({
    zoneId: "Z0MOCKZONE12345",
    id: "Z0MOCKZONE12345",
    name: c.inputs.name,
    privateZone: false,
  }),
  "aws:s3/getCanonicalUserId:getCanonicalUserId": () => ({
    id: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
    displayName: "mock",
  }),
  "aws:cloudfront/getLogDeliveryCanonicalUserId:getLogDeliveryCanonicalUserId": () => ({
    id: "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0",
  }),
  // The documented ELB log-delivery accounts (components/edge/bucket-policies.ts cites the page).
  "aws:elb/getServiceAccount:getServiceAccount": (c) => {
    const id = ELB_LEGACY_LOG_ACCOUNTS[String(c.inputs.region)];
    return id ? { id, arn: `arn:aws:iam::${id}:root`, region: c.inputs.region } : {};
  },
  // Add-on versions come from AWS at deploy time (components/cluster/addon-versions.ts); offline
  // there is no AWS, so the answer says so instead of looking like a real build.
  "aws:eks/getAddonVersion:getAddonVersion": (c) => ({
    addonName: c.inputs.addonName,
    kubernetesVersion: c.inputs.kubernetesVersion,
    version: `offline-placeholder(${c.inputs.addonName}, default for ${c.inputs.kubernetesVersion}; resolved by AWS at deploy)`,
  }),
  // Image digests come from ECR at deploy time (components/security/image-digests.ts). Offline this
  // is a stand-in: sha256 of "offline-placeholder <registry>/<repository>:<tag>", not a real image.
  "aws:ecr/getImage:getImage": (c) => ({
    registryId: c.inputs.registryId ?? MOCK_ACCOUNT,
    repositoryName: c.inputs.repositoryName,
    imageTag: c.inputs.imageTag,
    imageTags: [c.inputs.imageTag],
    imageDigest: `sha256:${createHash("sha256")
      .update(`offline-placeholder ${c.inputs.registryId}/${c.inputs.repositoryName}:${c.inputs.imageTag}`)
      .digest("hex")}`,
  }),
  "aws:index/getRegion:getRegion": (c) => ({
    name: c.inputs.name ?? "us-east-1",
    region: c.inputs.region ?? "us-east-1",
  }),
};

/** Generic state for any resource: its inputs, an id, and an ARN-like value. */
export function mockState(
  args: pulumi.runtime.MockResourceArgs,
  region: string | null,
): { id: string; state: Record<string, unknown> } {
  const r = region ?? "us-east-1";
  const extra = RESOURCE_STATE[args.type]?.(args, r) ?? {};
  const short = args.type.split(":").pop() ?? "resource";
  return { id: `${args.name}-id`, state: { arn: arn(short.toLowerCase(), r, args.name), ...args.inputs, ...extra } };
}
