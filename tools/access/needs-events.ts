/**
 * EventBridge delivering to the program's targets: SQS queues (Karpenter's interruption queue)
 * through the queue policy, SNS topics (security findings to the alarm topic) through the topic
 * policy and the topic's key.
 */
import type { PlanResource } from "../../policies/lib/offline";
import type { Need } from "./model";
import type { World } from "./world";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const regionOf = (r: PlanResource) => r.region ?? "us-east-1";

export function eventTargets(world: World): Need[] {
  const topics = new Map(world.ofType("aws:sns/topic:Topic").map((x) => [String(world.out(x).arn), x]));
  return world.ofType("aws:cloudwatch/eventTarget:EventTarget").flatMap((t): Need[] => {
    const target = str(t.inputs.arn);
    const ruleArn = `arn:aws:events:${regionOf(t)}:${world.account}:rule/${t.inputs.rule}`;
    const asker = { service: "events.amazonaws.com" };
    const context = { "aws:SourceArn": ruleArn, "aws:SourceAccount": world.account };
    if (target?.startsWith("arn:aws:sns:")) {
      // EventBridge publishes with the topic policy, and encrypts with the topic's key.
      const key = str(topics.get(target)?.inputs.kmsMasterKeyId);
      const publish: Need = {
        requirement: "eventbridge-to-sns",
        kind: "required",
        asker,
        action: "sns:Publish",
        resource: target,
        context,
        urn: t.urn,
      };
      if (!key || key.startsWith("alias/aws/")) return [publish];
      return [
        publish,
        ...["kms:GenerateDataKey", "kms:Decrypt"].map((action): Need => ({
          requirement: "eventbridge-to-sns",
          kind: "required",
          asker,
          action,
          resource: key,
          context,
          urn: t.urn,
        })),
      ];
    }
    if (!target?.startsWith("arn:aws:sqs:")) return [];
    return [
      {
        requirement: "eventbridge-to-sqs",
        kind: "required",
        asker: { service: "events.amazonaws.com" },
        action: "sqs:SendMessage",
        resource: target,
        context: { "aws:SourceArn": ruleArn, "aws:SourceAccount": world.account },
        urn: t.urn,
      },
    ];
  });
}
