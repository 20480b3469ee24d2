import type { PlanResource } from "../../policies/lib/offline";
import { planView } from "./endpoints";
import { buildNetwork } from "./network";
import { reach } from "./reach";
import { REQUIRED_FLOWS, type FlowRequirement } from "./required";
import { ROLES, type Side } from "./roles";
import { CONTROLLER_ROLES } from "./roles-controllers";
import type { FlowResult, Network } from "./types";

export type { FlowResult } from "./types";
export { REQUIRED_FLOWS } from "./required";

/** One flow of plan.json: the requirement it comes from, the endpoints, and the verdict with its evidence. */
export interface PlannedFlow extends FlowResult {
  requirement: string;
  /** The destination's URN when known (violations point at it). */
  urn?: string;
}

function evaluateOne(
  net: Network,
  req: FlowRequirement,
  from: Side,
  to: Side,
  config: { host?: PlanResource },
): PlannedFlow {
  const port = req.port === "target" ? (to.port ?? to.portName ?? 0) : req.port;
  const urn = to.endpoint.urn ?? from.endpoint.urn;
  const base = { requirement: req.id, from: from.endpoint.label, to: to.endpoint.label, port, ...(urn ? { urn } : {}) };
  const missing = from.missing ?? to.missing;
  if (missing) return { ...base, ok: false, reason: missing };
  if (typeof port !== "number" || port === 0) {
    // A chart's named port: only a rule admitting every port can be proven offline.
    const v = reach(net, {
      from: from.endpoint,
      to: to.endpoint,
      port: 1,
      portName: to.portName,
      protocol: req.protocol,
    });
    const any = v.ok && reach(net, { from: from.endpoint, to: to.endpoint, port: 65535, portName: to.portName }).ok;
    return any
      ? { ...base, ok: true, via: v.via }
      : { ...base, ok: false, reason: v.ok ? `port "${port}" is not resolvable from the plan` : v.reason };
  }
  const v = reach(net, { from: from.endpoint, to: to.endpoint, port, portName: to.portName, protocol: req.protocol });
  if (!v.ok) return { ...base, ok: false, reason: v.reason };
  if (to.hosts && config.host) {
    const data = (config.host.inputs.data ?? {}) as Record<string, string>;
    const key = Object.keys(data).find((k) => to.hosts!.includes(data[k]));
    if (!key)
      return {
        ...base,
        ok: false,
        reason: `the network path holds, but no key of the data-endpoints ConfigMap names ${to.hosts.join(" or ")}, so apps do not use it`,
      };
    return { ...base, ok: true, via: [...v.via, `${config.host.urn}#data.${key}`] };
  }
  return { ...base, ok: true, via: v.via };
}

/** Every required flow of a plan, evaluated over the planned network. */
export function evaluateFlows(resources: readonly PlanResource[], required = REQUIRED_FLOWS): PlannedFlow[] {
  const net = buildNetwork(resources);
  const view = planView(resources);
  const out: PlannedFlow[] = [];
  const seen = new Set<string>();
  for (const req of required) {
    for (const rv of view.regions) {
      const froms = (ROLES[req.from] ?? CONTROLLER_ROLES[req.from])(view, rv);
      const tos = (ROLES[req.to] ?? CONTROLLER_ROLES[req.to])(view, rv);
      for (const from of froms)
        for (const to of tos) {
          const flow = evaluateOne(net, req, from, to, { host: rv.dataEndpoints });
          const key = `${flow.requirement}|${flow.from}|${flow.to}|${flow.port}`;
          if (seen.has(key)) continue; // a global source (CloudFront, deployer) is listed once per destination
          seen.add(key);
          out.push(flow);
        }
    }
  }
  return out;
}
