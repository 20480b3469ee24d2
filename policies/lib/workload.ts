import type { ResourceValidation } from "@pulumi/policy";
import { type PodTemplate, isChartInternal, podTemplateOf } from "./k8s";

/**
 * Adapts a pure pod-template check (template -> messages) into a resource validation, so each
 * Kubernetes workload policy is only its rules. Non-workloads are skipped silently; chart
 * internals are reported as not applicable so the exemption is visible in the engine's output.
 */
export function validateWorkload(check: (template: PodTemplate, type: string) => string[]): ResourceValidation {
  return (args, reportViolation) => {
    const template = podTemplateOf(args.type, args.props);
    if (!template) return;
    if (isChartInternal(args.urn)) args.notApplicable("rendered from an upstream Helm chart");
    for (const message of check(template, args.type)) reportViolation(message);
  };
}
