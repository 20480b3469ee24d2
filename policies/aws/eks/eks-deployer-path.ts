import type { StackValidationPolicy } from "@pulumi/policy";
import { read } from "../../lib/policy";

export const CODEBUILD_PROJECT = "aws:codebuild/project:Project";

/**
 * Mandatory: `pulumi up` creates the cluster, then must reach its API for every Kubernetes
 * resource. A cluster whose endpoint is private-only needs a deployer inside the network (a
 * CodeBuild runner in a VPC, components/cluster/deployer.ts); an outside deployer would time out
 * at the first Kubernetes resource. Whether the runner's packets arrive is the flow
 * model's business; this checks that a deployer exists at all and says which key creates one.
 * In a preview the runner's `vpcConfig.vpcId` is the VPC's id, unknown until the VPC exists: unknown
 * is still a VPC, so the runner counts; an endpoint setting that is unknown is not judged.
 */
export function eksDeployerPath(): StackValidationPolicy {
  return {
    name: "aws-eks-deployer-path",
    description: "A private-only EKS endpoint has an in-network deployer (a CodeBuild runner in a VPC).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const inVpc = (r: (typeof args.resources)[number]) => {
        const vpcId = read(() => r.props.vpcConfig?.vpcId);
        return !vpcId.known || vpcId.value !== undefined;
      };
      if (args.resources.some((r) => r.type === CODEBUILD_PROJECT && inVpc(r))) return;
      for (const c of args.resources.filter((r) => r.type === "eks:index:Cluster")) {
        const endpointPublic = read(() => c.props.endpointPublicAccess);
        const name = read(() => c.props.name);
        if (endpointPublic.known && endpointPublic.value === false)
          reportViolation(
            `EKS cluster "${String((name.known && name.value) || c.name)}" has a private-only endpoint and no ` +
              "in-network deployer: set platform:cluster.deployer.runner.githubRepository (mode in-network) or " +
              'deployer.mode "egress-cidrs" with the deployer\'s egressCidrs',
            c.urn,
          );
      }
    },
  };
}
