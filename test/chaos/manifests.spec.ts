import { strict as assert } from "assert";
import {
  EXERCISES_ANNOTATION,
  HYPOTHESIS_ANNOTATION,
  STEADY_STATE_ANNOTATION,
  chaosSchedule,
  experimentFromSchedule,
  type ChaosScheduleManifest,
} from "../../components/chaos/manifests";
import { planChaosExperiments, validateChaosPlan, type ChaosPlanInput } from "../../components/chaos/plan";
import { chaosSchema } from "../../components/config/sections/operations";
import { renderAlertRules } from "../../components/observability/rules";
import { renderSloRules } from "../../components/observability/slo";
import { gatewayHypothesisRules } from "../../components/chaos/hypotheses";
import { experimentSchema, scheduleSchema, schemaErrors } from "./chaos-mesh-schema";
import { SERVICES, delay, kill, podFailure, stress } from "./inputs";

const FAST_BURNS = "SLOAvailabilityFastBurn,SLOLatencyFastBurn";
/** The gateway pod-kill reads nginx's own counters (components/chaos/hypotheses.ts). */
const GATEWAY_COUNTERS = "GatewayThroughputDrop,GatewayConnectionsDropped";

function plan(): ChaosPlanInput {
  return { ...chaosSchema.parse({}), namespace: "apps", services: SERVICES };
}

describe("chaosSchedule builders", () => {
  it("pod-failure: seed 002 (20% of pods, 30s, every hour), Forbid, scoped selector", () => {
    assert.deepEqual(chaosSchedule(podFailure).spec, {
      schedule: "@every 1h",
      concurrencyPolicy: "Forbid",
      historyLimit: 3,
      type: "PodChaos",
      podChaos: {
        action: "pod-failure",
        mode: "fixed-percent",
        value: "20",
        duration: "30s",
        selector: { namespaces: ["apps"], labelSelectors: { "app.kubernetes.io/name": "user-service" } },
      },
    });
  });

  it("network delay: all egress of the target's pods (direction to, no target filter: ambient traffic arrives as HBONE)", () => {
    const s = chaosSchedule({ ...delay, jitter: "10ms", correlation: "25" }).spec;
    assert.equal(s.type, "NetworkChaos");
    // Chaos Mesh 2.8.3 ApplyTc: with no target pods and no externalTargets, netem goes on eth0
    // without an ipset filter, so every reply the pod sends waits `latency`.
    assert.deepEqual(s.networkChaos, {
      action: "delay",
      mode: "all",
      selector: { namespaces: ["apps"], labelSelectors: { "app.kubernetes.io/name": "activity-service" } },
      direction: "to",
      delay: { latency: "250ms", correlation: "25", jitter: "10ms" },
      duration: "2m",
    });
    assert.ok(!("target" in s.networkChaos!) && !("externalTargets" in s.networkChaos!));
  });

  it("cpu stress: stressors.cpu workers and load on the service", () => {
    const s = chaosSchedule(stress).spec;
    assert.equal(s.type, "StressChaos");
    assert.deepEqual(s.stressChaos?.stressors, { cpu: { workers: 1, load: 80 } });
    assert.deepEqual(s.stressChaos?.selector.labelSelectors, { "app.kubernetes.io/name": "user-service" });
  });

  it("gateway pod-kill kills one pod at a time", () => {
    const pc = chaosSchedule(kill).spec.podChaos!;
    assert.deepEqual(
      [pc.action, pc.mode, pc.value, pc.gracePeriod, pc.duration],
      ["pod-kill", "one", undefined, 0, "30s"],
    );
  });

  it("honours a custom pod label key and history limit", () => {
    const s = chaosSchedule({
      ...podFailure,
      historyLimit: 7,
      target: { namespace: "apps", service: "user-service", labelKey: "app" },
    });
    assert.equal(s.spec.historyLimit, 7);
    assert.deepEqual(s.spec.podChaos?.selector.labelSelectors, { app: "user-service" });
  });

  it("annotates each experiment's hypothesis: the alerts it fires, or the ones that must stay silent", () => {
    const alerts = new Set(
      [...renderAlertRules(), ...renderSloRules(), ...gatewayHypothesisRules("apps", "nginx-gateway")].flatMap((g) =>
        g.rules.map((r) => r.alert),
      ),
    );
    const got = [podFailure, delay, stress, kill].map((i) => chaosSchedule(i).metadata.annotations);
    assert.deepEqual(got, [
      { [HYPOTHESIS_ANNOTATION]: "steady-state", [STEADY_STATE_ANNOTATION]: FAST_BURNS },
      { [HYPOTHESIS_ANNOTATION]: "fires-alert", [EXERCISES_ANNOTATION]: "HighRequestLatencyP95" },
      { [HYPOTHESIS_ANNOTATION]: "fires-alert", [EXERCISES_ANNOTATION]: "HighPodCPUUsage" },
      { [HYPOTHESIS_ANNOTATION]: "steady-state", [STEADY_STATE_ANNOTATION]: GATEWAY_COUNTERS },
    ]);
    for (const a of got)
      for (const name of (a[EXERCISES_ANNOTATION] ?? a[STEADY_STATE_ANNOTATION]).split(","))
        assert.ok(alerts.has(name as never), `${name} is not a rendered alert`);
    assert.equal(
      chaosSchedule({ ...stress, exercises: ["HighPodCPUUsage", "HPAMaxedOut"] }).metadata.annotations[
        EXERCISES_ANNOTATION
      ],
      "HighPodCPUUsage,HPAMaxedOut",
    );
  });

  it("every Schedule and its standalone experiment pass the Chaos Mesh schema", () => {
    for (const input of [podFailure, delay, stress, kill]) {
      const s = chaosSchedule(input);
      assert.deepEqual(schemaErrors(scheduleSchema, s), [], input.name);
      const e = experimentFromSchedule(s);
      assert.equal(e.kind, s.spec.type);
      assert.deepEqual(schemaErrors(experimentSchema, e), [], input.name);
    }
  });
});

describe("Chaos Mesh schema (negative cases: the schema is live)", () => {
  const good = () => chaosSchedule(podFailure) as ChaosScheduleManifest;

  it("rejects a cluster-wide selector", () => {
    const s = good();
    s.spec.podChaos!.selector = { namespaces: [], labelSelectors: {} };
    assert.deepEqual(schemaErrors(scheduleSchema, s), [
      "spec.podChaos.selector.namespaces: selector.namespaces must scope the experiment",
      "spec.podChaos.selector.labelSelectors: labelSelectors must not be empty",
    ]);
  });

  it("rejects a missing duration, a bad mode value and unknown fields", () => {
    const s = good() as unknown as { spec: { podChaos: Record<string, unknown> } };
    delete s.spec.podChaos.duration;
    s.spec.podChaos.value = "120";
    s.spec.podChaos.scheduler = { cron: "@every 1h" }; // the pre-2.0 field from seed 002
    const errors = schemaErrors(scheduleSchema, s);
    assert.ok(
      errors.some((e) => e.startsWith("spec.podChaos.duration:")),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => e.includes("scheduler")),
      errors.join("\n"),
    );
    const s2 = good();
    s2.spec.podChaos!.value = "120";
    assert.deepEqual(schemaErrors(scheduleSchema, s2), ["spec.podChaos: percent value must be 0..100"]);
  });

  it("rejects an embedded spec that does not match type, and long names", () => {
    const s = good();
    s.spec.type = "NetworkChaos";
    s.metadata.name = "x".repeat(58);
    assert.deepEqual(schemaErrors(scheduleSchema, s), [
      "metadata.name: Schedule names are limited to 57 characters",
      "spec.podChaos: spec.podChaos does not match type NetworkChaos",
      "spec.networkChaos: type NetworkChaos requires spec.networkChaos",
    ]);
  });

  it("rejects a delay without latency pattern and a delay action without delay", () => {
    const s = chaosSchedule(delay);
    s.spec.networkChaos!.delay.latency = "100 ms";
    assert.ok(schemaErrors(scheduleSchema, s).some((e) => e.startsWith("spec.networkChaos.delay.latency:")));
    const s2 = chaosSchedule(delay) as unknown as { spec: { networkChaos: Record<string, unknown> } };
    delete s2.spec.networkChaos.delay;
    assert.deepEqual(schemaErrors(scheduleSchema, s2), ["spec.networkChaos: action delay requires delay"]);
  });
});

describe("planChaosExperiments (from platform:chaos config)", () => {
  it("plans one pod-failure per target plus delay, stress and gateway kill, all schema-valid", () => {
    const schedules = planChaosExperiments(plan());
    assert.deepEqual(
      schedules.map((s) => [s.metadata.name, s.spec.type, s.spec.schedule]),
      [
        ["chaos-pod-failure-user-service", "PodChaos", "@every 1h"],
        ["chaos-pod-failure-activity-service", "PodChaos", "@every 1h"],
        ["chaos-pod-failure-notification-service", "PodChaos", "@every 1h"],
        ["chaos-delay-activity-service", "NetworkChaos", "@every 6h"],
        ["chaos-cpu-stress-user-service", "StressChaos", "@every 12h"],
        ["chaos-pod-kill-gateway", "PodChaos", "@every 2h"],
      ],
    );
    schedules.forEach((s) => assert.deepEqual(schemaErrors(scheduleSchema, s), [], s.metadata.name));
    assert.ok(schedules.every((s) => JSON.stringify(s.spec).includes('"namespaces":["apps"]')));
  });

  it("reports problems with platform:chaos key paths", () => {
    const p = plan();
    p.podFailure = { ...p.podFailure, targets: ["user-service", "billing"], percent: 150 };
    p.networkDelay = { ...p.networkDelay, latency: "100 ms" };
    assert.deepEqual(
      validateChaosPlan(p).map((i) => `${i.path}: ${JSON.stringify(i.value)}`),
      [
        "platform:chaos.podFailure.percent: 150",
        'platform:chaos.podFailure.targets[1]: "billing"',
        'platform:chaos.networkDelay.latency: "100 ms"',
      ],
    );
    assert.throws(() => planChaosExperiments(p), /^Error: Invalid chaos experiment \(3 problems\):/);
  });
});
