import { strict as assert } from "assert";
import { parser } from "@prometheus-io/lezer-promql";
import { SLO_ALERT_NAMES } from "../../components/alert-names";
import { EXERCISES_ANNOTATION, HYPOTHESIS_ANNOTATION, STEADY_STATE_ANNOTATION } from "../../components/chaos/types";
import { gatewayHypothesisRules } from "../../components/chaos/hypotheses";
import { renderAlertRules } from "../../components/observability/rules";
import { renderSloRules } from "../../components/observability/slo";
import { ofType, planFor, planWith } from "../helpers/plan";

/** Seconds of a Prometheus/Go duration ("1h30m", "250ms"). */
function seconds(d: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  const parts = [...d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  assert.ok(parts.length > 0 && parts.map((p) => p[0]).join("") === d, `duration ${d}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

/** Longest range window ([5m]) an expression reads, from the PromQL parse tree. */
function longestRange(expr: string): number {
  let longest = 0;
  parser.parse(expr).iterate({
    enter(n) {
      if (n.name === "MatrixSelector") {
        const text = expr.slice(n.from, n.to);
        longest = Math.max(longest, seconds(text.slice(text.lastIndexOf("[") + 1, -1)));
      }
    },
  });
  return longest;
}

type Experiment = { name: string; annotations: Record<string, string>; duration: string; spec: any };

async function experiments(stack: string, overrides?: Record<string, unknown>) {
  const { plan, config } = overrides
    ? { ...(await planWith(stack, overrides)), config: (await planFor(stack)).config }
    : await planFor(stack);
  const list: Experiment[] = ofType(plan!, "kubernetes:chaos-mesh.org/v1alpha1:Schedule").map((s) => {
    const spec = s.inputs.spec as any;
    const inner = spec.podChaos ?? spec.networkChaos ?? spec.stressChaos;
    return { name: s.name, annotations: (s.inputs.metadata as any).annotations, duration: inner.duration, spec };
  });
  return { list, config };
}

describe("chaos experiments can trip the alerts they claim", () => {
  it("dev: each experiment naming an alert lasts >= its for + range window + 2 scrape intervals", async () => {
    const { list, config } = await experiments("dev");
    const rules = new Map(
      renderAlertRules({ thresholds: config.observability.thresholds })
        .flatMap((g) => g.rules)
        .map((r) => [r.alert, r]),
    );
    const scrape = seconds(config.observability.scrapeInterval);
    const claims = list.filter((e) => e.annotations[HYPOTHESIS_ANNOTATION] === "fires-alert");
    assert.equal(claims.length, 2, "network delay and CPU stress claim alerts");
    for (const e of claims)
      for (const alert of e.annotations[EXERCISES_ANNOTATION].split(",")) {
        const r = rules.get(alert as never);
        assert.ok(r, `${e.name} names ${alert}, which the rules define`);
        const needed = seconds(r.for) + longestRange(r.expr) + 2 * scrape;
        assert.ok(seconds(e.duration) >= needed, `${e.name}: ${e.duration} < ${needed}s needed for ${alert}`);
      }
  });

  it("dev: the magnitudes cross the thresholds (delay above the p95 threshold; stress above the CPU limit share)", async () => {
    const { list, config } = await experiments("dev");
    const t = config.observability.thresholds;
    const delay = list.find((e) => e.spec.networkChaos)!;
    assert.ok(
      seconds(delay.spec.networkChaos.delay.latency) * 1000 > t.latencyP95Ms,
      delay.spec.networkChaos.delay.latency,
    );
    const stress = list.find((e) => e.spec.stressChaos)!;
    const target = stress.spec.stressChaos.selector.labelSelectors["app.kubernetes.io/name"];
    const limit = config.services.find((s) => s.name === target)!.resources.limits.cpu;
    const limitCores = limit.endsWith("m") ? Number(limit.slice(0, -1)) / 1000 : Number(limit);
    const { workers, load } = stress.spec.stressChaos.stressors.cpu;
    assert.ok((workers * load) / 100 > (t.podCpuPercent / 100) * limitCores, `${workers}x${load}% vs limit ${limit}`);
  });

  it("dev: every experiment is one of two kinds, each with its own annotation and no other", async () => {
    const { list } = await experiments("dev");
    const kinds = list.map((e) => [e.name, e.annotations[HYPOTHESIS_ANNOTATION]]);
    assert.equal(kinds.filter(([, k]) => k === "fires-alert").length, 2, JSON.stringify(kinds));
    assert.equal(kinds.filter(([, k]) => k === "steady-state").length, 4, JSON.stringify(kinds));
    for (const e of list) {
      const fires = e.annotations[HYPOTHESIS_ANNOTATION] === "fires-alert";
      assert.ok(e.annotations[fires ? EXERCISES_ANNOTATION : STEADY_STATE_ANNOTATION], e.name);
      assert.equal(e.annotations[fires ? STEADY_STATE_ANNOTATION : EXERCISES_ANNOTATION], undefined, e.name);
    }
  });

  it("dev: the gateway pod-kill's steady state is nginx's own counters, which fire on the first evaluation", async () => {
    const { list } = await experiments("dev");
    const kill = list.filter((e) => e.spec.podChaos?.action === "pod-kill");
    assert.equal(kill.length, 1);
    assert.deepEqual(kill[0].annotations[STEADY_STATE_ANNOTATION].split(","), [
      "GatewayThroughputDrop",
      "GatewayConnectionsDropped",
    ]);
    // A pod kill is over in seconds: a `for` would outlast it and the hypothesis could not fail.
    for (const r of gatewayHypothesisRules("apps", "nginx-gateway")[0].rules) {
      assert.equal(seconds(r.for), 0, r.alert);
      assert.equal(longestRange(r.expr), 60, r.alert);
    }
  });

  it("dev: steady-state pod-failure runs (30 s) are shorter than the for of the SLO alerts that must stay silent", async () => {
    const { list } = await experiments("dev");
    const slo = new Map(renderSloRules()[1].rules.map((r) => [r.alert, r]));
    const steady = list.filter(
      (e) => e.annotations[HYPOTHESIS_ANNOTATION] === "steady-state" && e.spec.podChaos?.action !== "pod-kill",
    );
    assert.ok(steady.length > 0);
    for (const e of steady) {
      const silent = e.annotations[STEADY_STATE_ANNOTATION].split(",");
      assert.deepEqual(silent, ["SLOAvailabilityFastBurn", "SLOLatencyFastBurn"], e.name);
      // Such a run can fire none of them by itself: it tests that the SLO holds, not that an alert fires.
      for (const a of silent) assert.ok(seconds(e.duration) < seconds(slo.get(a)!.for), `${e.name} vs ${a}`);
    }
  });

  it("the 5-minute CPU stress and the 100 ms delay (the old defaults) fail the check", async () => {
    const { config } = await planFor("dev");
    const rules = new Map(
      renderAlertRules()
        .flatMap((g) => g.rules)
        .map((r) => [r.alert, r]),
    );
    const cpu = rules.get("HighPodCPUUsage")!;
    const needed = seconds(cpu.for) + longestRange(cpu.expr) + 2 * seconds(config.observability.scrapeInterval);
    assert.equal(needed, 630);
    assert.ok(seconds("5m") < needed);
    assert.ok(seconds("100ms") * 1000 < config.observability.thresholds.latencyP95Ms);
  });

  it("the chaos SLO alert names are exactly the ones observability renders", () => {
    assert.deepEqual(
      renderSloRules()[1].rules.map((r) => r.alert),
      [...SLO_ALERT_NAMES],
    );
  });
});
