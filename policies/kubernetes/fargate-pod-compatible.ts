import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known } from "../lib/policy";

/* eslint-disable @typescript-eslint/no-explicit-any */
const PROFILE = "aws:eks/fargateProfile:FargateProfile";
const WORKLOADS = /^kubernetes:(apps\/v1:(Deployment|StatefulSet|DaemonSet)|batch\/v1:(Job|CronJob))$/;

/** The pod template of a workload (CronJob: one level deeper). */
function podOf(r: PolicyResource): any {
  const spec = known(() => r.props.spec);
  return spec?.jobTemplate?.spec?.template ?? spec?.template;
}

/** What Fargate cannot run, per the EKS guide's "AWS Fargate considerations". */
function problems(kind: string, pod: any): string[] {
  const out: string[] = [];
  if (kind === "DaemonSet") out.push("is a DaemonSet (Fargate runs no DaemonSets)");
  if (pod?.spec?.hostNetwork === true) out.push("sets hostNetwork (not allowed on Fargate)");
  const containers = [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])];
  for (const c of containers) {
    if (c?.securityContext?.privileged === true)
      out.push(`container "${c.name}" is privileged (not allowed on Fargate)`);
    if ((c?.ports ?? []).some((p: any) => p?.hostPort !== undefined))
      out.push(`container "${c.name}" sets a hostPort (not allowed on Fargate)`);
  }
  return out;
}

/**
 * Mandatory: a pod a Fargate profile selects (its namespace, and every label of the selector) is
 * scheduled onto Fargate, which refuses DaemonSets, privileged containers, host networking and
 * host ports (https://docs.aws.amazon.com/eks/latest/userguide/fargate.html, "AWS Fargate
 * considerations", read 2026-12-07): such a pod stays Pending instead of failing the plan.
 */
export function fargatePodCompatible(): StackValidationPolicy {
  return {
    name: "k8s-fargate-pod-compatible",
    description:
      "Pods a Fargate profile selects are not DaemonSets and use no privileged containers, host network or host ports.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const selectors = args.resources
        .filter((r) => r.type === PROFILE)
        .flatMap(
          (p) => (known(() => p.props.selectors) ?? []) as { namespace?: string; labels?: Record<string, string> }[],
        );
      if (selectors.length === 0) return;
      for (const r of args.resources.filter((x) => WORKLOADS.test(x.type))) {
        const pod = podOf(r);
        const namespace = known(() => r.props.metadata?.namespace) ?? "default";
        const labels: Record<string, string> = pod?.metadata?.labels ?? {};
        const selected = selectors.some(
          (s) => s.namespace === namespace && Object.entries(s.labels ?? {}).every(([k, v]) => labels[k] === v),
        );
        if (!selected) continue;
        const kind = r.type.split(":").pop()!;
        const where = `${kind} ${namespace}/${known(() => r.props.metadata?.name) ?? r.name}`;
        for (const p of problems(kind, pod)) reportViolation(`${where} runs on Fargate but ${p}`, r.urn);
      }
    },
  };
}
