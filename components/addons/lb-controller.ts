import { NAMESPACES } from "../k8s-names";
import type { HelmAddon } from "./addon";

const ELBV2 = "elbv2.k8s.aws";

/** AWS Load Balancer Controller: TargetGroupBindings join pods to the Pulumi-managed ALB (components/cluster/lb-controller). */
export const LB_CONTROLLER: HelmAddon = {
  id: "aws-load-balancer-controller",
  chart: "lbController",
  releaseName: "aws-load-balancer-controller",
  namespace: NAMESPACES.lbController,
  release: { atomic: true },
  provides: {
    crds: [
      { group: ELBV2, kind: "TargetGroupBinding", versions: ["v1beta1"] },
      { group: ELBV2, kind: "IngressClassParams", versions: ["v1beta1"] },
      { group: ELBV2, kind: "ALBTargetControlConfig", versions: ["v1beta1"] },
      { group: "aga.k8s.aws", kind: "GlobalAccelerator", versions: ["v1beta1"] },
      // crds/gateway-crds.yaml: Gateway API configuration kinds of the controller.
      ...["LoadBalancerConfiguration", "TargetGroupConfiguration", "ListenerRuleConfiguration"].map((kind) => ({
        group: "gateway.k8s.aws",
        kind,
        versions: ["v1"],
      })),
    ],
    webhooks: [
      {
        configuration: "aws-load-balancer-webhook",
        type: "mutating",
        // Pods (readiness gates, QUIC ids); the Service mutator is rendered only with
        // enableServiceMutatorWebhook, which our values turn off (lb-controller/values.ts).
        admits: [
          { group: "", kinds: ["Pod"] },
          { group: ELBV2, kinds: ["TargetGroupBinding"] },
        ],
      },
      {
        configuration: "aws-load-balancer-webhook",
        type: "validating",
        admits: [
          { group: ELBV2, kinds: ["IngressClassParams", "TargetGroupBinding"] },
          { group: "networking.k8s.io", kinds: ["Ingress"] },
          { group: "aga.k8s.aws", kinds: ["GlobalAccelerator"] },
        ],
        reads: "a TargetGroupBinding's target group (ELBv2 API) and Service",
      },
    ],
    source:
      "aws/eks-charts 5239609: stable/aws-load-balancer-controller/crds/crds.yaml, crds/gateway-crds.yaml, templates/webhook.yaml; read 2026-12-07",
  },
};
