import { type Price, uniform, usEu } from "./types";

const VPC = "https://aws.amazon.com/vpc/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const EC2_TRANSFER = "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer";

export const NAT_PRICES = {
  hour: {
    unit: "gateway-hour",
    usd: usEu(0.045, 0.048, 0.052),
    source: VPC,
    seen: ["us-east-1", "us-east-2", "us-west-2"],
    seenAt: "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/",
    note: "The same page gives Europe (Ireland, Frankfurt) as ~$0.048-$0.052 without naming which is which.",
  },
  gb: {
    unit: "GB processed",
    usd: usEu(0.045, 0.048, 0.052),
    source: VPC,
    seen: ["us-east-1", "us-east-2", "us-west-2"],
    seenAt: "https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/",
  },
} satisfies Record<string, Price>;

export const ALB_PRICES = {
  hour: {
    unit: "ALB-hour",
    usd: usEu(0.0225, 0.0252, 0.027),
    source: ELB,
    seen: ["us-east-1", "eu-west-1"],
    seenAt: "https://cal53.calculator.city/aws-alb-cost-calculator/",
  },
  lcu: {
    unit: "LCU-hour",
    usd: usEu(0.008, 0.008, 0.0081),
    source: ELB,
    note: "1 LCU = 25 new connections/s, 3,000 active connections/min, 1 GB/h processed, 1,000 rule evaluations/s (first 10 rules free); the largest dimension is billed.",
  },
} satisfies Record<string, Price>;

/** Data leaving a region for another AWS region (VPC peering, Global Datastore, Aurora global replication traffic). */
export const INTER_REGION_PRICES = {
  gb: {
    unit: "GB sent to another region",
    usd: uniform(0.02),
    source: EC2_TRANSFER,
    note: "Between us-east-1 and us-east-2 AWS charges $0.01/GB (see interRegionRate). Inter-region VPC peering traffic is billed as inter-region transfer; no peering hourly charge.",
  },
} satisfies Record<string, Price>;

/** USD per GB from `from` to `to`. */
export function interRegionRate(from: string, to: string): number | undefined {
  const pair = [from, to].sort().join(" ");
  if (pair === "us-east-1 us-east-2") return 0.01;
  return INTER_REGION_PRICES.gb.usd[from];
}
