import type { StackValidationPolicy } from "@pulumi/policy";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

/**
 * Advisory; mandatory in strict environments (prod, staging) through the registry. An alarm whose
 * topic has no subscriber pages nobody. Alarm topics are the SNS topics CloudWatch alarms depend
 * on (their alarmActions); each needs at least one subscription that depends on it.
 */
export function alarmSubscriptions(): StackValidationPolicy {
  return {
    name: "aws-alarm-subscriptions",
    description:
      "Every SNS topic that CloudWatch alarms publish to has at least one subscription (platform:observability.alarmEmails).",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      const topics = args.resources.filter((r) => r.type === TOPIC);
      const alarms = args.resources.filter((r) => r.type === ALARM);
      const subscriptions = args.resources.filter((r) => r.type === SUBSCRIPTION);
      for (const topic of topics) {
        const publishers = alarms.filter((a) => a.dependencies.some((d) => d.urn === topic.urn)).length;
        if (publishers === 0) continue;
        if (subscriptions.some((s) => s.dependencies.some((d) => d.urn === topic.urn))) continue;
        reportViolation(
          `SNS topic "${topic.name}" receives ${publishers} CloudWatch alarm${publishers === 1 ? "" : "s"} but has no subscription: ` +
            `nobody is notified (set platform:observability.alarmEmails)`,
          topic.urn,
        );
      }
    },
  };
}
