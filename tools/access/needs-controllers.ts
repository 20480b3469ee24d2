/**
 * What each controller does in AWS, keyed by the service account its Pod Identity association names,
 * with the request context the controller sends (its tags), and what the nodes' role must do. Each
 * row cites where the calls are documented.
 */
import { fargateLogNeeds } from "./needs-fargate-logs";
import type { Need } from "./model";
import { associations, type Association } from "./needs-pods";
import { loadUpstream, upstreamCalls } from "./upstream-calls";
import type { World } from "./world";

const KARPENTER = loadUpstream("karpenter-controller-policy.json");
const LB_CONTROLLER = loadUpstream("lb-controller-iam-policy.json");

interface Ctx {
  world: World;
  a: Association;
  acct: string;
  clusterArn: string;
  nodeRole?: string;
}

type Call = [action: string, resource: string, context?: Record<string, string | readonly string[]>];

/**
 * Karpenter v1 controller calls: every statement of its controller policy at the pinned version
 * (upstream/karpenter-controller-policy.json) but zonal shift, which the platform leaves off
 * (settings.enableZonalShift false, components/cluster/karpenter/iam.ts), plus the concrete ones
 * the plan names: its node role, interruption queue, AMI parameter and pricing.
 */
function karpenter(ctx: Ctx): Call[] {
  const { world, a, acct, nodeRole } = ctx;
  const queue = interruptionQueues(world, a.region)[0];
  const vars = {
    "AWS::Partition": "aws",
    "AWS::Region": a.region,
    "AWS::AccountId": acct,
    ClusterName: a.cluster,
    "KarpenterNodeRole.Arn": nodeRole,
    "KarpenterInterruptionQueue.Arn": queue,
  };
  const upstream = upstreamCalls(KARPENTER, vars, { account: acct, region: a.region }, [
    "KarpenterControllerZonalShiftPolicy",
  ]).map((c): Call => [c.action, c.resource, c.context as Record<string, string>]);
  return [...upstream, ...karpenterPlanned(ctx)];
}

/** The region's Karpenter interruption queues: the SQS targets of its EventBridge rules. */
const interruptionQueues = (world: World, region: string) => [
  ...new Set(
    world
      .ofType("aws:cloudwatch/eventTarget:EventTarget")
      .filter((t) => t.region === region && String(t.inputs.arn).startsWith("arn:aws:sqs:"))
      .map((t) => String(t.inputs.arn)),
  ),
];

/** Karpenter's calls on what the plan names, with the tags it documents for launched resources (karpenter.sh, read 2026-12-07). */
function karpenterPlanned({ world, a, acct, nodeRole }: Ctx): Call[] {
  const tags = {
    [`aws:RequestTag/kubernetes.io/cluster/${a.cluster}`]: "owned",
    "aws:RequestTag/eks:eks-cluster-name": a.cluster,
    "aws:RequestTag/karpenter.sh/nodepool": "default",
  };
  const interruption = interruptionQueues(world, a.region);
  const r = (x: string) => `arn:aws:ec2:${a.region}:${acct}:${x}`;
  return [
    ...(nodeRole ? [["iam:PassRole", nodeRole, { "iam:PassedToService": "ec2.amazonaws.com" }] as Call] : []),
    ["ec2:CreateFleet", r("fleet/fleet-0"), tags],
    ["ec2:RunInstances", r("instance/i-0"), tags],
    ["ec2:CreateTags", r("instance/i-0"), { ...tags, "ec2:CreateAction": "CreateFleet" }],
    ["eks:DescribeCluster", `arn:aws:eks:${a.region}:${acct}:cluster/${a.cluster}`],
    [
      "ssm:GetParameter",
      `arn:aws:ssm:${a.region}::parameter/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/image_id`,
    ],
    ["pricing:GetProducts", "*"],
    ...interruption.flatMap((q): Call[] => [
      ["sqs:ReceiveMessage", q],
      ["sqs:DeleteMessage", q],
    ]),
  ];
}

/**
 * AWS Load Balancer Controller: every statement of its IAM policy at the pinned app version
 * (upstream/lb-controller-iam-policy.json: it manages load balancers, target groups, listeners,
 * rules and their security groups for Ingresses and Services), and the gateway pods' registration
 * in the TargetGroupBinding's target group.
 */
function lbController({ world, a, acct }: Ctx): Call[] {
  const upstream = upstreamCalls(LB_CONTROLLER, {}, { account: acct, region: a.region }).map((c): Call => [
    c.action,
    c.resource,
    c.context as Record<string, string>,
  ]);
  return [...upstream, ...targetGroupBinding(world, a)];
}

function targetGroupBinding(world: World, a: Association): Call[] {
  return world
    .ofType("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding")
    .map((b) => String((b.inputs.spec as { targetGroupARN?: string }).targetGroupARN))
    .filter((arn) => arn.split(":")[3] === a.region)
    .flatMap((tg): Call[] => [
      ["elasticloadbalancing:RegisterTargets", tg],
      ["elasticloadbalancing:DeregisterTargets", tg],
      ["elasticloadbalancing:DescribeTargetHealth", "*"],
    ]);
}

/** KEDA's aws-sqs-queue scaler reads the queue depth (keda.sh scalers/aws-sqs docs). */
function keda({ world, a }: Ctx): Call[] {
  const urls = world
    .ofType("kubernetes:keda.sh/v1alpha1:ScaledObject")
    .flatMap((s) => (s.inputs.spec as { triggers: { type: string; metadata?: { queueURL?: string } }[] }).triggers)
    .filter((t) => t.type === "aws-sqs-queue" && t.metadata?.queueURL)
    .map((t) => t.metadata!.queueURL!);
  return world
    .ofType("aws:sqs/queue:Queue")
    .filter((q) => q.region === a.region && urls.includes(String(world.out(q).url)))
    .map((q): Call => ["sqs:GetQueueAttributes", String(world.out(q).arn)]);
}

/** VPC CNI (ipamd) attaches ENIs and assigns pod IPs on the nodes. */
const vpcCni = ({ a, acct }: Ctx): Call[] => [
  ["ec2:CreateNetworkInterface", `arn:aws:ec2:${a.region}:${acct}:network-interface/eni-0`],
  ["ec2:AssignPrivateIpAddresses", `arn:aws:ec2:${a.region}:${acct}:network-interface/eni-0`],
  ["ec2:DescribeInstances", "*"],
];

/** EBS CSI creates volumes tagged for the cluster and attaches them (aws-ebs-csi-driver docs). */
const ebsCsi = ({ a, acct }: Ctx): Call[] => [
  [
    "ec2:CreateVolume",
    `arn:aws:ec2:${a.region}:${acct}:volume/vol-0`,
    { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" },
  ],
  ["ec2:AttachVolume", `arn:aws:ec2:${a.region}:${acct}:volume/vol-0`],
  ["ec2:AttachVolume", `arn:aws:ec2:${a.region}:${acct}:instance/i-0`],
];

/** Prometheus remote-writes to the region's AMP workspace. */
const prometheus = ({ world, a }: Ctx): Call[] =>
  world
    .ofType("aws:amp/workspace:Workspace")
    .filter((w) => w.region === a.region)
    .map((w): Call => ["aps:RemoteWrite", String(world.out(w).arn)]);

/** Alertmanager publishes to the region's alarm topic, encrypted with its key. */
const alertmanager = ({ world, a }: Ctx): Call[] =>
  world
    .ofType("aws:sns/topic:Topic")
    .filter((t) => t.region === a.region)
    .flatMap((t): Call[] => {
      const key = t.inputs.kmsMasterKeyId;
      return [
        ["sns:Publish", String(world.out(t).arn)],
        ...(typeof key === "string" ? (["kms:GenerateDataKey", "kms:Decrypt"].map((x) => [x, key]) as Call[]) : []),
      ];
    });

const CONTROLLERS: Record<string, { requirement: string; calls: (c: Ctx) => Call[] }> = {
  "kube-system/karpenter": { requirement: "karpenter", calls: karpenter },
  "kube-system/aws-load-balancer-controller": { requirement: "lb-controller", calls: lbController },
  "keda/keda-operator": { requirement: "keda-sqs", calls: keda },
  "kube-system/aws-node": { requirement: "vpc-cni", calls: vpcCni },
  "kube-system/ebs-csi-controller-sa": { requirement: "ebs-csi", calls: ebsCsi },
  "monitoring/kube-prometheus-stack-prometheus": { requirement: "amp-remote-write", calls: prometheus },
  "monitoring/kube-prometheus-stack-alertmanager": { requirement: "alertmanager-publish", calls: alertmanager },
};

/** Node roles: pull images, and let the Pod Identity agent exchange tokens (AmazonEKSWorkerNodePolicy). */
function nodeNeeds(world: World): Need[] {
  const roles = [
    ...world
      .ofType("aws:eks/accessEntry:AccessEntry")
      .filter((e) => e.inputs.type === "EC2_LINUX")
      .map((e) => ({
        arn: String(e.inputs.principalArn),
        cluster: String(e.inputs.clusterName),
        region: e.region,
        urn: e.urn,
      })),
    ...world.ofType("aws:eks/nodeGroup:NodeGroup").map((g) => ({
      arn: String(g.inputs.nodeRoleArn),
      cluster: String(g.inputs.clusterName),
      region: g.region,
      urn: g.urn,
    })),
  ];
  return roles.flatMap((n): Need[] => {
    const calls: Call[] = [
      ["eks-auth:AssumeRoleForPodIdentity", `arn:aws:eks:${n.region}:${world.account}:cluster/${n.cluster}`],
      ["ecr:GetAuthorizationToken", "*"],
      ["ecr:BatchGetImage", `arn:aws:ecr:${n.region}:${world.account}:repository/platform/app`],
    ];
    return [
      ...calls.map(([action, resource]): Need => ({
        requirement: "node-role",
        kind: "required",
        asker: { role: n.arn },
        action,
        resource,
        urn: n.urn,
      })),
      {
        requirement: "node-role",
        kind: "required",
        asker: { service: "ec2.amazonaws.com" },
        action: "sts:AssumeRole",
        resource: n.arn,
        urn: n.urn,
      },
    ];
  });
}

/** Fargate: EKS assumes the profile's pod execution role to pull images (AmazonEKSFargatePodExecutionRolePolicy). */
function fargateNeeds(world: World): Need[] {
  return world.ofType("aws:eks/fargateProfile:FargateProfile").flatMap((f): Need[] => {
    const role = String(f.inputs.podExecutionRoleArn);
    const cluster = String(f.inputs.clusterName);
    const sourceArn = `arn:aws:eks:${f.region}:${world.account}:fargateprofile/${cluster}/${f.inputs.fargateProfileName}/id`;
    const need = (asker: Need["asker"], action: string, resource: string, context = {}): Need => ({
      requirement: "fargate-pod-execution",
      kind: "required",
      asker,
      action,
      resource,
      context,
      urn: f.urn,
    });
    return [
      need({ service: "eks-fargate-pods.amazonaws.com" }, "sts:AssumeRole", role, {
        "aws:SourceArn": sourceArn,
        "aws:SourceAccount": world.account,
      }),
      need({ role }, "ecr:GetAuthorizationToken", "*"),
      need({ role }, "ecr:BatchGetImage", `arn:aws:ecr:${f.region}:${world.account}:repository/platform/app`),
    ];
  });
}

export function controllerNeeds(world: World): Need[] {
  const assoc = associations(world);
  const out: Need[] = [];
  for (const a of assoc) {
    const row = CONTROLLERS[`${a.namespace}/${a.serviceAccount}`];
    if (!row) continue;
    const nodeRole = world
      .ofType("aws:eks/accessEntry:AccessEntry")
      .find((e) => e.inputs.type === "EC2_LINUX" && e.inputs.clusterName === a.cluster)?.inputs.principalArn;
    const ctx: Ctx = { world, a, acct: world.account, clusterArn: "", nodeRole: nodeRole as string | undefined };
    for (const [action, resource, context] of row.calls(ctx))
      out.push({
        requirement: row.requirement,
        kind: "required",
        asker: { role: a.roleArn },
        action,
        resource,
        context: { "aws:RequestedRegion": a.region, ...context },
        urn: a.urn,
      });
  }
  return [...out, ...nodeNeeds(world), ...fargateNeeds(world), ...fargateLogNeeds(world)];
}
