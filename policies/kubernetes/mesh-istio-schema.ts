import type { StackValidationPolicy } from "@pulumi/policy";
import { isIstioType, validateIstioSchemas } from "../lib/istio";
import { isChartInternal, k8sNameOf, namespaceOf } from "../lib/k8s";

/**
 * Mandatory: every Istio object we create validates against @kubernetes-models/istio (generated
 * from Istio's CRD schemas: types, enums, required fields, CEL-derived patterns), so a typo in a
 * duration or an enum fails the plan, not `pulumi up` at the API server. Objects rendered inside
 * Istio's own charts are the chart's business.
 */
export function meshIstioSchema(): StackValidationPolicy {
  return {
    name: "mesh-istio-schema",
    description: "Istio objects are valid against the Istio CRD schemas (@kubernetes-models/istio).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const istio = args.resources.filter((r) => isIstioType(r.type) && !isChartInternal(r.urn));
      const results = validateIstioSchemas(istio);
      for (const r of istio) {
        const error = results.get(r.urn);
        if (error)
          reportViolation(
            `${r.type.split(":").pop()} ${namespaceOf(r.props)}/${k8sNameOf(r.props, r.name)} is not valid against the Istio schema: ${error}`,
            r.urn,
          );
      }
    },
  };
}
