import { costSchema, resolveCost } from "../../components/config/sections/cost";
import { demandSchema, resolveDemand } from "../../components/config/sections/demand";
import type { CostPlan, CostResource } from "../../tools/cost/types";

/** Resolved usage as plan.json carries it; the design peak is `traffic.peakRps` when given, else 10,000 rps. */
export const usage = (over: Record<string, unknown> = {}) => {
  const cost = costSchema.parse(over);
  return resolveCost(cost, resolveDemand(demandSchema.parse({ peakRps: cost.traffic.peakRps ?? 10_000 })));
};

let n = 0;
/** A plan.json resource; `parent` optional, name unique. */
export function res(type: string, region: string | null, inputs: Record<string, unknown>, name?: string): CostResource {
  const id = name ?? `r${n++}`;
  return {
    urn: `urn:pulumi:test::platform::${type}::${id}`,
    type,
    name: id,
    custom: true,
    parent: null,
    region,
    inputs,
  };
}

export const plan = (resources: CostResource[], over: Record<string, unknown> = {}): CostPlan => ({
  stack: "test",
  resources,
  usage: usage(over),
});

export const NAT = "aws:ec2/natGateway:NatGateway";
export const EKS = "eks:index:Cluster";
export const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
