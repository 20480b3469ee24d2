import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installAddon } from "../../addons/addon";
import { LB_CONTROLLER } from "../../addons/lb-controller";
import { NAMESPACES } from "../../k8s-names";
import { podIdentityRole } from "../pod-identity";
import type { ClusterHandle } from "../types";
import { LB_CONTROLLER_POLICY, LB_CONTROLLER_SERVICE_ACCOUNT, lbControllerValues } from "./values";

export interface LoadBalancerControllerArgs {
  /** The region's cluster (name, k8s provider, dependencies for scheduling). */
  cluster: ClusterHandle;
  /** The region's aws.Provider (Pod Identity role and association). */
  provider: aws.Provider;
  /** AWS region name; passed to the chart so the controller never asks IMDS. */
  region: string;
  /** The region's VPC id. */
  vpcId: pulumi.Input<string>;
  /** Controller replicas; default 2. */
  replicaCount?: number;
}

/**
 * AWS Load Balancer Controller on one cluster, credentials through Pod Identity. The edge
 * area's TargetGroupBinding (elbv2.k8s.aws/v1beta1) must `dependsOn: [lbController.release]`:
 * the chart installs that CRD and the webhook that validates it.
 */
export class LoadBalancerController extends pulumi.ComponentResource {
  public readonly release: k8s.helm.v3.Release;
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: LoadBalancerControllerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("platform:cluster:LoadBalancerController", name, {}, opts);
    const { cluster, provider } = args;

    // Named through a cluster output so the association waits for the cluster (and goes first on destroy).
    const identity = podIdentityRole(
      `${name}-controller`,
      {
        clusterName: cluster.clusterSecurityGroupId.apply(() => cluster.name),
        namespace: NAMESPACES.lbController,
        serviceAccount: LB_CONTROLLER_SERVICE_ACCOUNT,
        statements: LB_CONTROLLER_POLICY.Statement,
      },
      { parent: this, provider },
    );
    this.roleArn = identity.role.arn;

    this.release = installAddon(
      `${name}-chart`,
      LB_CONTROLLER,
      {
        values: pulumi.output(args.vpcId).apply((vpcId) =>
          lbControllerValues({
            clusterName: cluster.name,
            region: args.region,
            vpcId,
            replicaCount: args.replicaCount,
          }),
        ),
        dependsOn: [...cluster.workloadDependencies, identity.association],
      },
      { parent: this, provider: cluster.k8sProvider },
    );

    this.registerOutputs({ roleArn: this.roleArn });
  }
}
