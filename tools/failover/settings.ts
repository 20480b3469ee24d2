/**
 * Why each detection setting has its value: the plan's value, the slower value next to it, and
 * what that slower value would make of the scenario it decides (the model run again on the plan
 * with that one input changed).
 */
import type { FailoverResource } from "./topology";

export interface SettingEffect {
  readonly setting: string;
  readonly value: string;
  readonly slower: string;
  /** The scenario the setting decides, with the plan's value and with the slower one. */
  readonly scenario: string;
  readonly seconds: number | null;
  readonly slowerSeconds: number | null;
}

type Edit = (r: FailoverResource) => FailoverResource | undefined;
const tags = (r: FailoverResource) => (r.inputs.tags ?? {}) as Record<string, unknown>;
const edit = (rs: readonly FailoverResource[], e: Edit) => rs.map((r) => e(r) ?? r);

interface Candidate {
  setting: string;
  scenario: string;
  pick: (r: FailoverResource) => boolean;
  value: (r: FailoverResource) => string;
  slower: (r: FailoverResource) => Record<string, unknown>;
  slowerText: string;
}

const CANDIDATES: Candidate[] = [
  {
    setting: "Route53 health check requestInterval x failureThreshold",
    scenario: "one non-writer region lost",
    pick: (r) => r.type === "aws:route53/healthCheck:HealthCheck" && r.inputs.type === "HTTPS",
    value: (r) => `${r.inputs.requestInterval ?? 30} s x ${r.inputs.failureThreshold ?? 3}`,
    slower: () => ({ requestInterval: 30 }),
    slowerText: "the standard 30 s interval",
  },
  {
    setting: "cache writer name TTL",
    scenario: "the writer region lost",
    pick: (r) =>
      r.type === "aws:route53/record:Record" &&
      r.inputs.type === "CNAME" &&
      Array.isArray(r.inputs.failoverRoutingPolicies),
    value: (r) => `${r.inputs.ttl} s`,
    slower: () => ({ ttl: 60 }),
    slowerText: "60 s",
  },
  {
    setting: "writer-lost alarm datapoints",
    scenario: "the writer region lost",
    pick: (r) => tags(r)["platform.io/role"] === "writer-promotion-trigger",
    value: (r) =>
      `${r.inputs.datapointsToAlarm} x ${r.inputs.period} s after ${Number(r.inputs.threshold) / 1000} s of lag`,
    slower: (r) => ({
      datapointsToAlarm: Number(r.inputs.datapointsToAlarm) + 2,
      evaluationPeriods: Number(r.inputs.evaluationPeriods) + 2,
    }),
    slowerText: "two more periods",
  },
];

/** Each candidate present in the plan, judged by `worst` (the scenario's worse RTO) with and without the change. */
export function settingEffects(
  resources: readonly FailoverResource[],
  worst: (rs: readonly FailoverResource[], scenario: string) => number | null,
): SettingEffect[] {
  return CANDIDATES.flatMap((c): SettingEffect[] => {
    const first = resources.find(c.pick);
    if (!first) return [];
    const slowerPlan = edit(resources, (r) =>
      c.pick(r) ? { ...r, inputs: { ...r.inputs, ...c.slower(r) } } : undefined,
    );
    return [
      {
        setting: c.setting,
        value: c.value(first),
        slower: c.slowerText,
        scenario: c.scenario,
        seconds: worst(resources, c.scenario),
        slowerSeconds: worst(slowerPlan, c.scenario),
      },
    ];
  });
}
