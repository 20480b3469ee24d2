import { NAMESPACES } from "../k8s-names";

/**
 * ServiceMonitors for what the platform runs. All of them live in the monitoring namespace
 * and reach their targets through `namespaceSelector.matchNames`: they can be created before
 * (or without) the namespaces they watch, and `kubectl -n monitoring get servicemonitors`
 * lists everything Prometheus scrapes. Each carries the label the Prometheus
 * `serviceMonitorSelector` matches (`release: <release>`), or the operator ignores it.
 */

export interface ServiceMonitorManifest {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "ServiceMonitor";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    namespaceSelector: { matchNames: string[] };
    selector: { matchLabels: Record<string, string> };
    endpoints: { port: string; path: string; interval?: string; scheme: "http"; honorLabels?: boolean }[];
  };
}

export interface MonitorTarget {
  /** Object name in the monitoring namespace. */
  name: string;
  /** Namespace of the Service to scrape. */
  namespace: string;
  /** Labels of the Service (not the pods). */
  matchLabels: Record<string, string>;
  /** Named Service port. */
  port: string;
  path?: string;
  /**
   * Keep the target's own `namespace`/`pod` labels instead of Prometheus' (which would rename them
   * `exported_*`). Only for a platform controller whose series describe objects in other
   * namespaces; never for an app, which could then claim any namespace.
   */
  honorLabels?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function serviceMonitorManifest(
  target: MonitorTarget,
  selectorLabels: Record<string, string>,
  namespace: string = NAMESPACES.monitoring,
): ServiceMonitorManifest {
  if (target.name.length > 63 || !DNS_LABEL.test(target.name))
    throw new Error(
      `ServiceMonitor name: got ${JSON.stringify(target.name)}; expected a DNS label of at most 63 characters`,
    );
  if (Object.keys(target.matchLabels).length === 0)
    throw new Error(
      `ServiceMonitor ${target.name} matchLabels: got {}; expected at least one label (an empty selector scrapes every Service in the namespace)`,
    );
  if (Object.keys(selectorLabels).length === 0)
    throw new Error(
      `ServiceMonitor ${target.name} selectorLabels: got {}; expected the labels the Prometheus serviceMonitorSelector matches`,
    );
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: target.name, namespace, labels: { "app.kubernetes.io/part-of": "platform", ...selectorLabels } },
    spec: {
      namespaceSelector: { matchNames: [target.namespace] },
      selector: { matchLabels: { ...target.matchLabels } },
      endpoints: [
        {
          port: target.port,
          path: target.path ?? "/metrics",
          scheme: "http",
          ...(target.honorLabels ? { honorLabels: true } : {}),
        },
      ],
    },
  };
}

export interface PlatformMonitorsInput {
  /** Web services (they have a Service with port `http` and serve /metrics). */
  webServices: readonly string[];
  /** The gateway Service name; its nginx exporter is the Service port `metrics` (9113). */
  gateway: string;
  /** Namespace of the services and gateway. */
  appsNamespace: string;
  /** Label key the workloads put on Services with the service name. */
  nameLabel?: string;
  /** Scrape Karpenter (Service `karpenter`, port `http-metrics`) and KEDA (`keda-operator`, port `metrics`). */
  karpenter?: boolean;
  keda?: boolean;
}

/** Monitor targets for every service, the gateway exporter, Karpenter and the KEDA operator. */
export function platformMonitorTargets(input: PlatformMonitorsInput): MonitorTarget[] {
  const nameLabel = input.nameLabel ?? "app.kubernetes.io/name";
  const targets: MonitorTarget[] = input.webServices.map((s) => ({
    name: s,
    namespace: input.appsNamespace,
    matchLabels: { [nameLabel]: s },
    port: "http",
  }));
  targets.push({
    name: `${input.gateway}-exporter`,
    namespace: input.appsNamespace,
    matchLabels: { [nameLabel]: input.gateway },
    port: "metrics",
  });
  if (input.karpenter ?? true)
    targets.push({
      name: "karpenter",
      namespace: NAMESPACES.karpenter,
      matchLabels: { "app.kubernetes.io/name": "karpenter" },
      port: "http-metrics",
    });
  if (input.keda ?? true)
    targets.push({
      name: "keda-operator",
      namespace: NAMESPACES.keda,
      matchLabels: { "app.kubernetes.io/name": "keda-operator" },
      port: "metrics",
      // keda_scaler_detail_errors_total and keda_scaled_object_* carry the ScaledObject's namespace:
      // without this Prometheus overwrites it with "keda" and KedaScalerErrors names the wrong one.
      honorLabels: true,
    });
  const names = targets.map((t) => t.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw new Error(
      `ServiceMonitor names: got ${JSON.stringify(dup)} twice; expected unique names (a service is named like a platform component)`,
    );
  return targets;
}
