import type { StackValidationPolicy } from "@pulumi/policy";
import { autoscalerRefs, scalableWorkloads } from "../lib/autoscaling";

/**
 * Mandatory: KEDA creates its own HPA for a ScaledObject and rejects a target that already has
 * one; if both existed they would fight over the replica count.
 */
export function singleAutoscaler(): StackValidationPolicy {
  return {
    name: "k8s-single-autoscaler",
    description: "A workload is scaled by a HorizontalPodAutoscaler or a KEDA ScaledObject, never both.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const refs = autoscalerRefs(args.resources);
      const byTarget = new Map<string, Set<string>>();
      for (const ref of refs) byTarget.set(ref.target, (byTarget.get(ref.target) ?? new Set()).add(ref.what));
      const reported = new Set<string>();
      for (const w of scalableWorkloads(args.resources)) {
        const kinds = byTarget.get(w.key);
        if (kinds && kinds.size > 1 && !reported.has(w.key)) {
          reported.add(w.key);
          reportViolation(
            `${w.display} is targeted by both a HorizontalPodAutoscaler and a ScaledObject`,
            w.resource.urn,
          );
        }
      }
    },
  };
}
