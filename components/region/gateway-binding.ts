import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster/types";
import type { RegionalEdge } from "../edge";
import { targetGroupBindingManifest } from "../edge/target-group-binding";

/** The edge's side of one region's gateway binding (from the global tier). */
export interface EdgeBinding {
  /** The region's ALB, target group and ALB security group. */
  readonly edge: RegionalEdge;
  /** The RegionalEdge's Pulumi name (`<region>-edge`): the binding is named after it, as its child. */
  readonly edgeName: string;
  /** The gateway container port the target group forwards to. */
  readonly listenPort: number;
}

/**
 * The TargetGroupBinding that puts the gateway Service's pods into the region's ALB target group,
 * a child of the RegionalEdge (`<region>-edge-gateway-tgb`). It waits for the Load Balancer
 * Controller (its CRD and the webhook that admits it), the gateway Service and the system nodes.
 */
export function bindGateway(
  binding: EdgeBinding,
  app: { gatewayService: pulumi.Resource; lbControllerRelease: pulumi.Resource; cluster: ClusterHandle },
): k8s.apiextensions.CustomResource {
  const { edge } = binding;
  return new k8s.apiextensions.CustomResource(
    `${binding.edgeName}-gateway-tgb`,
    targetGroupBindingManifest({
      targetGroupArn: edge.targetGroupArn,
      albSecurityGroupId: edge.securityGroupId,
      targetPort: binding.listenPort,
    }),
    {
      parent: edge,
      provider: app.cluster.k8sProvider,
      dependsOn: [app.lbControllerRelease, app.gatewayService, ...app.cluster.workloadDependencies],
    },
  );
}
