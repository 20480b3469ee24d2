import { stringify } from "yaml";
import { alertCatalog } from "./rules-catalog";
import { ALERT_NAMES } from "./rules-types";
import { DEFAULT_FOR, DEFAULT_RATE_WINDOW } from "../alert-names";

// Defined beside the alert names (config validation reads them too); re-exported for the renderer's users.
export { DEFAULT_FOR, DEFAULT_RATE_WINDOW };
import type { AlertRulesInput, AlertThresholds, AlertingRule, PrometheusRuleGroup } from "./rules-types";

export * from "./rules-types";

/** Seed defaults (002/003); match `platform:observability.thresholds` defaults. */
export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  podCpuPercent: 80,
  latencyP95Ms: 200,
  errorRatePercent: 1,
  saturationPercent: 85,
});

const PROM_DURATION_RE = /^([0-9]+(ms|s|m|h|d|w|y))+$/;
const GROUP_ORDER = ["workloads", "nodes", "autoscaling"] as const;

/** Every problem with the input as "key: got X; expected Y", empty when valid. */
export function alertRulesInputProblems(input: AlertRulesInput = {}): string[] {
  const problems: string[] = [];
  const bad = (key: string, value: unknown, expected: string) =>
    problems.push(`${key}: got ${JSON.stringify(value)}; expected ${expected}`);
  for (const [key, value] of Object.entries(input.thresholds ?? {})) {
    if (!(key in DEFAULT_THRESHOLDS))
      bad(`thresholds.${key}`, value, `one of ${Object.keys(DEFAULT_THRESHOLDS).join(", ")}`);
    else if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
      bad(`thresholds.${key}`, value, "a positive number");
    else if (key.endsWith("Percent") && value > 100) bad(`thresholds.${key}`, value, "a percentage in (0, 100]");
  }
  for (const [key, value] of Object.entries(input.for ?? {})) {
    if (!(ALERT_NAMES as readonly string[]).includes(key)) bad(`for.${key}`, value, `one of ${ALERT_NAMES.join(", ")}`);
    else if (typeof value !== "string" || !PROM_DURATION_RE.test(value))
      bad(`for.${key}`, value, 'a Prometheus duration like "1m" or "1h30m"');
  }
  if (input.rateWindow !== undefined && !PROM_DURATION_RE.test(input.rateWindow))
    bad("rateWindow", input.rateWindow, 'a Prometheus duration like "5m"');
  if (input.groupPrefix !== undefined && !/^[a-z0-9][a-z0-9.-]*$/.test(input.groupPrefix))
    bad("groupPrefix", input.groupPrefix, "lowercase letters, digits, '.' or '-'");
  return problems;
}

/**
 * Alerting rule groups for the platform, defaults from the seeds, any threshold,
 * or `for` overridable. Throws one error listing every bad input.
 */
export function renderAlertRules(input: AlertRulesInput = {}): PrometheusRuleGroup[] {
  const problems = alertRulesInputProblems(input);
  if (problems.length > 0) throw new Error(`Invalid alert rules input:\n  - ${problems.join("\n  - ")}`);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const durations = { ...DEFAULT_FOR, ...input.for };
  const prefix = input.groupPrefix ?? "platform";
  const catalog = alertCatalog(thresholds, input.rateWindow ?? DEFAULT_RATE_WINDOW);

  return GROUP_ORDER.map((group) => ({
    name: `${prefix}.${group}`,
    rules: ALERT_NAMES.filter((n) => catalog[n].group === group).map((n): AlertingRule => ({
      alert: n,
      expr: catalog[n].rule.expr,
      for: durations[n],
      labels: catalog[n].rule.labels,
      annotations: catalog[n].rule.annotations,
    })),
  }));
}

/** Labels kube-prometheus-stack's default rule selector matches (`ruleSelectorNilUsesHelmValues: true`). */
export function ruleSelectorLabels(helmReleaseName: string): Record<string, string> {
  return { release: helmReleaseName };
}

export interface PrometheusRuleManifest {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "PrometheusRule";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { groups: PrometheusRuleGroup[] };
}

/**
 * A full PrometheusRule. `selectorLabels` must contain what the Prometheus `ruleSelector`
 * matches (usually `ruleSelectorLabels(release)`), otherwise the operator silently ignores it.
 */
export function prometheusRuleManifest(
  name: string,
  namespace: string,
  groups: PrometheusRuleGroup[],
  selectorLabels: Record<string, string>,
): PrometheusRuleManifest {
  const dns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  if (name.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name))
    throw new Error(
      `PrometheusRule name: got ${JSON.stringify(name)}; expected a DNS subdomain (lowercase, at most 253 characters)`,
    );
  if (namespace.length > 63 || !dns.test(namespace))
    throw new Error(`PrometheusRule namespace: got ${JSON.stringify(namespace)}; expected a DNS label`);
  if (Object.keys(selectorLabels).length === 0)
    throw new Error(
      "PrometheusRule selectorLabels: got {}; expected the labels the Prometheus ruleSelector matches, e.g. { release: <helm release> }",
    );
  if (groups.length === 0 || groups.every((g) => g.rules.length === 0))
    throw new Error("PrometheusRule groups: got no rules; expected at least one rule");
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name, namespace, labels: { "app.kubernetes.io/part-of": "platform", ...selectorLabels } },
    spec: { groups },
  };
}

/** The groups as a Prometheus rules file (what promtool and a plain Prometheus read). */
export function renderRulesFile(groups: PrometheusRuleGroup[]): string {
  // lineWidth 0: folded PromQL lines are valid YAML but unreadable in diffs.
  return stringify({ groups }, { lineWidth: 0 });
}
