/**
 * The policies AWS puts on a resource created without one, as its documentation gives them.
 */
import { statementsOf, type Statement } from "./policy-doc";

/**
 * KMS default key policy for a key created through the API without a policy: the account root may
 * do everything, which hands the decision to IAM policies.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html (read 2026-12-07).
 */
export function defaultKeyPolicy(account: string): Statement[] {
  return statementsOf(
    {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
    "aws-default-key-policy",
  );
}

/**
 * SNS default topic access policy: the topic owner's account may publish, subscribe and manage.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html and the policy SNS
 * returns for a new topic (GetTopicAttributes "Policy"), read 2026-12-07.
 */
export function defaultTopicPolicy(topicArn: string, account: string): Statement[] {
  return statementsOf(
    {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "__default_statement_ID",
          Effect: "Allow",
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
          Condition: { StringEquals: { "AWS:SourceOwner": account } },
        },
      ],
    },
    "aws-default-topic-policy",
  );
}
