import type { ResourceValidationPolicy } from "@pulumi/policy";
import { containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

const REQUIRED = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

/**
 * Mandatory: HPA utilisation targets are percentages of requests (no request, no scaling) and
 * Karpenter sizes nodes from requests; limits keep one noisy pod from starving a node.
 */
export function resourceRequestsLimits(): ResourceValidationPolicy {
  return {
    name: "k8s-resource-requests-limits",
    description: "Every container sets cpu and memory requests and limits.",
    enforcementLevel: "mandatory",
    validateResource: validateWorkload(({ spec }) =>
      containersOf(spec).flatMap((ref) => {
        const res = ref.container.resources ?? {};
        const missing = REQUIRED.filter((path) => {
          const [group, key] = path.split(".");
          const v = res[group]?.[key];
          return v === undefined || v === null || v === "";
        });
        return missing.length === 0 ? [] : [`${label(ref)} must set resources ${missing.join(", ")}`];
      }),
    ),
  };
}
