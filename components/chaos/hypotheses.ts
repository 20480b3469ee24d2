/**
 * Steady-state hypotheses read on the path the fault cuts. Killing a gateway pod loses the
 * requests in flight at that nginx and any the ALB sends it before its health check notices;
 * none of them reach the waypoint, so the SLO series (reporter="waypoint") cannot see them. The
 * gateway's own counters can: nginx-prometheus-exporter 1.4.2 (collector/nginx.go) publishes
 * stub_status as nginx_http_requests_total, nginx_connections_accepted and
 * nginx_connections_handled (namespace "nginx"), scraped from every gateway pod (ServiceMonitor
 * nginx-gateway-exporter; the Prometheus Operator's job label is the Service's name).
 * - GatewayThroughputDrop: the gateway pods together serve under 80 % of what they served two
 *   minutes earlier (a killed pod's share not taken over by the others), while there is traffic.
 * - GatewayConnectionsDropped: nginx accepted connections it did not handle (stub_status:
 *   dropped when worker_connections run out, e.g. the survivors overloaded).
 * Both fire on the first evaluation (for 0s) over 1-minute windows: a pod kill is over in
 * seconds, so a `for` longer than the disruption would make the hypothesis unable to fail.
 */
import type { PrometheusRuleGroup } from "../observability/rules-types";

export const GATEWAY_STEADY_STATE_ALERTS = ["GatewayThroughputDrop", "GatewayConnectionsDropped"] as const;
/** Share of the earlier throughput the gateway must keep through the fault. */
export const GATEWAY_THROUGHPUT_KEPT = 0.8;
/** Below this many requests per second two minutes earlier, a drop says nothing (idle dev). */
export const GATEWAY_MIN_RPS = 1;

export function gatewayHypothesisRules(namespace: string, job: string): PrometheusRuleGroup[] {
  const sel = `{namespace="${namespace}",job="${job}"}`;
  const rate = (metric: string, offset = "") => `sum(rate(${metric}${sel}[1m]${offset}))`;
  const before = rate("nginx_http_requests_total", " offset 2m");
  return [
    {
      name: "chaos-steady-state",
      rules: [
        {
          alert: GATEWAY_STEADY_STATE_ALERTS[0],
          expr: `${rate("nginx_http_requests_total")} < ${GATEWAY_THROUGHPUT_KEPT} * ${before} and ${before} > ${GATEWAY_MIN_RPS}`,
          for: "0s",
          labels: { severity: "warning", namespace },
          annotations: {
            summary: `The gateway in ${namespace} serves under ${GATEWAY_THROUGHPUT_KEPT * 100}% of its throughput of 2 minutes ago`,
            description:
              "nginx's own request counter (stub_status) dropped: requests are lost before the mesh sees them.",
            runbook:
              "During a gateway pod-kill experiment this refutes its steady state: check the ALB target health and deregistration delay, " +
              "the gateway's PDB and replicas, and whether the survivors hit worker_connections (GatewayConnectionsDropped).",
          },
        },
        {
          alert: GATEWAY_STEADY_STATE_ALERTS[1],
          expr: `${rate("nginx_connections_accepted")} - ${rate("nginx_connections_handled")} > 0`,
          for: "0s",
          labels: { severity: "warning", namespace },
          annotations: {
            summary: `The gateway in ${namespace} accepts connections it does not handle`,
            description:
              "stub_status accepted minus handled grew: nginx dropped connections (worker_connections exhausted).",
            runbook:
              "Raise the gateway's replicas or worker_connections; during a pod-kill experiment the survivors could not take the killed pod's load.",
          },
        },
      ],
    },
  ];
}
