import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { autoscalerRefs, scalableWorkloads } from "../lib/autoscaling";
import { PDB, namespaceOf, podTemplateOf } from "../lib/k8s";
import { known } from "../lib/policy";

/**
 * A PDB covers a pod template when its matchLabels are a non-empty subset of the template's
 * labels. matchExpressions are not evaluated: a PDB using only expressions does not count.
 */
export function pdbCovers(pdb: PolicyResource, namespace: string, labels: Record<string, string>): boolean {
  if (namespaceOf(pdb.props) !== namespace) return false;
  const matchLabels: Record<string, string> = known(() => pdb.props.spec?.selector?.matchLabels) ?? {};
  const entries = Object.entries(matchLabels);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/**
 * Advisory (mandatory in prod): without a PDB, Karpenter consolidation and node upgrades may
 * evict every replica at once. Dev runs single replicas often and tolerates the blip.
 */
export function pdbForReplicated(): StackValidationPolicy {
  return {
    name: "k8s-pdb-for-replicated",
    description:
      "Every replicated or autoscaled Deployment/StatefulSet has a policy/v1 PodDisruptionBudget selecting its pods.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      const autoscaled = new Set(autoscalerRefs(args.resources).map((r) => r.target));
      const pdbs = args.resources.filter((r) => r.type === PDB);
      for (const w of scalableWorkloads(args.resources)) {
        const replicas = known(() => w.resource.props.spec?.replicas) ?? 1;
        if (!(typeof replicas === "number" && replicas > 1) && !autoscaled.has(w.key)) continue;
        const template = podTemplateOf(w.resource.type, w.resource.props);
        const ns = namespaceOf(w.resource.props);
        if (!pdbs.some((pdb) => pdbCovers(pdb, ns, template?.labels ?? {})))
          reportViolation(
            `${w.display} is replicated but no PodDisruptionBudget in namespace ${ns} selects its pod labels`,
            w.resource.urn,
          );
      }
    },
  };
}
