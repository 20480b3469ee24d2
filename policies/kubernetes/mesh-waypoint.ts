import type { StackValidationPolicy } from "@pulumi/policy";
import { K8S_GATEWAY, NAMESPACE } from "../lib/istio";
import { k8sNameOf, namespaceOf } from "../lib/k8s";

/**
 * Mandatory: in ambient mode, L7 policy (DestinationRule outlier detection and connection pools,
 * VirtualService retries and timeouts, HTTP authorization) runs only in a waypoint. An ambient
 * namespace that has DestinationRules or VirtualServices must name its waypoint
 * (`istio.io/use-waypoint`), and that Gateway (class istio-waypoint) must exist in the namespace;
 * otherwise ztunnel carries the traffic at L4 and those rules are silently never applied.
 */
export function meshWaypoint(): StackValidationPolicy {
  return {
    name: "mesh-waypoint",
    description: "Ambient namespaces with L7 rules use an existing istio-waypoint Gateway.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const l7 = args.resources.filter((r) =>
        /^kubernetes:networking\.istio\.io\/[a-z0-9]+:(DestinationRule|VirtualService)$/.test(r.type),
      );
      const gateways = args.resources.filter((r) => r.type === K8S_GATEWAY);
      for (const ns of args.resources.filter((r) => r.type === NAMESPACE)) {
        const labels = ns.props?.metadata?.labels ?? {};
        if (labels["istio.io/dataplane-mode"] !== "ambient") continue;
        const name = k8sNameOf(ns.props, ns.name);
        const rules = l7.filter((r) => namespaceOf(r.props) === name);
        if (rules.length === 0) continue;
        const waypoint = labels["istio.io/use-waypoint"];
        const kinds = [...new Set(rules.map((r) => r.type.split(":").pop()))].join("/");
        if (!waypoint) {
          reportViolation(
            `Namespace ${name} is ambient and has ${rules.length} ${kinds} object(s) but no istio.io/use-waypoint label: ` +
              "without a waypoint they never apply",
            ns.urn,
          );
          continue;
        }
        const gw = gateways.find((g) => namespaceOf(g.props) === name && k8sNameOf(g.props, g.name) === waypoint);
        if (!gw)
          reportViolation(
            `Namespace ${name} uses waypoint ${waypoint}, but no Gateway ${name}/${waypoint} is planned`,
            ns.urn,
          );
        else if (gw.props?.spec?.gatewayClassName !== "istio-waypoint")
          reportViolation(
            `Gateway ${name}/${waypoint} has gatewayClassName ${JSON.stringify(gw.props?.spec?.gatewayClassName)}; a waypoint needs "istio-waypoint"`,
            gw.urn,
          );
      }
    },
  };
}
