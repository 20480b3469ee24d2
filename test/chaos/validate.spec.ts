import { strict as assert } from "assert";
import { chaosSchedule, isChaosSchedule, validateChaosExperiment } from "../../components/chaos/manifests";
import { SERVICES, delay, kill, podFailure, stress, target } from "./inputs";

describe("validateChaosExperiment", () => {
  it("accepts the seed experiments", () => {
    for (const input of [podFailure, delay, stress, kill])
      assert.deepEqual(validateChaosExperiment(input, { knownServices: [...SERVICES, "gateway"] }), []);
  });

  it("names key, value and expectation for each problem", () => {
    assert.deepEqual(
      validateChaosExperiment(
        { ...podFailure, duration: "30 s", schedule: "every hour", percent: 101, target: target("billing") },
        { knownServices: SERVICES },
      ),
      [
        {
          path: "pf-user.schedule",
          value: "every hour",
          expected: 'a cron expression ("0 * * * *"), a descriptor like "@hourly", or "@every 1h"',
        },
        {
          path: "pf-user.duration",
          value: "30 s",
          expected: 'a positive Go duration like "30s", "5m" or "1h30m" (no spaces)',
        },
        {
          path: "pf-user.target.service",
          value: "billing",
          expected: "a configured service (frontend, user-service, activity-service, notification-service)",
        },
        { path: "pf-user.percent", value: 101, expected: "an integer percentage between 1 and 100" },
      ],
    );
    assert.deepEqual(validateChaosExperiment({ ...podFailure, percent: 0 }), [
      { path: "pf-user.percent", value: 0, expected: "an integer percentage between 1 and 100" },
    ]);
  });

  it("rejects a run as long as its interval, a namespace-less target and unknown alerts", () => {
    const input = {
      ...stress,
      duration: "12h",
      target: { namespace: "", service: "user-service" },
      exercises: ["CpuHigh"],
    };
    assert.deepEqual(
      validateChaosExperiment(input).map((i) => i.path),
      ["stress.duration", "stress.exercises[0]", "stress.target.namespace"],
    );
    assert.equal(
      validateChaosExperiment(input)[0].expected,
      "shorter than the schedule interval (12h), or the fault never lifts",
    );
  });

  it("checks delay, stress and kill specifics", () => {
    assert.deepEqual(
      validateChaosExperiment({
        ...delay,
        latency: "100",
        jitter: "1 ms",
        correlation: "150",
        target: { namespace: "apps", service: "" },
      }).map((i) => `${i.path}=${JSON.stringify(i.value)}`),
      ['delay.target.service=""', 'delay.latency="100"', 'delay.jitter="1 ms"', 'delay.correlation="150"'],
    );
    assert.deepEqual(validateChaosExperiment({ ...podFailure, exercises: ["HighErrorRate"] }), [
      {
        path: "pf-user.exercises",
        value: ["HighErrorRate"],
        expected: "omitted: pod-failure is a steady-state experiment (it names alerts that must stay silent)",
      },
    ]);
    assert.deepEqual(
      validateChaosExperiment({ ...stress, workers: 0, load: 150 }).map((i) => i.path),
      ["stress.workers", "stress.load"],
    );
    assert.deepEqual(
      validateChaosExperiment({ ...kill, gracePeriod: -1 }).map((i) => i.path),
      ["kill-gw.gracePeriod"],
    );
  });

  it("builders throw one readable report", () => {
    assert.throws(
      () => chaosSchedule({ ...podFailure, duration: "30 s", percent: 0 }),
      (e: Error) =>
        e.message ===
        'Invalid chaos experiment (2 problems):\n  - pf-user.duration: got "30 s"; expected a positive Go duration like "30s", "5m" or "1h30m" (no spaces)\n  - pf-user.percent: got 0; expected an integer percentage between 1 and 100',
    );
  });

  it("isChaosSchedule follows the robfig/cron parser Chaos Mesh uses", () => {
    for (const ok of [
      "@every 1h",
      "@every 1h30m",
      "@hourly",
      "0 * * * *",
      "*/15 9-17 * * MON-FRI",
      "30 0 * * * *",
      "0 0 1 JAN *",
    ])
      assert.ok(isChaosSchedule(ok), ok);
    for (const bad of [
      "every hour",
      "@every",
      "@every 1 h",
      "61 * * * *",
      "* * * *",
      "0 24 * * *",
      "* * 0 * *",
      "*/0 * * * *",
      "@every 0s",
    ])
      assert.ok(!isChaosSchedule(bad), bad);
  });
});
