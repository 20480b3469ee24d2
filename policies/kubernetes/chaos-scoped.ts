import type { ResourceValidationPolicy } from "@pulumi/policy";
import { k8sNameOf, namespaceOf } from "../lib/k8s";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHAOS_PREFIX = "kubernetes:chaos-mesh.org/v1alpha1:";
/** Kinds that are not experiments themselves (their own spec has no selector). */
const NOT_EXPERIMENTS = ["Workflow", "WorkflowNode", "StatusCheck", "RemoteCluster", "PhysicalMachine"];
/** Node-level or cloud chaos has no pod selector to scope. */
const UNSELECTED = ["AWSChaos", "GCPChaos", "AzureChaos", "PhysicalMachineChaos"];

function problemsOf(spec: any, at: string, kind: string): string[] {
  const out: string[] = [];
  if (!UNSELECTED.includes(kind)) out.push(...selectorProblems(spec?.selector, `${at}.selector`));
  if (kind === "NetworkChaos" && spec?.target !== undefined)
    out.push(...selectorProblems(spec.target?.selector, `${at}.target.selector`));
  if (typeof spec?.duration !== "string" || spec.duration === "")
    out.push(`${at}.duration is missing; every experiment must end on its own`);
  return out;
}

function selectorProblems(selector: any, at: string): string[] {
  const namespaces = selector?.namespaces;
  const pods = selector?.pods;
  // `pods: { <namespace>: [names] }` names pods exactly; it is scoped by construction.
  if (pods && typeof pods === "object" && Object.keys(pods).length > 0) return [];
  const out: string[] = [];
  if (!Array.isArray(namespaces) || namespaces.length === 0)
    out.push(`${at}.namespaces is empty; an experiment must be scoped to namespaces, never cluster-wide`);
  const labelled = ["labelSelectors", "expressionSelectors", "annotationSelectors", "fieldSelectors"].some((k) => {
    const v = selector?.[k];
    return v && typeof v === "object" && Object.keys(v).length > 0;
  });
  if (!labelled) out.push(`${at} selects no pods by label; select the target service's pods, not the whole namespace`);
  return out;
}

/**
 * Mandatory: a Chaos Mesh experiment with an empty selector hits every pod in every namespace
 * (kube-system and the monitoring that should be watching the experiment included), and one
 * without a duration never lifts its fault. Schedules are checked through their embedded spec.
 */
export function chaosScoped(): ResourceValidationPolicy {
  return {
    name: "k8s-chaos-scoped",
    description:
      "Chaos Mesh experiments (and Schedules' embedded experiments) select pods by namespace and label and have a duration.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (!args.type.startsWith(CHAOS_PREFIX)) return;
      const kind = args.type.slice(CHAOS_PREFIX.length);
      if (NOT_EXPERIMENTS.includes(kind)) args.notApplicable(`${kind} is not an experiment`);
      const where = `${kind} ${namespaceOf(args.props)}/${k8sNameOf(args.props, args.name)}`;
      const spec = args.props?.spec;
      let problems: string[];
      if (kind === "Schedule") {
        const type = spec?.type;
        const key = typeof type === "string" ? type.charAt(0).toLowerCase() + type.slice(1) : undefined;
        if (!key || !spec?.[key]) {
          reportViolation(
            `${where}: spec.${key ?? "<type>"} is missing for type ${JSON.stringify(type)}; the scheduled experiment cannot be checked`,
          );
          return;
        }
        if (type === "Workflow") args.notApplicable("scheduled Workflows are checked per node");
        problems = problemsOf(spec[key], `spec.${key}`, type);
      } else {
        problems = problemsOf(spec, "spec", kind);
      }
      for (const p of problems) reportViolation(`${where}: ${p}`);
    },
  };
}
