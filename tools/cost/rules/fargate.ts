import { fargatePodSize } from "../../../components/batch/fargate";
import { COST_ANNOTATIONS } from "../../../components/batch/plan";
import { cpuMillis, memoryBytes } from "../../../components/config/primitives";
import { usd } from "../context";
import type { Price } from "../prices/types";
import { usEu } from "../prices/types";
import type { CostResource } from "../types";
import { type Rule, arr, obj, priceIn, str } from "./common";

const FARGATE = "https://aws.amazon.com/fargate/pricing/";
const read = (url: string, usdValue: number, says: string) =>
  ({ url, readOn: "2026-12-07", publisher: "third-party", regions: ["us-east-1"], usd: usdValue, says }) as const;

/**
 * Fargate on-demand, Linux/x86, per second with a one-minute minimum. us-east-1 read on two
 * third-party pages (the AWS page renders its table client-side); the other regions are the list
 * prices as known at the reading and not re-read: confirm them on the AWS page.
 */
export const FARGATE_PRICES: { vcpuHour: Price; gbHour: Price } = {
  vcpuHour: {
    unit: "vCPU-hour",
    usd: usEu(0.04048, 0.04456, 0.04656),
    source: FARGATE,
    seen: [
      read("https://www.vantage.sh/blog/fargate-pricing", 0.04048, "Linux/x86 $0.04048 per vCPU per hour, us-east-1."),
      read("https://www.wring.co/blog/aws-fargate-pricing-guide", 0.04048, "$0.04048 per vCPU-hour in US East."),
    ],
  },
  gbHour: {
    unit: "GB-hour",
    usd: usEu(0.004445, 0.004865, 0.00511),
    source: FARGATE,
    seen: [
      read("https://www.vantage.sh/blog/fargate-pricing", 0.004445, "Linux/x86 $0.004445 per GB per hour, us-east-1."),
      read("https://www.wring.co/blog/aws-fargate-pricing-guide", 0.004445, "$0.004445 per GB-hour in US East."),
    ],
  },
};

const FARGATE_PROFILE = "aws:eks/fargateProfile:FargateProfile";

/** Does a Fargate profile of the same region select pods of `namespace` with `labels`? */
function selectedByFargate(ctx: Parameters<Rule>[0], r: CostResource, namespace: string, labels: object): boolean {
  const region = ctx.regionOf(r);
  const podLabels = labels as Record<string, unknown>;
  return ctx
    .ofType(FARGATE_PROFILE)
    .filter((p) => ctx.regionOf(p) === region)
    .some((p) =>
      arr(p.inputs.selectors).some((s) => {
        const sel = obj(s);
        return sel.namespace === namespace && Object.entries(obj(sel.labels)).every(([k, v]) => podLabels[k] === v);
      }),
    );
}

/**
 * A CronJob whose pods a Fargate profile selects: each run is `completions` pods of the size
 * Fargate rounds the pod's requests up to, for the minutes the usage annotations assume.
 */
const fargateCronJob: Rule = (ctx, r) => {
  const meta = obj(r.inputs.metadata);
  const job = obj(obj(obj(r.inputs.spec).jobTemplate).spec);
  const pod = obj(job.template);
  const namespace = str(meta.namespace) ?? "default";
  if (!selectedByFargate(ctx, r, namespace, obj(obj(pod.metadata).labels))) return;
  const containers = arr(obj(pod.spec).containers).map((c) => obj(obj(obj(c).resources).requests));
  const vcpu = containers.reduce<number>((s, q) => s + cpuMillis(str(q.cpu) ?? "0") / 1000, 0);
  const gib = containers.reduce<number>((s, q) => s + memoryBytes(str(q.memory) ?? "0") / 2 ** 30, 0);
  const size = fargatePodSize(vcpu, gib);
  if (!size) return ctx.skip(r, `requests ${vcpu} vCPU / ${gib} GiB fit no Fargate pod size`);
  const notes = obj(meta.annotations);
  const runs = Number(str(notes[COST_ANNOTATIONS.runsPerMonth]) ?? "0");
  const minutes = Math.max(1, Number(str(notes[COST_ANNOTATIONS.minutesPerCompletion]) ?? "1"));
  const completions = typeof job.completions === "number" ? job.completions : 1;
  const region = ctx.regionOf(r);
  const cpuRate = priceIn(ctx, r, FARGATE_PRICES.vcpuHour, region, "Fargate vCPU");
  const memRate = priceIn(ctx, r, FARGATE_PRICES.gbHour, region, "Fargate memory");
  if (cpuRate === undefined || memRate === undefined) return;
  const podHours = (runs * completions * minutes) / 60;
  const hourly = size.vcpu * cpuRate + size.memoryGiB * memRate;
  ctx.add(
    r,
    "Fargate batch pods",
    podHours * hourly,
    `${runs} runs x ${completions} pods x ${minutes} min = ${podHours.toFixed(1)} pod-hours x ` +
      `(${size.vcpu} vCPU x ${usd(cpuRate)} + ${size.memoryGiB} GB x ${usd(memRate)})/h; requests ` +
      `${vcpu} vCPU / ${gib} GiB + 0.25 GiB rounded up to ${size.vcpu} vCPU / ${size.memoryGiB} GB`,
  );
};

/** A Fargate profile itself is free: Fargate bills the pods it runs (priced on their CronJob). */
const fargateProfile: Rule = (ctx, r) =>
  ctx.free(r, "a Fargate profile carries no charge; the pods it selects are priced per vCPU and GB");

export const FARGATE_RULES: Record<string, Rule> = {
  "kubernetes:batch/v1:CronJob": fargateCronJob,
  [FARGATE_PROFILE]: fargateProfile,
};
