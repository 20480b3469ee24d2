import type { ResourceValidationPolicy } from "@pulumi/policy";
import { LONG_RUNNING_TYPES, containersOf, label } from "../lib/k8s";
import { validateWorkload } from "../lib/workload";

/**
 * Advisory (mandatory in prod): without readiness a rolling update sends traffic to pods that
 * are not ready; without liveness a hung process is never restarted. Dev may run spikes without.
 * Jobs and CronJobs run to completion and are exempt.
 */
export function probes(): ResourceValidationPolicy {
  return {
    name: "k8s-probes",
    description: "Long-running containers (Deployment, StatefulSet, DaemonSet) define liveness and readiness probes.",
    enforcementLevel: "advisory",
    validateResource: validateWorkload(({ spec }, type) => {
      if (!LONG_RUNNING_TYPES.includes(type)) return [];
      return containersOf(spec)
        .filter((ref) => ref.kind === "container" || ref.sidecar)
        .flatMap((ref) =>
          (["livenessProbe", "readinessProbe"] as const)
            .filter((probe) => !ref.container[probe])
            .map((probe) => `${label(ref)} must define a ${probe}`),
        );
    }),
  };
}
