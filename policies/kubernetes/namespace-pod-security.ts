import type { ResourceValidationPolicy } from "@pulumi/policy";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const LEVELS = ["privileged", "baseline", "restricted"];

/**
 * Mandatory: every namespace the program creates states its Pod Security level
 * (`pod-security.kubernetes.io/enforce`, Kubernetes Pod Security Admission); an unlabelled
 * namespace silently admits privileged pods. A Helm release must not create its namespace
 * (`createNamespace`), because Helm cannot label it: the program creates it instead.
 */
export function namespacePodSecurity(): ResourceValidationPolicy {
  return {
    name: "k8s-namespace-pod-security",
    description:
      "Every Namespace carries a pod-security.kubernetes.io/enforce label; no Helm release creates its namespace.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type === NAMESPACE) {
        const level = args.props.metadata?.labels?.["pod-security.kubernetes.io/enforce"];
        if (!LEVELS.includes(level))
          reportViolation(
            `Namespace "${args.props.metadata?.name ?? args.name}" has pod-security.kubernetes.io/enforce ` +
              `${level === undefined ? "unset" : JSON.stringify(level)}; expected one of ${LEVELS.join(", ")}`,
          );
      }
      if (args.type === RELEASE && args.props.createNamespace === true)
        reportViolation(
          `Helm release "${args.name}" creates namespace "${args.props.namespace}" (createNamespace), which Helm ` +
            "cannot label with a Pod Security level: create the Namespace in the program and set createNamespace false",
        );
    },
  };
}
