/**
 * WAFv2 rules for the CloudFront web ACL, as plain objects (the shape aws.wafv2.WebAcl's
 * `rules` takes). Managed groups run first and count nothing themselves (overrideAction none =
 * use the group's own block actions); the rate limit comes last so it counts only requests the
 * managed rules let through.
 */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesAmazonIpReputationList",
] as const;

export interface WafRule {
  name: string;
  priority: number;
  overrideAction?: { none: Record<string, never> };
  action?: { block: Record<string, never> };
  statement: Record<string, unknown>;
  visibilityConfig: { cloudwatchMetricsEnabled: boolean; metricName: string; sampledRequestsEnabled: boolean };
}

export function visibility(metricName: string): WafRule["visibilityConfig"] {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

export function wafRules(metricPrefix: string, rateLimitPer5Min: number): WafRule[] {
  if (!Number.isInteger(rateLimitPer5Min) || rateLimitPer5Min < 10)
    throw new Error(`rateLimitPer5Min: got ${rateLimitPer5Min}; expected an integer >= 10 (AWS WAF minimum)`);
  const managed = MANAGED_RULE_GROUPS.map((group, i): WafRule => ({
    name: group,
    priority: i,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
    visibilityConfig: visibility(`${metricPrefix}-${group}`),
  }));
  const rate: WafRule = {
    name: "rate-limit-per-ip",
    priority: managed.length,
    action: { block: {} },
    statement: { rateBasedStatement: { limit: rateLimitPer5Min, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
    visibilityConfig: visibility(`${metricPrefix}-rate-limit`),
  };
  return [...managed, rate];
}
