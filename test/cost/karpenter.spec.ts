import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { EKS, plan, res } from "./fixtures";

/**
 * Karpenter capacity at minimum replicas, on hand-built regions. EC2 .large list prices from
 * https://aws.amazon.com/ec2/pricing/on-demand/ (us-east-1): m7g $0.0816/h (2 vCPU, 8 GiB), c7g $0.0725/h
 * (2 vCPU, 4 GiB), m6i $0.096/h; gp3 $0.08/GB-month (https://aws.amazon.com/ebs/pricing/). Per node the rule
 * keeps 0.3 vCPU and 0.5 GiB back and 90 % of memory allocatable.
 */
const POOL = "kubernetes:karpenter.sh/v1:NodePool";
const lines = (r: CostReport) => r.lines.map((l) => [l.line, l.region, l.monthly, l.basis]);
const req = (key: string, values: string[], operator = "In") => ({ key, operator, values });
const pool = (region: string, requirements: object[], name?: string) =>
  res(POOL, region, { spec: { template: { spec: { requirements } } } }, name);
const deployment = (
  name: string,
  cpu: string,
  memory: string,
  extra: { ns?: string; replicas?: number; system?: boolean } = {},
) =>
  res("kubernetes:apps/v1:Deployment", "us-east-1", {
    metadata: { name, ...(extra.ns ? { namespace: extra.ns } : {}) },
    spec: {
      ...(extra.replicas ? { replicas: extra.replicas } : {}),
      template: {
        spec: {
          ...(extra.system ? { nodeSelector: { "platform.io/node-role": "system" } } : {}),
          containers: [{ resources: { requests: { cpu, memory } } }, { resources: {} }],
        },
      },
    },
  });
const hpa = (name: string, minReplicas: number, maxReplicas: number) =>
  res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "us-east-1", {
    metadata: { namespace: "apps" },
    spec: { scaleTargetRef: { name }, minReplicas, maxReplicas },
  });
const scaled = (name: string, spec: object) =>
  res("kubernetes:keda.sh/v1alpha1:ScaledObject", "us-east-1", {
    metadata: { namespace: "apps" },
    spec: { scaleTargetRef: { name }, ...spec },
  });

describe("cost rules: Karpenter nodes", () => {
  it("packs the pods on the cheapest allowed instance, one node per AZ at least, with a spot share", () => {
    const kids: CostResource[] = [
      pool("us-east-1", [
        req("karpenter.sh/capacity-type", ["spot", "on-demand"]),
        req("kubernetes.io/arch", ["arm64"]),
        req("karpenter.k8s.aws/instance-family", ["m7g", "c7g", "m7i"]),
      ]),
      pool("us-east-1", [], "second"),
      deployment("api", "500m", "1Gi", { ns: "apps" }),
      hpa("api", 4, 12),
      deployment("worker", "250m", "3Gi", { ns: "apps" }),
      scaled("worker", { minReplicaCount: 2, maxReplicaCount: 6 }),
      deployment("plain", "1", "512Mi", { replicas: 1 }),
      deployment("coredns-like", "4", "16Gi", { system: true }),
      res(EKS, "us-east-1", { privateSubnetIds: ["a", "b", "c"] }),
      res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "us-east-1", {
        spec: { blockDeviceMappings: [{ ebs: { volumeSize: "50Gi" } }] },
      }),
      res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "eu-west-1", {
        spec: { blockDeviceMappings: [{ ebs: { volumeSize: "999Gi" } }] },
      }),
    ];
    const r = estimateCost(plan(kids, { compute: { spotPercent: 40, spotPriceRatio: 0.3 } }));
    // Pods: api 4 x (0.5 vCPU, 1 GiB) + worker 2 x (0.25, 3) + plain 1 x (1, 0.5) = 7 pods, 3.5 vCPU, 10.5 GiB.
    // m7g.large holds 1.7 vCPU / 6.7 GiB: 3 nodes (also the 3-AZ floor); c7g.large (1.7 / 3.1) needs 4.
    // Price factor 0.4 x 0.3 + 0.6 = 0.72: $0.0816 x 0.72 = $0.058752/h x 3 x 730 h = 128.67.
    assert.deepEqual(
      lines(r).filter(([l]) => String(l).startsWith("Karpenter")),
      [
        [
          "Karpenter nodes",
          "us-east-1",
          128.67,
          "3 x m7g.large for 7 pods at min replicas (requests 3.50 vCPU, 10.50 GiB; >= 1 node per AZ up to 3), " +
            "cheapest of m7g/c7g at $0.0816/h on-demand; 40 % spot (compute.spotPercent 40) at spotPriceRatio 0.3 " +
            "-> $0.0588/h x 730 h",
        ],
        ["Karpenter node root volumes", "us-east-1", 12, "3 x 50 GiB (EC2NodeClass) x $0.08/GB-month gp3"],
        ["Karpenter nodes", "us-east-1", 0, "no pods assigned: the region's first NodePool takes them"],
      ],
    );
  });

  it("prices an empty spot-only pool at zero nodes of the first amd64 family, without root volumes", () => {
    const r = estimateCost(
      plan([
        pool("us-east-1", [req("karpenter.sh/capacity-type", ["spot"]), req("kubernetes.io/arch", ["arm64"], "NotIn")]),
        scaled("idle", {}),
      ]),
    );
    assert.deepEqual(lines(r), [
      [
        "Karpenter nodes",
        "us-east-1",
        0,
        "0 x m6i.large for 0 pods at min replicas (requests 0.00 vCPU, 0.00 GiB; >= 1 node per AZ up to 1), " +
          "cheapest of m6i/m7i/c6i/c7i/t3 at $0.096/h on-demand; 100 % spot (compute.spotPercent 50) at " +
          "spotPriceRatio 0.35 -> $0.0336/h x 730 h",
      ],
    ]);
  });

  it("counts KEDA's default bounds and a deployment's own replicas, and at least one node without a cluster", () => {
    const r = estimateCost(
      plan([
        pool("us-east-1", [req("karpenter.k8s.aws/instance-family", ["m6i"])]),
        deployment("q", "100m", "100Mi", { ns: "apps", replicas: 5 }),
        scaled("q", {}),
        deployment("solo", "100m", "100Mi", { ns: "apps", replicas: 2 }),
      ]),
    );
    // q: KEDA minReplicaCount defaults to 0 (its own replicas ignored); solo: 2 replicas; one AZ assumed.
    assert.match(
      lines(r)[0][3] as string,
      /^1 x m6i\.large for 2 pods at min replicas \(requests 0\.20 vCPU, 0\.20 GiB; >= 1 node per AZ up to 1\)/,
    );
    assert.deepEqual(lines(r)[1], [
      "Karpenter node root volumes",
      "us-east-1",
      1.6,
      "1 x 20 GiB (EC2NodeClass) x $0.08/GB-month gp3",
    ]);
  });

  it("names a region or families without pinned prices", () => {
    const away = estimateCost(plan([res(POOL, "ap-south-1", {})]));
    assert.deepEqual(
      away.unpriced.map((u) => u.reason),
      ["no pinned EC2 price in ap-south-1 for families m6i, m7i, c6i, c7i, t3"],
    );
    const none = estimateCost(plan([pool("us-east-1", [req("karpenter.k8s.aws/instance-family", ["x1"])])]));
    assert.deepEqual(
      none.unpriced.map((u) => u.reason),
      ["no pinned EC2 price in us-east-1 for families (none)"],
    );
  });
});
