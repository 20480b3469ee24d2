import { strict as assert } from "assert";
import {
  controllerStatements,
  eventPattern,
  INTERRUPTION_RULES,
  interruptionQueuePolicy,
  nodeManagedPolicyArns,
} from "../../components/cluster/karpenter";

describe("karpenter: IAM and interruption handling", () => {
  const c = {
    partition: "aws",
    region: "us-west-2",
    accountId: "123456789012",
    clusterName: "platform-prod-usw2",
    nodeRoleArn: "arn:aws:iam::123456789012:role/platform-prod-usw2-karpenter-node",
    queueArn: "arn:aws:sqs:us-west-2:123456789012:platform-prod-usw2-karpenter",
  };
  const statements = controllerStatements(c);
  const actions = (s: Record<string, unknown>) => [s.Action].flat() as string[];
  const resources = (s: Record<string, unknown>) => [s.Resource].flat() as string[];

  it("never grants a wildcard action, and '*' resources only for read-only calls", () => {
    for (const s of statements) {
      assert.ok(
        actions(s).every((a) => !a.includes("*")),
        `wildcard action in ${String(s.Sid)}`,
      );
      if (resources(s).includes("*"))
        assert.ok(
          actions(s).every((a) => /^[a-z0-9-]+:(Describe|Get|List)/.test(a)),
          `"*" resource with a write in ${String(s.Sid)}`,
        );
    }
  });

  it("may pass only the node role, and only to EC2", () => {
    const pass = statements.filter((s) => actions(s).includes("iam:PassRole"));
    assert.equal(pass.length, 1);
    assert.deepEqual(resources(pass[0]), [c.nodeRoleArn]);
    assert.deepEqual(pass[0].Condition, {
      StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] },
    });
  });

  it("reads only the interruption queue", () => {
    const sqs = statements.filter((s) => actions(s).some((a) => a.startsWith("sqs:")));
    assert.deepEqual(sqs.map(resources), [[c.queueArn]]);
  });

  it("terminates only instances tagged as owned by this cluster's NodePools", () => {
    const del = statements.find((s) => s.Sid === "AllowScopedDeletion")!;
    assert.deepEqual(del.Condition, {
      StringEquals: { "aws:ResourceTag/kubernetes.io/cluster/platform-prod-usw2": "owned" },
      StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
    });
    assert.ok(resources(del).every((r) => r.startsWith("arn:aws:ec2:us-west-2:")));
  });

  it("launches instances only with this cluster's tags in the request", () => {
    const launch = statements.find((s) => s.Sid === "AllowScopedEC2InstanceActionsWithTags")!;
    assert.deepEqual(actions(launch), ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"]);
    assert.equal(
      (launch.Condition as Record<string, Record<string, string>>).StringEquals["aws:RequestTag/eks:eks-cluster-name"],
      "platform-prod-usw2",
    );
  });

  it("fits in an IAM inline policy (10,240 characters)", () => {
    const size = JSON.stringify({
      Version: "2012-10-17",
      Statement: controllerStatements({ ...c, clusterName: "x".repeat(40) }),
    }).length;
    assert.ok(size < 10240, `policy is ${size} characters`);
  });

  it("gives nodes the four managed policies (ECR pull-only)", () =>
    assert.deepEqual(nodeManagedPolicyArns(), [
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ]));

  it("lets EventBridge and SQS send to the queue and refuses plain HTTP", () => {
    const p = JSON.parse(interruptionQueuePolicy(c.queueArn));
    assert.deepEqual(p.Statement[0], {
      Sid: "AllowEventBridge",
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
      Action: "sqs:SendMessage",
      Resource: c.queueArn,
    });
    assert.deepEqual(p.Statement[1].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.equal(p.Statement[1].Effect, "Deny");
  });

  it("routes the four interruption event types", () => {
    assert.deepEqual(
      INTERRUPTION_RULES.map((r) => JSON.parse(eventPattern(r))),
      [
        { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
        { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
        { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
      ],
    );
  });
});
