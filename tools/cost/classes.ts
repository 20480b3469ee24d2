/**
 * What the estimate does with a resource type that has no pricing rule: AWS does not bill it
 * (FREE, with the reason), or AWS bills it by a usage we have no assumption for (NOT_ESTIMATED,
 * counted "unpriced" with the reason). A type in neither table is counted unpriced as
 * "no pricing rule", so a new billed type can never pass as free.
 */
export interface FreeClass {
  readonly match: RegExp;
  readonly reason: string;
}

/** Types AWS does not bill by themselves (their traffic or storage is billed elsewhere, or not at all). */
export const FREE: readonly FreeClass[] = [
  { match: /^pulumi:/, reason: "Pulumi's own bookkeeping (providers, stack): nothing is created in AWS" },
  { match: /^platform:/, reason: "a component of this program: it groups resources, nothing is created in AWS" },
  { match: /^random:/, reason: "generated locally by the random provider" },
  {
    match: /^kubernetes:/,
    reason:
      "an object inside the cluster: billed as the nodes, volumes and load balancers it runs on (priced on those)",
  },
  { match: /^aws:iam\//, reason: "IAM roles, policies and attachments carry no charge" },
  {
    match:
      /^aws:ec2\/(vpc|subnet|routeTable|routeTableAssociation|route|internetGateway|securityGroup|defaultSecurityGroup|tag|launchTemplate|vpcPeeringConnectionAccepter|securityGroupRule|mainRouteTableAssociation|networkAcl|networkAclRule):/,
    reason: "VPC building blocks carry no charge; their traffic is billed on NAT, peering and load balancers",
  },
  {
    match: /^aws:ec2\/flowLog:/,
    reason: "the flow log definition is free; its records are billed as CloudWatch Logs on its log group",
  },
  { match: /^aws:vpc\/securityGroup(Ingress|Egress)Rule:/, reason: "security group rules carry no charge" },
  {
    match: /^aws:eks\/(addon|accessEntry|podIdentityAssociation):/,
    reason:
      "EKS add-ons, access entries and Pod Identity associations carry no charge (their pods run on priced nodes)",
  },
  { match: /^aws:acm\//, reason: "public ACM certificates used by AWS services are free" },
  { match: /^aws:msk\/configuration:/, reason: "an MSK configuration (broker settings) carries no charge" },
  {
    match: /^aws:cloudfront\/(cachePolicy|responseHeadersPolicy|originRequestPolicy|originAccessControl):/,
    reason: "CloudFront policies carry no charge; requests and egress are billed on the distribution",
  },
  {
    match: /^aws:lb\/(listener|listenerRule|targetGroup|targetGroupAttachment):/,
    reason: "billed through the load balancer's hours and LCUs (rule evaluations counted there)",
  },
  { match: /^aws:appautoscaling\//, reason: "Application Auto Scaling carries no charge of its own" },
  {
    match: /^aws:cloudwatch\/event(Rule|Target):/,
    reason: "EventBridge rules on AWS service events carry no charge",
  },
  {
    match: /^aws:rds\/(subnetGroup|clusterParameterGroup|parameterGroup|globalCluster):/,
    reason: "RDS groups and the global cluster container carry no charge; instances, storage and I/O are priced",
  },
  { match: /^aws:elasticache\/(subnetGroup|parameterGroup):/, reason: "ElastiCache groups carry no charge" },
  { match: /^aws:kms\/alias:/, reason: "KMS aliases carry no charge (the key is priced)" },
  { match: /^aws:secretsmanager\/secretVersion:/, reason: "billed per secret, not per version (the secret is priced)" },
  { match: /^aws:sqs\/queuePolicy:/, reason: "queue policies carry no charge" },
  { match: /^aws:sns\/(topicSubscription|topicPolicy):/, reason: "subscriptions and topic policies carry no charge" },
  { match: /^aws:codebuild\/webhook:/, reason: "webhooks carry no charge (build minutes are priced on the project)" },
  {
    match: /^aws:cfg\/(deliveryChannel|recorderStatus):/,
    reason: "AWS Config bills the recorder's configuration items; its delivery channel and status are free",
  },
  {
    match: /^aws:wafv2\/webAclLoggingConfiguration:/,
    reason: "WAF log delivery is billed as CloudWatch Logs ingestion on the aws-waf-logs-* group",
  },
  { match: /^aws:codeconnections\/connection:/, reason: "CodeConnections connections carry no charge" },
  {
    match: /^aws:elasticache\/(user|userGroup):/,
    reason: "ElastiCache RBAC users and user groups carry no charge (the nodes are priced)",
  },
  {
    match: /^aws:efs\/(accessPoint|mountTarget|fileSystemPolicy):/,
    reason: "EFS access points, mount targets and policies carry no charge (storage is billed on the file system)",
  },
  { match: /^aws:ssm\/document:/, reason: "custom Systems Manager documents carry no charge" },
  {
    match:
      /^aws:s3\/bucket(Acl|LifecycleConfiguration|OwnershipControls|Policy|PublicAccessBlock|ServerSideEncryptionConfiguration|Versioning)(V2)?:/,
    reason: "bucket settings carry no charge (storage and requests are billed on the bucket)",
  },
];

/** Billed by usage we do not model: counted unpriced with the reason. */
export const NOT_ESTIMATED: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "S3 storage and requests of access-log buckets not estimated (no log-size assumption)",
  "aws:s3/bucketV2:BucketV2": "S3 storage and requests of access-log buckets not estimated (no log-size assumption)",
  "aws:sqs/queue:Queue":
    "SQS requests not estimated (Karpenter interruption and KEDA queues: a few million a month at $0.40/1M)",
  "aws:sns/topic:Topic": "SNS notifications not estimated (alarm e-mails only)",
  "aws:guardduty/detector:Detector":
    "GuardDuty not estimated (billed per CloudTrail/flow-log/DNS event, EKS audit log and runtime vCPU analysed)",
  "aws:guardduty/detectorFeature:DetectorFeature":
    "GuardDuty EKS protection not estimated (audit-log events and runtime-monitored vCPUs)",
  "aws:securityhub/account:Account": "Security Hub not estimated (billed per security check and finding ingested)",
  "aws:cfg/recorder:Recorder": "AWS Config not estimated (billed per configuration item recorded and rule evaluation)",
  "aws:efs/backupPolicy:BackupPolicy":
    "EFS automatic backups not estimated (billed as AWS Backup storage per GB-month of backed-up data; no size assumption)",
};

/** The FREE entry a type matches, if any. */
export function freeClass(type: string): FreeClass | undefined {
  return FREE.find((f) => f.match.test(type));
}
