/**
 * The policies AWS puts on a resource created without one, as its documentation gives them.
 */
import { snsDefaultStatement } from "../../components/observability/alarms";
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

/** SNS default topic access policy: the topic owner's account may publish, subscribe and manage. */
export function defaultTopicPolicy(topicArn: string, account: string): Statement[] {
  return statementsOf(
    { Version: "2012-10-17", Statement: [snsDefaultStatement(topicArn, account)] },
    "aws-default-topic-policy",
  );
}
