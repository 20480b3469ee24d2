import type { StackValidationPolicy } from "@pulumi/policy";
import { autoscalerRefs, scalableWorkloads } from "../lib/autoscaling";
import { isLiveObject } from "../lib/k8s";
import { known } from "../lib/policy";

/**
 * Mandatory: if Pulumi owns spec.replicas, every `pulumi up` resets the count the autoscaler
 * chose, scaling a loaded service down mid-incident.
 *
 * Stack policies see outputs; for an existing Deployment those are the live object, whose
 * replicas the autoscaler set. Only planned manifests (no `status`) can be judged.
 */
export function autoscaledNoReplicas(): StackValidationPolicy {
  return {
    name: "k8s-autoscaled-no-replicas",
    description: "A Deployment or StatefulSet targeted by an HPA or ScaledObject does not set spec.replicas.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const targets = new Map(autoscalerRefs(args.resources).map((r) => [r.target, r.what]));
      for (const w of scalableWorkloads(args.resources)) {
        const what = targets.get(w.key);
        if (!what || isLiveObject(w.resource.props)) continue;
        const replicas = known(() => w.resource.props.spec?.replicas);
        if (replicas !== undefined && replicas !== null)
          reportViolation(
            `${w.display} sets spec.replicas (${replicas}) but is scaled by a ${what}; remove spec.replicas`,
            w.resource.urn,
          );
      }
    },
  };
}
