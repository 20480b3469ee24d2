import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isChartInternal, k8sNameOf, namespaceOf } from "../lib/k8s";
import { readConfig } from "../lib/policy";

export const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
export const SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
export const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const TYPES = [PROMETHEUS_RULE, SERVICE_MONITOR, POD_MONITOR];

interface Config {
  /** Label Prometheus' rule/monitor selectors match (kube-prometheus-stack: release=<release name>). */
  labelKey: string;
  labelValue: string;
}
const DEFAULTS: Config = { labelKey: "release", labelValue: "kube-prometheus-stack" };

/**
 * Mandatory: kube-prometheus-stack's Prometheus selects PrometheusRules, ServiceMonitors and
 * PodMonitors by `release: <release>`. An object without it is accepted by the API server and
 * then silently ignored: the alert never fires, the target is never scraped, and nothing says so.
 */
export function prometheusRuleLabel(): ResourceValidationPolicy {
  return {
    name: "k8s-prometheus-rule-label",
    description:
      "PrometheusRules, ServiceMonitors and PodMonitors carry the label the Prometheus selectors match (release: kube-prometheus-stack).",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        labelKey: { type: "string", default: DEFAULTS.labelKey },
        labelValue: { type: "string", default: DEFAULTS.labelValue },
      },
    },
    validateResource: (args, reportViolation) => {
      if (!TYPES.includes(args.type)) return;
      if (isChartInternal(args.urn)) args.notApplicable("rendered from an upstream Helm chart");
      const { labelKey, labelValue } = readConfig<Config>(args, DEFAULTS);
      const kind = args.type.split(":").pop();
      const got = args.props?.metadata?.labels?.[labelKey];
      if (got !== labelValue) {
        const where = `${kind} ${namespaceOf(args.props)}/${k8sNameOf(args.props, args.name)}`;
        reportViolation(
          `${where} has label ${labelKey}=${got === undefined ? "(missing)" : JSON.stringify(got)}; Prometheus only selects ${labelKey}=${JSON.stringify(labelValue)}, so it would be silently ignored`,
        );
      }
    },
  };
}
