import {
  charset,
  edgeAlphanumeric,
  firstLetter,
  lengthBetween,
  noAdjacentPeriods,
  noDoubleHyphen,
  noTrailingHyphen,
  notEndsWith,
  notEqual,
  notIpAddress,
  notStartsWith,
  startsWith,
  type NameCheck,
} from "./rules";
import { KOTLIN, PULUMI_AWS, src, type NameRow } from "./row";

/** RDS identifiers (DB cluster, DB instance, global cluster) share one wording. */
const RDS_IDENTIFIER: readonly NameCheck[] = [
  lengthBetween(1, 63),
  charset(/^[A-Za-z0-9-]+$/, "letters, numbers and hyphens"),
  firstLetter,
  noTrailingHyphen,
  noDoubleHyphen,
];
const RDS_SAW =
  "Must contain from 1 to 63 letters, numbers, or hyphens; first character must be a letter; can't end with a hyphen or contain two consecutive hyphens";

/** RDS, ElastiCache, S3 and KMS names. */
export const DATA_ROWS: readonly NameRow[] = [
  {
    type: "aws:rds/cluster:Cluster",
    key: "clusterIdentifier",
    checks: RDS_IDENTIFIER,
    sources: [
      src(
        `${KOTLIN}/rds/aws.sdk.kotlin.services.rds.model/-create-db-cluster-request/db-cluster-identifier.html`,
        RDS_SAW,
      ),
    ],
  },
  {
    type: "aws:rds/clusterInstance:ClusterInstance",
    key: "identifier",
    checks: RDS_IDENTIFIER,
    sources: [
      src(
        `${KOTLIN}/rds/aws.sdk.kotlin.services.rds.model/-create-db-instance-request/db-instance-identifier.html`,
        RDS_SAW,
      ),
    ],
  },
  {
    type: "aws:rds/globalCluster:GlobalCluster",
    key: "globalClusterIdentifier",
    checks: RDS_IDENTIFIER,
    // CreateGlobalCluster states no constraints; ModifyGlobalCluster states them for the new identifier.
    sources: [
      src(
        `${KOTLIN}/rds/aws.sdk.kotlin.services.rds.model/-modify-global-cluster-request/new-global-cluster-identifier.html`,
        RDS_SAW,
      ),
    ],
  },
  {
    type: "aws:rds/subnetGroup:SubnetGroup",
    key: "name",
    checks: [
      lengthBetween(1, 255),
      charset(/^[A-Za-z0-9._ -]+$/, "letters, numbers, periods, underscores, spaces and hyphens"),
      firstLetter,
      notEqual("default"),
    ],
    sources: [
      src(
        `${KOTLIN}/rds/aws.sdk.kotlin.services.rds.model/-create-db-subnet-group-request/-builder/db-subnet-group-name.html`,
        "no more than 255 letters, numbers, periods, underscores, spaces, or hyphens; must not be default; first character must be a letter",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    key: "name",
    checks: [
      lengthBetween(1, 255),
      charset(/^[A-Za-z0-9-]+$/, "letters, numbers and hyphens"),
      firstLetter,
      noTrailingHyphen,
      noDoubleHyphen,
    ],
    sources: [
      src(
        `${KOTLIN}/rds/aws.sdk.kotlin.services.rds.model/-restore-db-cluster-from-snapshot-request/db-cluster-parameter-group-name.html`,
        "Must be 1 to 255 letters, numbers, or hyphens; first character must be a letter; can't end with a hyphen or contain two consecutive hyphens",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    key: "replicationGroupId",
    checks: [
      lengthBetween(1, 40),
      charset(/^[A-Za-z0-9-]+$/, "alphanumeric characters and hyphens"),
      firstLetter,
      noTrailingHyphen,
      noDoubleHyphen,
    ],
    sources: [
      src(
        `${KOTLIN}/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-replication-group-request/replication-group-id.html`,
        "from 1 to 40 alphanumeric characters or hyphens; first character must be a letter; cannot end with a hyphen or contain two consecutive hyphens",
      ),
    ],
  },
  {
    type: "aws:elasticache/subnetGroup:SubnetGroup",
    key: "name",
    checks: [lengthBetween(1, 255), charset(/^[A-Za-z0-9-]+$/, "alphanumeric characters and hyphens")],
    sources: [
      src(
        `${KOTLIN}/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-cache-subnet-group-request/cache-subnet-group-name.html`,
        "no more than 255 alphanumeric characters or hyphens",
      ),
    ],
    autoNamed: true,
  },
  ...["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"].map((type): NameRow => ({
    type,
    key: "bucket",
    checks: [
      lengthBetween(3, 63),
      charset(/^[a-z0-9.-]+$/, "lowercase letters, numbers, periods and hyphens"),
      edgeAlphanumeric,
      noAdjacentPeriods,
      notIpAddress,
      notStartsWith("xn--", "sthree-", "amzn-s3-demo-"),
      notEndsWith("-s3alias", "--ol-s3", ".mrap", "--x-s3"),
    ],
    sources: [
      src(
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
        "3-63 chars; lowercase letters, numbers, periods, hyphens; begin and end with letter or number; no two adjacent periods; not an IP address; not xn--, sthree-, amzn-s3-demo-; not -s3alias, --ol-s3, .mrap",
      ),
      src(`${PULUMI_AWS} s3/bucket.d.ts bucket`, "The name must not be in the format [bucketName]--[azid]--x-s3"),
    ],
    prefix: {
      key: "bucketPrefix",
      max: 37,
      source: src(
        `${PULUMI_AWS} s3/bucket.d.ts bucketPrefix`,
        "Must be lowercase and less than or equal to 37 characters in length.",
      ),
    },
  })),
  {
    type: "aws:kms/alias:Alias",
    key: "name",
    checks: [
      lengthBetween(1, 256),
      startsWith("alias/"),
      notStartsWith("alias/aws/"),
      charset(/^[A-Za-z0-9/_-]+$/, "alphanumerics, forward slashes, underscores and dashes"),
    ],
    sources: [
      src(
        "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html",
        "string of 1-256 characters; only alphanumeric characters, forward slashes (/), underscores (_), and dashes (-); cannot begin with alias/aws/",
      ),
      src(
        `${PULUMI_AWS} kms/alias.d.ts name`,
        'The name must start with the word "alias" followed by a forward slash (alias/)',
      ),
    ],
  },
  {
    type: "aws:dynamodb/table:Table",
    key: "name",
    checks: [lengthBetween(3, 255), charset(/^[A-Za-z0-9_.-]+$/, "letters, numbers, underscores, hyphens and periods")],
    sources: [
      {
        url: "https://docs.aws.amazon.com/sdkfornet1/latest/apidocs/html/P_Amazon_DynamoDBv2_Model_UpdateTableRequest_TableName.htm",
        read: "2026-12-07",
        saw: "TableName Constraints: Length 3 - 255, Pattern [a-zA-Z0-9_.-]+",
      },
    ],
  },
  {
    type: "aws:msk/configuration:Configuration",
    key: "name",
    checks: [charset(/^[0-9A-Za-z][0-9A-Za-z-]*$/, "letters, digits and hyphens, starting with a letter or digit")],
    sources: [
      {
        url: "https://docs.aws.amazon.com/msk/latest/developerguide/msk-configuration-operations-create.html",
        read: "2026-12-07",
        saw: 'The name that you choose for your configuration must match the following regex: "^[0-9A-Za-z][0-9A-Za-z-]{0,}$"',
      },
    ],
  },
];
