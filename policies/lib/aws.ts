import type { PolicyProviderResource, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { known } from "./policy";

export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/**
 * The taggable AWS types the required-tags policy checks. Explicit rather than "anything with a
 * tags input" so adding a type is a reviewed decision and a typo in a type token shows up here.
 */
export const TAGGABLE_TYPES: readonly string[] = [
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:kms/key:Key",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:eks/addon:Addon",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/listener:Listener",
  "aws:cloudfront/distribution:Distribution",
  "aws:wafv2/webAcl:WebAcl",
  "aws:acm/certificate:Certificate",
  "aws:route53/healthCheck:HealthCheck",
  "aws:sqs/queue:Queue",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:secretsmanager/secret:Secret",
  "aws:iam/role:Role",
];

export const S3_BUCKET_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export type Tags = Record<string, string>;

/** An AWS resource managed through a provider (not a provider, not a component). */
export function isAwsResource(type: string): boolean {
  return type.startsWith("aws:");
}

/**
 * Default providers are named `default` or `default_<version>` by the engine. Offline (mock
 * engine) a resource without an explicit provider has none at all; both mean "not the regional
 * provider we built", which is what the policy is about.
 */
export function isDefaultProvider(provider: PolicyProviderResource | undefined): boolean {
  return provider === undefined || provider.name.startsWith("default");
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  // The engine serialises nested provider config as JSON strings; plan.json keeps objects.
  if (typeof value === "string") {
    try {
      return asObject(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Stands in for a tag value computed from an output (unknown during preview): present, not comparable. */
export const UNKNOWN_TAG_VALUE = "<unknown during preview>";

function stringMap(value: unknown): Tags {
  const obj = asObject(value) ?? {};
  const out: Tags = {};
  for (const k of Object.keys(obj)) {
    let v: unknown;
    try {
      v = obj[k];
    } catch {
      v = UNKNOWN_TAG_VALUE;
    }
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** Tags the provider adds to every resource through `defaultTags.tags`. */
export function providerDefaultTags(provider: PolicyProviderResource | undefined): Tags {
  if (!provider) return {};
  const defaultTags = known(() => provider.props.defaultTags);
  return stringMap(asObject(defaultTags)?.tags);
}

/** The tags AWS will end up with: provider default tags overridden by the resource's own. */
export function effectiveTags(
  resource: Pick<PolicyResource, "props" | "provider"> | Pick<ResourceValidationArgs, "props" | "provider">,
): Tags {
  const own = known(() => resource.props.tags);
  return { ...providerDefaultTags(resource.provider), ...stringMap(own) };
}

/** aws v7 resources may override the provider's region with their own `region` input. */
export function regionOf(
  resource: Pick<PolicyResource, "props" | "provider"> | Pick<ResourceValidationArgs, "props" | "provider">,
): string | undefined {
  const own = known(() => resource.props.region);
  if (typeof own === "string" && own !== "") return own;
  const fromProvider = resource.provider ? known(() => resource.provider!.props.region) : undefined;
  return typeof fromProvider === "string" && fromProvider !== "" ? fromProvider : undefined;
}
