/**
 * Karpenter controller permissions, transcribed from the upstream v1 getting-started
 * CloudFormation reference (aws/karpenter-provider-aws
 * website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml at
 * v1.14.1). Every mutating action is scoped to this cluster through the tags Karpenter puts on
 * what it creates; the only `"Resource": "*"` statements are read-only (Describe*, pricing,
 * ListInstanceProfiles), which IAM cannot scope by resource. Zonal-shift permissions are left
 * out: the feature is off (settings.enableZonalShift false).
 */
export type Statement = Record<string, unknown>;

export interface ControllerPolicyContext {
  partition: string;
  region: string;
  accountId: string;
  clusterName: string;
  /** ARN of the node role: the only role the controller may pass. */
  nodeRoleArn: string;
  /** ARN of the interruption queue: the only queue the controller may read. */
  queueArn: string;
}

export function controllerStatements(c: ControllerPolicyContext): Statement[] {
  const ec2 = (resource: string) => `arn:${c.partition}:ec2:${c.region}:*:${resource}`;
  const instanceProfiles = `arn:${c.partition}:iam::${c.accountId}:instance-profile/*`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${c.clusterName}`]: "owned" };
  const requestOwned = {
    [`aws:RequestTag/kubernetes.io/cluster/${c.clusterName}`]: "owned",
    "aws:RequestTag/eks:eks-cluster-name": c.clusterName,
  };
  const taggedResources = [
    "fleet/*",
    "instance/*",
    "volume/*",
    "network-interface/*",
    "launch-template/*",
    "spot-instances-request/*",
  ].map(ec2);
  return [
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [
        `arn:${c.partition}:ec2:${c.region}::image/*`,
        `arn:${c.partition}:ec2:${c.region}::snapshot/*`,
        ...["security-group/*", "subnet/*", "capacity-reservation/*", "placement-group/*"].map(ec2),
      ],
    },
    {
      Sid: "AllowScopedEC2LaunchTemplateAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: ec2("launch-template/*"),
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedEC2InstanceActionsWithTags",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: taggedResources,
      Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedResourceCreationTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: taggedResources,
      Condition: {
        StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedResourceTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance/*"),
      Condition: {
        StringEquals: owned,
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": c.clusterName },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
      },
    },
    {
      Sid: "AllowScopedDeletion",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowPassingInstanceRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: c.nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
    },
    {
      Sid: "AllowScopedInstanceProfileCreationActions",
      Effect: "Allow",
      Action: ["iam:CreateInstanceProfile"],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": c.region },
        StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileTagActions",
      Effect: "Allow",
      Action: ["iam:TagInstanceProfile"],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: {
          ...owned,
          "aws:ResourceTag/topology.kubernetes.io/region": c.region,
          ...requestOwned,
          "aws:RequestTag/topology.kubernetes.io/region": c.region,
        },
        StringLike: {
          "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
          "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
        },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileActions",
      Effect: "Allow",
      Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
      Resource: instanceProfiles,
      Condition: {
        StringEquals: { ...owned, "aws:ResourceTag/topology.kubernetes.io/region": c.region },
        StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    {
      Sid: "AllowAPIServerEndpointDiscovery",
      Effect: "Allow",
      Action: "eks:DescribeCluster",
      Resource: `arn:${c.partition}:eks:${c.region}:${c.accountId}:cluster/${c.clusterName}`,
    },
    {
      Sid: "AllowInterruptionQueueActions",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      Resource: c.queueArn,
    },
    {
      Sid: "AllowRegionalReadActions",
      Effect: "Allow",
      Action: [
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribePlacementGroups",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": c.region } },
    },
    {
      Sid: "AllowSSMReadActions",
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: `arn:${c.partition}:ssm:${c.region}::parameter/aws/service/*`,
    },
    { Sid: "AllowPricingReadActions", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    {
      Sid: "AllowUnscopedInstanceProfileListAction",
      Effect: "Allow",
      Action: "iam:ListInstanceProfiles",
      Resource: "*",
    },
    {
      Sid: "AllowInstanceProfileReadActions",
      Effect: "Allow",
      Action: "iam:GetInstanceProfile",
      Resource: instanceProfiles,
    },
  ];
}

/** Trust policy of the node role: EC2 instances launched by Karpenter. */
export const NODE_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * AWS managed policies for Karpenter nodes. ECR *PullOnly* (what upstream now uses) instead of
 * ReadOnly: nodes only pull images, they never need to list or describe repositories.
 */
export function nodeManagedPolicyArns(partition = "aws"): string[] {
  return [
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryPullOnly",
    "AmazonSSMManagedInstanceCore",
  ].map((p) => `arn:${partition}:iam::aws:policy/${p}`);
}

/** Queue policy: EventBridge (and SQS itself) may send; plain HTTP is refused. */
export function interruptionQueuePolicy(queueArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "EC2InterruptionPolicy",
    Statement: [
      {
        Sid: "AllowEventBridge",
        Effect: "Allow",
        Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
        Action: "sqs:SendMessage",
        Resource: queueArn,
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

/**
 * The EventBridge rules Karpenter's interruption handling consumes. Upstream also routes
 * "EC2 Capacity Reservation Instance Interruption Warning"; it only matters for interruptible
 * capacity reservations, which this platform does not use.
 */
export const INTERRUPTION_RULES = [
  { role: "spot-interruption", source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning" },
  { role: "rebalance", source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation" },
  { role: "instance-state-change", source: "aws.ec2", detailType: "EC2 Instance State-change Notification" },
  { role: "scheduled-change", source: "aws.health", detailType: "AWS Health Event" },
] as const;

export function eventPattern(rule: { source: string; detailType: string }): string {
  return JSON.stringify({ source: [rule.source], "detail-type": [rule.detailType] });
}
