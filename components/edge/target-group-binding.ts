import { GATEWAY_SERVICE } from "../k8s-names";

/**
 * The TargetGroupBinding (AWS Load Balancer Controller, elbv2.k8s.aws/v1beta1) that registers
 * the gateway Service's pod IPs in the Pulumi-managed target group. `networking.ingress` makes
 * the controller open the pods' security group to the ALB's group on the gateway port, so no
 * hand-written node rule is needed.
 */
export interface TargetGroupBindingInput<T> {
  targetGroupArn: T;
  albSecurityGroupId: T;
  /** The gateway container port (config.gateway.listenPort): what the ALB actually connects to. */
  targetPort: number;
}

export function targetGroupBindingManifest<T>(input: TargetGroupBindingInput<T>) {
  return {
    apiVersion: "elbv2.k8s.aws/v1beta1",
    kind: "TargetGroupBinding",
    metadata: {
      name: GATEWAY_SERVICE.name,
      namespace: GATEWAY_SERVICE.namespace,
      labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "edge" },
    },
    spec: {
      serviceRef: { name: GATEWAY_SERVICE.name, port: GATEWAY_SERVICE.port },
      targetGroupARN: input.targetGroupArn,
      targetType: "ip",
      networking: {
        ingress: [
          {
            from: [{ securityGroup: { groupID: input.albSecurityGroupId } }],
            ports: [{ protocol: "TCP", port: input.targetPort }],
          },
        ],
      },
    },
  };
}
