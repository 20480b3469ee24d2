import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmTopic } from "../region-context";
import { alarmKeyPolicy, alarmTopicPolicy } from "./alarms";

export interface AlarmTopicArgs {
  /** Physical name prefix of the region, e.g. `platform-prod-usw2` (topic `<prefix>-alarms`). */
  physicalName: string;
  /** E-mail addresses subscribed to the topic (`platform:observability.alarmEmails`). */
  emails: readonly string[];
  /** Pulumi `protect` on the key (prod): deleting it would make queued encrypted messages unreadable. */
  protect?: boolean;
}

/**
 * The region's encrypted alarm topic and its e-mail subscriptions. Created at the start of the
 * region (it needs nothing else), so the data tier, the edge and observability can all give their
 * CloudWatch alarms an action. A customer-managed key, not alias/aws/sns: CloudWatch alarms
 * cannot publish to a topic encrypted with the AWS-managed SNS key (its key policy cannot grant
 * cloudwatch.amazonaws.com). Each region gets its own, so every alarm publishes to the topic
 * beside it and a region's alerting does not depend on another region.
 */
export function createAlarmTopic(
  name: string,
  args: AlarmTopicArgs,
  opts: pulumi.CustomResourceOptions & { provider: aws.Provider },
): AlarmTopic {
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const key = new aws.kms.Key(
    `${name}-alarm-key`,
    {
      description: `Encrypts the ${args.physicalName} alarm topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: pulumi
        .all([partition.partition, identity.accountId])
        .apply(([p, account]) => JSON.stringify(alarmKeyPolicy(p, account))),
    },
    { ...opts, protect: args.protect ?? false },
  );
  const topic = new aws.sns.Topic(
    `${name}-alarms`,
    { name: `${args.physicalName}-alarms`, kmsMasterKeyId: key.arn },
    opts,
  );
  new aws.sns.TopicPolicy(
    `${name}-alarm-topic-policy`,
    {
      arn: topic.arn,
      policy: pulumi
        .all([topic.arn, identity.accountId])
        .apply(([arn, account]) => JSON.stringify(alarmTopicPolicy(arn, account))),
    },
    opts,
  );
  for (const email of args.emails) {
    // Named by a hash of the address: reordering the list never replaces a subscription.
    const id = createHash("sha256").update(email).digest("hex").slice(0, 8);
    new aws.sns.TopicSubscription(
      `${name}-alarm-email-${id}`,
      { topic: topic.arn, protocol: "email", endpoint: email },
      opts,
    );
  }
  return { arn: topic.arn, keyArn: key.arn };
}
