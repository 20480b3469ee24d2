import { qty, usd } from "../context";
import { IPV4_PRICES } from "../prices/compute";
import { ALB_PRICES, NAT_PRICES, interRegionRate } from "../prices/network";
import { HOURS_PER_MONTH as H } from "../prices/types";
import { type Rule, arr, num, priceIn, str } from "./common";

const nat: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const hour = priceIn(ctx, r, NAT_PRICES.hour, region, "NAT gateway hours");
  const gb = priceIn(ctx, r, NAT_PRICES.gb, region, "NAT data processing");
  if (hour === undefined || gb === undefined) return;
  ctx.add(r, "NAT gateway hours", hour * H, `${usd(hour)}/h x ${H} h`);
  const gateways = ctx.ofType(r.type).filter((n) => ctx.regionOf(n) === region).length;
  const perGateway = ctx.usage.network.natGBPerRegion / gateways;
  ctx.add(
    r,
    "NAT data processed",
    perGateway * gb,
    `${qty(perGateway)} GB x ${usd(gb)}/GB (network.natGBPerRegion ${ctx.usage.network.natGBPerRegion} GB over ${gateways} gateway(s))`,
  );
};

const eip: Rule = (ctx, r) => {
  const region = ctx.regionOf(r);
  const p = priceIn(ctx, r, IPV4_PRICES.publicAddress, region, "public IPv4");
  if (p !== undefined) ctx.add(r, "public IPv4 address", p * H, `${usd(p)}/h x ${H} h`);
};

const alb: Rule = (ctx, r) => {
  if ((str(r.inputs.loadBalancerType) ?? "application") !== "application")
    return ctx.skip(r, `load balancer type ${str(r.inputs.loadBalancerType)} has no pricing rule`, undefined, "rule");
  const region = ctx.regionOf(r);
  // Hours and LCUs are priced apart: a region with an hourly rate but no LCU rate shows its hours and
  // counts the LCUs (the part that follows traffic) unpriced.
  const hour = priceIn(ctx, r, ALB_PRICES.hour, region, "ALB hours");
  if (hour !== undefined) ctx.add(r, "ALB hours", hour * H, `${usd(hour)}/h x ${H} h`);
  const lcu = priceIn(ctx, r, ALB_PRICES.lcu, region, "ALB LCU");
  if (lcu !== undefined) albLcu(ctx, r, region, lcu);
  if (r.inputs.internal !== true) {
    const ip = priceIn(ctx, r, IPV4_PRICES.publicAddress, region, "public IPv4");
    const azs = arr(r.inputs.subnets).length;
    if (ip !== undefined)
      ctx.add(r, "ALB public IPv4", ip * azs * H, `${azs} addresses (one per subnet) x ${usd(ip)}/h x ${H} h`);
  }
};

/** LCUs from the origin bytes of the region's share of traffic (or rule evaluations, whichever is larger). */
function albLcu(ctx: Parameters<Rule>[0], r: Parameters<Rule>[1], region: string, lcu: number): void {
  const t = ctx.usage.traffic;
  const rps = ctx.originRps(region);
  const gbPerHour = (rps * 3600 * t.averageResponseKiB) / 1024 ** 2;
  const rules = ctx.ofType("aws:lb/listenerRule:ListenerRule").filter((x) => ctx.regionOf(x) === region).length;
  const ruleLcu = (rps * Math.max(0, rules - 10)) / 1000;
  const lcus = Math.max(gbPerHour, ruleLcu);
  ctx.add(
    r,
    "ALB LCU",
    lcus * lcu * H,
    `${lcus.toFixed(2)} LCU x ${usd(lcu)}/LCU-h x ${H} h; processed bytes dominate: ${rps.toFixed(0)} origin req/s ` +
      `(traffic.peakRps ${t.peakRps} x averageToPeak ${t.averageToPeak} x share ${(ctx.trafficShare.get(region) ?? 0).toFixed(2)} ` +
      `x (1 - cdnHitPercent ${t.cdnHitPercent} %)) x averageResponseKiB ${t.averageResponseKiB} = ${gbPerHour.toFixed(2)} GB/h; ` +
      `${rules} listener rules (10 free); CloudFront keeps origin connections alive (connection LCUs not counted)`,
  );
}

/** Inter-region VPC peering: no hourly charge; both sides' traffic billed as inter-region transfer. */
const peering: Rule = (ctx, r) => {
  const from = ctx.regionOf(r);
  const to = str(r.inputs.peerRegion) ?? from;
  if (to === from) return ctx.add(r, "VPC peering (same region)", 0, "no charge for peering; same-AZ traffic free");
  const gb = ctx.usage.network.interRegionGBPerRegion;
  const links = (region: string) =>
    ctx.ofType(r.type).filter((p) => ctx.regionOf(p) === region || str(p.inputs.peerRegion) === region).length || 1;
  const out = gb / links(from);
  const back = gb / links(to);
  const a = interRegionRate(from, to);
  const b = interRegionRate(to, from);
  if (a === undefined || b === undefined)
    return ctx.noPrice(r, `no pinned inter-region transfer price between ${from} and ${to}`);
  ctx.add(
    r,
    "inter-region transfer over peering",
    out * a + back * b,
    `${qty(out)} GB ${from}->${to} x ${usd(a)}/GB + ${qty(back)} GB back x ${usd(b)}/GB ` +
      `(network.interRegionGBPerRegion ${gb} GB split over each region's peering links)`,
  );
};

const endpoint: Rule = (ctx, r) => {
  if ((str(r.inputs.vpcEndpointType) ?? "Gateway") === "Gateway")
    return ctx.free(r, "gateway endpoint (S3, DynamoDB): no hourly or per-GB charge");
  ctx.noPrice(r, `interface endpoint (${num(arr(r.inputs.subnetIds).length)} AZs): hourly price not pinned`);
};

export const NETWORK_RULES: Record<string, Rule> = {
  "aws:ec2/natGateway:NatGateway": nat,
  "aws:ec2/eip:Eip": eip,
  "aws:lb/loadBalancer:LoadBalancer": alb,
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": peering,
  "aws:ec2/vpcEndpoint:VpcEndpoint": endpoint,
};
