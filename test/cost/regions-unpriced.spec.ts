import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import { plan, res } from "./fixtures";

/**
 * A region without pinned prices (ap-south-1) and one with only some (ap-southeast-1, Singapore): each
 * rule prices what it can and names every missing price with its page, so the total never passes a
 * missing price as free. Singapore figures as pinned from the AWS bill and pages read 2026-12-07:
 * EKS $0.10/h, Logs ingestion $0.70/GB, Secrets Manager $0.40, ALB $0.0252/h, public IPv4 $0.005/h,
 * NAT $0.059/h and $0.059/GB, t3.large $0.1056/h, gp3 $0.096/GB-month; no CloudWatch Logs storage,
 * Managed Prometheus, Aurora, ElastiCache, ALB LCU or Lambda price.
 */
const resources = (region: string) => [
  res("aws:cloudwatch/logGroup:LogGroup", region, { name: "aws-waf-logs-x" }, "waf-logs"),
  res("eks:index:Cluster", region, { version: "1.35", enabledClusterLogTypes: ["api"] }, "eks"),
  res("aws:amp/workspace:Workspace", region, {}, "amp"),
  res("aws:secretsmanager/secret:Secret", region, {}, "secret"),
  res("aws:rds/cluster:Cluster", region, { engine: "aurora-postgresql", masterUsername: "u" }, "db"),
  res("aws:elasticache/replicationGroup:ReplicationGroup", region, { nodeType: "cache.r7g.large" }, "cache"),
  res("aws:lb/loadBalancer:LoadBalancer", region, { subnets: ["a"] }, "alb"),
  res("aws:ec2/natGateway:NatGateway", region, {}, "nat"),
  res("aws:eks/nodeGroup:NodeGroup", region, { instanceTypes: ["t3.large"] }, "ng"),
  res("aws:lambda/function:Function", region, { memorySize: 512 }, "fn"),
];
const missing = (what: string, region: string, page: string) =>
  `no pinned price for ${what} in ${region} (see https://aws.amazon.com/${page}/pricing/)`;
const unpriced = (region: string) =>
  estimateCost(plan(resources(region))).unpriced.map((u) => [u.urn.split("::").pop(), u.kind, u.reason]);

describe("cost: regions without (all) pinned prices", () => {
  it("names every missing price in a region without any", () => {
    const R = "ap-south-1";
    const r = estimateCost(plan(resources(R)));
    assert.deepEqual(r.lines, []);
    assert.deepEqual(unpriced(R), [
      ["waf-logs", "price", missing("CloudWatch Logs ingestion", R, "cloudwatch")],
      ["waf-logs", "price", missing("CloudWatch Logs storage", R, "cloudwatch")],
      ["eks", "price", missing("EKS control plane", R, "eks")],
      ["eks", "price", missing("CloudWatch Logs ingestion", R, "cloudwatch")],
      ["amp", "price", missing("AMP ingestion", R, "prometheus")],
      ["amp", "price", missing("AMP ingestion", R, "prometheus")],
      ["amp", "price", missing("AMP query", R, "prometheus")],
      ["secret", "price", missing("Secrets Manager secret", R, "secrets-manager")],
      ["db", "price", missing("Aurora storage", R, "rds/aurora")],
      ["db", "price", missing("Aurora I/O", R, "rds/aurora")],
      ["cache", "price", missing("cache.r7g.large", R, "elasticache")],
      ["alb", "price", missing("ALB hours", R, "elasticloadbalancing")],
      ["alb", "price", missing("ALB LCU", R, "elasticloadbalancing")],
      ["alb", "price", missing("public IPv4", R, "vpc")],
      ["nat", "price", missing("NAT gateway hours", R, "vpc")],
      ["nat", "price", missing("NAT data processing", R, "vpc")],
      ["ng", "price", "no pinned price for EC2 t3 in ap-south-1 (see https://aws.amazon.com/ec2/pricing/on-demand/)"],
      ["fn", "price", missing("Lambda (requests, gbSecondX86, gbSecondArm)", R, "lambda")],
    ]);
    assert.deepEqual(
      r.coverage.regionsWithoutPrices.map((x) => [x.region, x.resources, x.trafficUnpriced]),
      [["ap-south-1", 10, true]],
    );
  });

  it("prices what Singapore has and names the rest", () => {
    const R = "ap-southeast-1";
    const r = estimateCost(plan(resources(R)));
    assert.deepEqual(
      r.lines.map((l) => [l.urn.split("::").pop(), l.line, l.monthly]),
      [
        ["eks", "EKS control plane", 73],
        ["eks", "EKS control-plane logs", 21], // 30 GB default x $0.70
        ["secret", "Secrets Manager secret", 0.4],
        ["alb", "ALB hours", 18.4], // $0.0252 x 730 = 18.396
        ["alb", "ALB public IPv4", 3.65],
        ["nat", "NAT gateway hours", 43.07],
        ["nat", "NAT data processed", 11.8], // 200 GB default x $0.059
        ["ng", "system node group EC2", 77.09], // $0.1056 x 730 = 77.088
        ["ng", "system node root volumes", 1.92], // 20 GiB x $0.096
      ],
    );
    assert.deepEqual(unpriced(R), [
      ["waf-logs", "price", missing("CloudWatch Logs storage", R, "cloudwatch")],
      ["amp", "price", missing("AMP ingestion", R, "prometheus")],
      ["amp", "price", missing("AMP ingestion", R, "prometheus")],
      ["amp", "price", missing("AMP query", R, "prometheus")],
      ["db", "price", missing("Aurora storage", R, "rds/aurora")],
      ["db", "price", missing("Aurora I/O", R, "rds/aurora")],
      ["cache", "price", missing("cache.r7g.large", R, "elasticache")],
      ["alb", "price", missing("ALB LCU", R, "elasticloadbalancing")],
      ["fn", "price", missing("Lambda (requests, gbSecondX86, gbSecondArm)", R, "lambda")],
    ]);
  });
});
