import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Findings that need a person, routed to the region's alarm topic. GuardDuty: high (7.0-8.9) and
 * critical (9.0-10.0) severities, as numbers in the event
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html and
 * .../guardduty_findings_eventbridge.html, detail-type "GuardDuty Finding", read 2026-12-07).
 */
export const GUARDDUTY_HIGH_FINDINGS = {
  source: ["aws.guardduty"],
  "detail-type": ["GuardDuty Finding"],
  detail: { severity: [{ numeric: [">=", 7] }] },
} as const;

/**
 * Security Hub: new, active findings labelled CRITICAL or HIGH ("Security Hub Findings - Imported"
 * fires on every import and update; Workflow.Status NEW keeps a triaged finding from paging again).
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html (read 2026-12-07).
 */
export const SECURITYHUB_HIGH_FINDINGS = {
  source: ["aws.securityhub"],
  "detail-type": ["Security Hub Findings - Imported"],
  detail: {
    findings: { Severity: { Label: ["CRITICAL", "HIGH"] }, Workflow: { Status: ["NEW"] }, RecordState: ["ACTIVE"] },
  },
} as const;

export interface FindingRoute {
  /** The rule's physical name (EventBridge: 1-64 characters). */
  ruleName: string;
  description: string;
  pattern: object;
  /** The region's alarm topic (its policy and key admit events.amazonaws.com). */
  topicArn: pulumi.Input<string>;
}

/** An EventBridge rule for the findings and its target: the alarm topic of the same region. */
export function routeFindings(name: string, route: FindingRoute, opts: pulumi.CustomResourceOptions): void {
  const rule = new aws.cloudwatch.EventRule(
    name,
    { name: route.ruleName, description: route.description, eventPattern: JSON.stringify(route.pattern) },
    opts,
  );
  new aws.cloudwatch.EventTarget(`${name}-to-alarms`, { rule: rule.name, arn: route.topicArn }, opts);
}
