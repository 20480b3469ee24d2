import type { ResourceValidationPolicy } from "@pulumi/policy";
import { SERVICE, isChartInternal } from "../lib/k8s";

const FORBIDDEN = ["LoadBalancer", "NodePort"];

/**
 * Mandatory: the only way in is CloudFront -> the Pulumi-managed ALB -> TargetGroupBinding.
 * A LoadBalancer Service creates an unmanaged, internet-facing load balancer that bypasses WAF;
 * NodePort opens a port on every node.
 */
export function noExternalService(): ResourceValidationPolicy {
  return {
    name: "k8s-no-external-service",
    description: "No Service of type LoadBalancer or NodePort; traffic enters through the managed ALB.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      if (args.type !== SERVICE) return;
      if (isChartInternal(args.urn)) args.notApplicable("rendered from an upstream Helm chart");
      const type = args.props.spec?.type;
      if (FORBIDDEN.includes(type))
        reportViolation(`Service type ${type} is not allowed; use ClusterIP behind the ALB TargetGroupBinding`);
    },
  };
}
