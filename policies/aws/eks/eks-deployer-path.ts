import type { StackValidationPolicy } from "@pulumi/policy";
import { known } from "../../lib/policy";

export const CODEBUILD_PROJECT = "aws:codebuild/project:Project";

/**
 * Mandatory: `pulumi up` creates the cluster, then must reach its API for every Kubernetes
 * resource. A cluster whose endpoint is private-only needs a deployer inside the network (a
 * CodeBuild runner in a VPC, components/cluster/deployer.ts); an outside deployer would time out
 * at the first Kubernetes resource (issue 12). Whether the runner's packets arrive is the flow
 * model's business; this checks that a deployer exists at all and says which key creates one.
 */
export function eksDeployerPath(): StackValidationPolicy {
  return {
    name: "aws-eks-deployer-path",
    description: "A private-only EKS endpoint has an in-network deployer (a CodeBuild runner in a VPC).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const runners = args.resources.filter(
        (r) => r.type === CODEBUILD_PROJECT && known(() => r.props.vpcConfig?.vpcId) !== undefined,
      );
      if (runners.length > 0) return;
      for (const c of args.resources.filter((r) => r.type === "eks:index:Cluster"))
        if (known(() => c.props.endpointPublicAccess) === false)
          reportViolation(
            `EKS cluster "${String(known(() => c.props.name) ?? c.name)}" has a private-only endpoint and no ` +
              "in-network deployer: set platform:cluster.deployer.runner.githubRepository (mode in-network) or " +
              'deployer.mode "egress-cidrs" with the deployer\'s egressCidrs',
            c.urn,
          );
    },
  };
}
