/**
 * The name-like inputs of the dev and prod plans that have no row in `limits.ts`, each with why. A
 * spec walks both plans and fails on any (type, input) that is in none of the three lists, so a new
 * named resource gets a row (rules read at a source) or a reason here, never silence.
 */

/** Inputs a spec scans for: the ones AWS providers use for a resource's own physical name. */
export const NAME_INPUTS: readonly string[] = [
  "name",
  "namePrefix",
  "bucket",
  "bucketPrefix",
  "clusterIdentifier",
  "identifier",
  "replicationGroupId",
  "globalClusterIdentifier",
  "globalReplicationGroupIdSuffix",
  "alias",
  "nodeGroupName",
  "projectName",
];

const S3_CHILDREN = [
  "bucketAcl:BucketAcl",
  "bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "bucketOwnershipControls:BucketOwnershipControls",
  "bucketPolicy:BucketPolicy",
  "bucketPublicAccessBlock:BucketPublicAccessBlock",
  "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "bucketVersioning:BucketVersioning",
];

/** `<type> <input>` that is not this resource's own AWS name. */
export const NOT_OWN_NAME: Readonly<Record<string, string>> = {
  "aws:route53/record:Record name": "a DNS record in the configured zone (domain checks live in config)",
  "aws:rds/cluster:Cluster globalClusterIdentifier": "references the global cluster (checked on its own row)",
  "aws:rds/clusterInstance:ClusterInstance clusterIdentifier": "references the cluster (checked on its own row)",
  "aws:codebuild/webhook:Webhook projectName": "references the CodeBuild project (checked on its own row)",
  "aws:guardduty/detectorFeature:DetectorFeature name": "a feature enum (e.g. RUNTIME_MONITORING), not a chosen name",
  "aws:cfg/recorderStatus:RecorderStatus name": "references the configuration recorder",
  ...Object.fromEntries(
    S3_CHILDREN.map((t) => [`aws:s3/${t} bucket`, "references the bucket (checked on its own row)"]),
  ),
};

/** `<type> <input>` that is an AWS name whose rules nobody has read at a source yet: no row, no guess. */
export const NOT_YET_READ: Readonly<Record<string, string>> = {
  // Read 2026-12-02 at docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html:
  // "Name: A unique name to identify the cache policy. Type: String. Required: Yes" (no length, no pattern).
  "aws:cloudfront/cachePolicy:CachePolicy name":
    "API_CachePolicyConfig gives Name as a required String with no length or characters",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy name":
    "ResponseHeadersPolicyConfig Name: no stored page showing its constraints was found (2026-12-02)",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup globalReplicationGroupIdSuffix":
    "CreateGlobalReplicationGroup states no length or characters for the suffix (AWS prefixes it per region)",
};
