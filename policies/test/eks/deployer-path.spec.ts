import { strict as assert } from "node:assert";
import { CODEBUILD_PROJECT, eksDeployerPath } from "../../aws/eks/eks-deployer-path";
import { runStack, stackResource } from "../harness";

const cluster = (endpointPublicAccess: boolean) =>
  stackResource("eks:index:Cluster", "use1-cluster-eks", { name: "platform-prod-use1", endpointPublicAccess });
const runner = (vpcConfig?: Record<string, unknown>) =>
  stackResource(CODEBUILD_PROJECT, "use1-cluster-deployer", { name: "platform-prod-use1-deployer", vpcConfig });

describe("aws-eks-deployer-path", () => {
  let policy: ReturnType<typeof eksDeployerPath>;
  beforeEach(() => {
    policy = eksDeployerPath();
  });
  it("is mandatory", () => assert.equal(policy.enforcementLevel, "mandatory"));

  it("passes a private-only cluster with a CodeBuild runner in a VPC, and a public (CIDR-limited) one without", () => {
    assert.deepEqual(runStack(policy, [cluster(false), runner({ vpcId: "vpc-1", subnets: ["s"] })]), []);
    assert.deepEqual(runStack(policy, [cluster(true)]), []);
  });

  it("reports a private-only cluster with no in-network deployer, naming the keys that fix it", () => {
    const expected = [
      'EKS cluster "platform-prod-use1" has a private-only endpoint and no in-network deployer: set ' +
        "platform:cluster.deployer.runner.githubRepository (mode in-network) or deployer.mode " +
        '"egress-cidrs" with the deployer\'s egressCidrs',
    ];
    assert.deepEqual(
      runStack(policy, [cluster(false)]).map((v) => v.message),
      expected,
    );
    // A CodeBuild project outside any VPC cannot reach a private endpoint.
    assert.deepEqual(
      runStack(policy, [cluster(false), runner()]).map((v) => v.message),
      expected,
    );
  });
});
