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
  // The backend is PostgreSQL: SQL-injection patterns in URI, query, body and cookies.
  "AWSManagedRulesSQLiRuleSet",
] as const;

/** Optional (edge.waf.botControl): billed per request inspected, see the config key. */
export const BOT_CONTROL_GROUP = "AWSManagedRulesBotControlRuleSet";

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

export function wafRules(metricPrefix: string, rateLimitPer5Min: number, botControl = false): WafRule[] {
  if (!Number.isInteger(rateLimitPer5Min) || rateLimitPer5Min < 10)
    throw new Error(`rateLimitPer5Min: got ${rateLimitPer5Min}; expected an integer >= 10 (AWS WAF minimum)`);
  const groups: string[] = [...MANAGED_RULE_GROUPS, ...(botControl ? [BOT_CONTROL_GROUP] : [])];
  const managed = groups.map((group, i): WafRule => ({
    name: group,
    priority: i,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name: group,
        ...(group === BOT_CONTROL_GROUP
          ? { managedRuleGroupConfigs: [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: "COMMON" } }] }
          : {}),
      },
    },
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
