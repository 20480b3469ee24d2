import { costSchema } from "../../components/config/sections/cost";
import type { CostPlan, CostResource } from "../../tools/cost/types";

export const usage = (over: Record<string, unknown> = {}) => costSchema.parse(over);

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
