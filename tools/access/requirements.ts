import { FAILOVER_REQUIREMENTS } from "./needs-failover";

/**
 * Why each kind of access entry exists, with the AWS page that says the service acts that way
 * (read 2026-12-07). Entry ids are the `requirement` field of plan.json `access`.
 */
export const REQUIREMENTS: Readonly<Record<string, { why: string; source: string }>> = {
  ...FAILOVER_REQUIREMENTS,
  "config-delivery": {
    why: "AWS Config writes configuration snapshots and history to its delivery bucket as the recorder's role",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html",
  },
  "config-assume-role": {
    why: "AWS Config assumes the recorder role",
    source: "https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html",
  },
  "elb-access-logs": {
    why: "the ALB writes access logs to its bucket as the region's ELB account (or log delivery service)",
    source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
  },
  "cloudfront-standard-logs": {
    why: "CloudFront standard logs are written through the bucket ACL by the awslogsdelivery account",
    source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html",
  },
  "waf-logging-setup": {
    why: "WAF logging to CloudWatch Logs adds the log group's resource policy with the deploying identity's permissions",
    source: "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html",
  },
  "flow-logs-delivery": {
    why: "VPC flow logs publish to the log group as the flow log's role",
    source: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
  },
  "flow-logs-assume-role": {
    why: "the flow logs service assumes the flow log's role",
    source: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
  },
  "alarm-publish": {
    why: "a CloudWatch alarm publishes to its SNS action as cloudwatch.amazonaws.com",
    source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-actions.html",
  },
  "alarm-topic-key": {
    why: "publishing to an encrypted topic needs the topic key's GenerateDataKey and Decrypt for the publisher",
    source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  "eventbridge-to-sqs": {
    why: "EventBridge delivers to an SQS target as events.amazonaws.com, allowed only by the queue policy",
    source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
  },
  "lambda-logs": {
    why: "a Lambda function writes its output to its log group as its execution role",
    source: "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html",
  },
  "lambda-sqs-source": {
    why: "an SQS event source mapping polls, deletes and reads the queue as the function's execution role",
    source: "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
  },
  "fargate-pod-execution": {
    why: "EKS assumes a Fargate profile's pod execution role to pull the pods' images",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html",
  },
  "fargate-log-router": {
    why: "Fargate's log router writes the pods' output to the aws-logging ConfigMap's log group as the pod execution role",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html",
  },
  "codebuild-runner": {
    why: "CodeBuild runs the in-network runner as its role: assume, logs, ENIs in its subnets, the GitHub connection",
    source:
      "https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html",
  },
  "other-account-no-access": {
    why: "an identity of another account (dev's, once each environment has its own account) reaches none of this stack's data, even as administrator",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html",
  },
  "rds-enhanced-monitoring": {
    why: "RDS enhanced monitoring writes OS metrics to RDSOSMetrics as the monitoring role",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html",
  },
  "rds-monitoring-assume-role": {
    why: "RDS assumes the monitoring role",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html",
  },
  "log-group-key": {
    why: "CloudWatch Logs encrypts a log group with its customer key, with the log group ARN as encryption context",
    source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  },
  "pod-identity-assume-role": {
    why: "EKS Pod Identity assumes each associated role with session tags naming cluster, namespace and service account",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html",
  },
  "node-role": {
    why: "nodes pull images and the Pod Identity agent exchanges tokens as the node role",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html",
  },
  karpenter: {
    why: "Karpenter launches and tags instances, passes the node role, reads its interruption queue",
    source: "https://karpenter.sh/docs/reference/cloudformation/",
  },
  "lb-controller": {
    why: "the Load Balancer Controller registers gateway pods in the TargetGroupBinding's target group",
    source: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/",
  },
  "keda-sqs": {
    why: "KEDA's aws-sqs-queue scaler reads queue depth",
    source: "https://keda.sh/docs/latest/scalers/aws-sqs/",
  },
  "vpc-cni": {
    why: "the VPC CNI attaches ENIs and assigns pod IPs",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html",
  },
  "ebs-csi": {
    why: "the EBS CSI driver creates and attaches volumes tagged for the cluster",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html",
  },
  "amp-remote-write": {
    why: "Prometheus remote-writes to the region's AMP workspace",
    source: "https://docs.aws.amazon.com/prometheus/latest/userguide/AMP-onboard-ingest-metrics-remote-write.html",
  },
  "alertmanager-publish": {
    why: "Alertmanager publishes alerts to the region's encrypted alarm topic",
    source: "https://prometheus.io/docs/alerting/latest/configuration/#sns_config",
  },
  "service-own-database-user": {
    why: "a service signs IAM auth tokens for the database user its Deployment names",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html",
  },
  "service-other-database-user": {
    why: "a service must not connect as another service's database user",
    source: "docs/access.md",
  },
  "service-own-queue": {
    why: "workers consume their queue, web services send to it",
    source: "components/workloads/iam.ts",
  },
  "service-other-queue": {
    why: "a service must not use a queue it is not wired to, or in the other direction",
    source: "docs/access.md",
  },
  "service-own-secret": {
    why: "a service reads the secrets its ConfigMaps and env name, decrypting through Secrets Manager",
    source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
  },
  "eventbridge-to-sns": {
    why: "an EventBridge rule delivers to an SNS topic through the topic policy, encrypting with the topic's key",
    source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
  },
  "service-own-table": {
    why: "a service that declares DynamoDB reads and writes items of its region's table; DynamoDB decrypts with the table's key on its behalf",
    source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html",
  },
  "service-no-table": {
    why: "a service that does not declare DynamoDB may not read or write the table its ConfigMap names",
    source: "docs/access.md",
  },
  "service-own-kafka-topics": {
    why: "a service that declares Kafka connects with IAM, writes the topics it produces and reads those it consumes as its own group",
    source: "https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html",
  },
  "service-no-kafka": {
    why: "a service that does not declare Kafka may not connect to the region's cluster or touch its topics",
    source: "docs/kafka.md",
  },
  "keda-kafka-lag": {
    why: "KEDA's kafka scaler reads a consumer group's lag on MSK with IAM as the operator: connect, describe the topic and the group",
    source: "https://keda.sh/docs/2.20/scalers/apache-kafka/",
  },
  "service-kafka-overreach": {
    why: "a Kafka user may not delete or alter topics, write a topic it does not produce or read one it does not consume",
    source: "docs/kafka.md",
  },
  "service-own-cache-user": {
    why: "a service with a cache user connects with IAM authentication as that user to the replication groups its endpoints name",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html",
  },
  "cache-user-scoped": {
    why: "the group's user group holds the service's user, IAM-authenticated, on, and reaching only the service's own keys",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  "service-other-cache-user": {
    why: "a service must not connect as another service's cache user (a shared user is one)",
    source: "docs/access.md",
  },
  "service-no-cache": {
    why: "a service without a cache user may not connect to the cache its ConfigMap names",
    source: "docs/access.md",
  },
  "service-other-secret": {
    why: "a service must not read a secret it is not given (e.g. the database master password)",
    source: "docs/access.md",
  },
  "no-pass-role": {
    why: "only Karpenter passes a role (its node role); no pod may pass a controller or node role",
    source: "docs/access.md",
  },
  "preview-no-secret-values": {
    why: "a preview runs pull-request code: it must read no secret value, origin header or sampled request",
    source: "docs/access.md",
  },
  "preview-reads-aws": {
    why: "a preview calls the data sources the program reads (caller identity, prefix list, hosted zone, add-on versions, canonical user id)",
    source: "components/ (aws.get* calls); docs/access.md",
  },
  "preview-reads-cluster": { why: "a preview reads Kubernetes objects to diff them", source: "docs/access.md" },
  "preview-no-cluster-writes-or-secrets": {
    why: "a preview must not read Secrets or change a cluster",
    source: "docs/access.md",
  },
  "deploy-creates-planned-role": {
    why: "the deploy role creates each planned role, which it may only do with the stack's workload boundary attached",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
  },
  "deploy-role-boundary": {
    why: "the deploy role creates roles only under its boundary and cannot remove one",
    source: "docs/access.md",
  },
  "jenkins-codebuild": {
    why: "the Jenkins controller starts, watches and stops heavy builds on its CodeBuild project and reads their logs; the project writes its logs",
    source:
      "https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html",
  },
  "jenkins-codebuild-only": {
    why: "the Jenkins controller starts no other project and passes no role (a StartBuild override could swap the build's role)",
    source: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html",
  },
  "jenkins-no-deploy": {
    why: "neither Jenkins nor its builds may assume the stack's CI deploy role",
    source: "docs/jenkins.md",
  },
  "jenkins-no-data": {
    why: "neither Jenkins nor its builds reach the data tier (secrets, database users, tables, queues)",
    source: "docs/jenkins.md",
  },
  "efs-csi": {
    why: "the EFS CSI controller describes Jenkins' file system and access point; static provisioning needs no access point writes",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html",
  },
};
