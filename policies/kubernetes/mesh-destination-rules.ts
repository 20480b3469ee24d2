import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DESTINATION_RULE, NAMESPACE, unknownTrafficPolicyFields } from "../lib/istio";
import { SERVICE, k8sNameOf, namespaceOf } from "../lib/k8s";

/** Labels that put a namespace in the mesh (ambient, or sidecar injection). */
export function meshedNamespaces(resources: readonly PolicyResource[]): Set<string> {
  return new Set(
    resources
      .filter((r) => r.type === NAMESPACE)
      .filter((r) => {
        const l = r.props?.metadata?.labels ?? {};
        return l["istio.io/dataplane-mode"] === "ambient" || l["istio-injection"] === "enabled";
      })
      .map((r) => k8sNameOf(r.props, r.name)),
  );
}

/** The app Services of meshed namespaces: label app.kubernetes.io/component=web (workloads' web services). */
export function appServices(resources: readonly PolicyResource[]): PolicyResource[] {
  const meshed = meshedNamespaces(resources);
  return resources.filter(
    (r) =>
      r.type === SERVICE &&
      meshed.has(namespaceOf(r.props)) &&
      r.props?.metadata?.labels?.["app.kubernetes.io/component"] === "web",
  );
}

/** Host forms a DestinationRule in the Service's namespace may use for it. */
export function hostsOf(name: string, namespace: string): string[] {
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

const positive = (v: unknown) => typeof v === "number" && v > 0;

/**
 * Mandatory: every app Service in a meshed namespace has a DestinationRule with outlier detection
 * (seed 002's circuit breaker): without one, a failing pod keeps receiving its share of requests.
 * Ejection needs a consecutive-error trigger (consecutiveGatewayErrors or consecutive5xxErrors > 0).
 * Keys the CRD does not define under trafficPolicy are reported too: the API server would prune
 * them silently.
 */
export function meshDestinationRules(): StackValidationPolicy {
  return {
    name: "mesh-destination-rules",
    description: "Every app Service in a meshed namespace has a DestinationRule with outlier detection.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const rules = args.resources.filter((r) => r.type === DESTINATION_RULE);
      for (const rule of rules) {
        const unknown = unknownTrafficPolicyFields(rule.props?.spec?.trafficPolicy);
        if (unknown.length > 0)
          reportViolation(
            `DestinationRule ${namespaceOf(rule.props)}/${k8sNameOf(rule.props, rule.name)} sets ${unknown.join(", ")}, ` +
              "which the DestinationRule CRD does not define (the API server would drop them)",
            rule.urn,
          );
      }
      for (const svc of appServices(args.resources)) {
        const ns = namespaceOf(svc.props);
        const name = k8sNameOf(svc.props, svc.name);
        const hosts = hostsOf(name, ns);
        const mine = rules.filter((r) => namespaceOf(r.props) === ns && hosts.includes(r.props?.spec?.host));
        const where = `Service ${ns}/${name}`;
        if (mine.length === 0) {
          reportViolation(
            `${where} is in the mesh but has no DestinationRule (host ${hosts[3]}): no circuit breaker`,
            svc.urn,
          );
          continue;
        }
        const od = mine.map((r) => r.props?.spec?.trafficPolicy?.outlierDetection).find(Boolean);
        if (!od || !(positive(od.consecutiveGatewayErrors) || positive(od.consecutive5xxErrors)))
          reportViolation(
            `${where} has a DestinationRule without outlier detection (consecutiveGatewayErrors or consecutive5xxErrors > 0): failing pods are never ejected`,
            svc.urn,
          );
      }
    },
  };
}
