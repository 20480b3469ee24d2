/**
 * Key policy for the alarm topic's KMS key: the account administers it (IAM policies decide
 * who may use it, e.g. Alertmanager's Pod Identity role), and CloudWatch may encrypt the
 * alarm notifications it publishes to the topic.
 */
export function alarmKeyPolicy(partition: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
      {
        // Security findings reach the topic through EventBridge rules of this account.
        Sid: "EventBridgeFindingsPublish",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * The alarm topic's access policy: SNS's default statement (snsDefaultStatement, which CloudWatch
 * alarms of the account rely on), plus EventBridge rules of this account,
 * which SNS admits only through the topic policy
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions, read 2026-12-07).
 */
export function alarmTopicPolicy(topicArn: string, accountId: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      snsDefaultStatement(topicArn, accountId),
      {
        Sid: "EventBridgeFindingsPublish",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/**
 * The statement SNS puts on a topic created without a policy (GetTopicAttributes "Policy" of a new
 * topic; https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html, read 2026-12-07):
 * the owner account may publish, subscribe and manage.
 */
export function snsDefaultStatement(topicArn: string, accountId: string) {
  return {
    Sid: "__default_statement_ID",
    Effect: "Allow" as const,
    Principal: { AWS: "*" },
    Action: [
      "SNS:GetTopicAttributes",
      "SNS:SetTopicAttributes",
      "SNS:AddPermission",
      "SNS:RemovePermission",
      "SNS:DeleteTopic",
      "SNS:Subscribe",
      "SNS:ListSubscriptionsByTopic",
      "SNS:Publish",
    ],
    Resource: topicArn,
    Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
  };
}
