import { strict as assert } from "assert";
import { ConfigError, formatIssue } from "../../components/config";
import { loadStandIn } from "../helpers/stand-in";

/** The formatted problems for a dev config with `cfg` merged in, or [] when it loads. */
function problems(cfg: Record<string, unknown>): string[] {
  const raw: Record<string, unknown> = {
    environment: "dev",
    regions: [{ name: "us-east-1", vpcCidr: "10.10.0.0/16" }],
    ...cfg,
  };
  try {
    loadStandIn(
      Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [`platform:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
      ),
      { project: "platform", stack: "test" },
    );
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.issues.map(formatIssue);
  }
}

describe("config: platform:chaos and platform:observability bad input", () => {
  it("accepts the defaults (dev: chaos on)", () => assert.deepEqual(problems({}), []));

  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "a duration with a space",
      { chaos: { podFailure: { duration: "30 s" } } },
      [
        'platform:chaos.podFailure.duration: got "30 s"; expected a Go duration like "30s", "1.5m" or "1h30m" (units ns, us, ms, s, m, h)',
      ],
    ],
    [
      "a zero duration",
      { chaos: { podFailure: { duration: "0s" } } },
      ['platform:chaos.podFailure.duration: got "0s"; expected a positive duration (a zero-length fault never runs)'],
    ],
    [
      "a run as long as its interval",
      { chaos: { podFailure: { duration: "2h" } } },
      ['platform:chaos.podFailure.duration: got "2h"; expected shorter than the schedule interval (1h)'],
    ],
    [
      "a cron minute out of range",
      { chaos: { podFailure: { schedule: "61 * * * *" } } },
      ['platform:chaos.podFailure.schedule: got "61 * * * *"; expected a cron expression ("0 * * * *") or "@every 1h"'],
    ],
    [
      "a schedule in prose",
      { chaos: { cpuStress: { schedule: "every hour" } } },
      ['platform:chaos.cpuStress.schedule: got "every hour"; expected a cron expression ("0 * * * *") or "@every 1h"'],
    ],
    [
      "a percent of 0",
      { chaos: { podFailure: { percent: 0 } } },
      ["platform:chaos.podFailure.percent: got 0; expected a percentage between 1 and 100"],
    ],
    [
      "a CPU load of 101%",
      { chaos: { cpuStress: { load: 101 } } },
      ["platform:chaos.cpuStress.load: got 101; expected a percentage between 1 and 100"],
    ],
    [
      "an unknown and a repeated target",
      { chaos: { podFailure: { targets: ["user-service", "ghost", "user-service"] } } },
      [
        'platform:chaos.podFailure.targets[1]: got "ghost"; expected a configured service (frontend, user-service, activity-service, notification-service, notification-worker)',
        'platform:chaos.podFailure.targets: got "user-service"; expected each service listed once (one Schedule per target)',
      ],
    ],
    [
      "an unknown CPU stress target",
      { chaos: { cpuStress: { target: "billing" } } },
      [
        'platform:chaos.cpuStress.target: got "billing"; expected a configured service (frontend, user-service, activity-service, notification-service, notification-worker)',
      ],
    ],
    [
      "network delay to a worker",
      { chaos: { networkDelay: { target: "notification-worker" } } },
      [
        'platform:chaos.networkDelay.target: got "notification-worker"; expected a web service (HighRequestLatencyP95 reads the mesh latency of web services only)',
      ],
    ],
    [
      "a delay at or below the p95 alert threshold (the old 100 ms default, and 200 ms)",
      { chaos: { networkDelay: { latency: "200ms" } } },
      [
        'platform:chaos.networkDelay.latency: got "200ms"; expected more than platform:observability.thresholds.latencyP95Ms (200ms), or HighRequestLatencyP95 cannot fire',
      ],
    ],
    [
      "a delay as long as the readiness probe timeout (probe replies are delayed too)",
      { chaos: { networkDelay: { latency: "2s" } } },
      [
        'platform:chaos.networkDelay.latency: got "2s"; expected less than activity-service\'s shortest probe timeout (2s): its probe replies are delayed too',
      ],
    ],
    [
      "a delay and a stress too short to outlast their alerts (the old 5-minute CPU stress)",
      { chaos: { networkDelay: { duration: "10m" }, cpuStress: { duration: "5m" } } },
      [
        'platform:chaos.networkDelay.duration: got "10m"; expected at least 630s (HighRequestLatencyP95: for 5m + rate window 5m + 2 scrapes of 15s), or the alert it claims cannot fire',
        'platform:chaos.cpuStress.duration: got "5m"; expected at least 630s (HighPodCPUUsage: for 5m + rate window 5m + 2 scrapes of 15s), or the alert it claims cannot fire',
      ],
    ],
    [
      "a threshold the default delay no longer crosses",
      { observability: { thresholds: { latencyP95Ms: 300 } } },
      [
        'platform:chaos.networkDelay.latency: got "250ms"; expected more than platform:observability.thresholds.latencyP95Ms (300ms), or HighRequestLatencyP95 cannot fire',
      ],
    ],
    [
      "a compound latency",
      { chaos: { networkDelay: { latency: "1s500ms" } } },
      ['platform:chaos.networkDelay.latency: got "1s500ms"; expected a positive delay with one unit, like "100ms"'],
    ],
    [
      "too many stress workers",
      { chaos: { cpuStress: { workers: 9000 } } },
      ["platform:chaos.cpuStress.workers: got 9000; expected at most 8192 stress-ng workers"],
    ],
    [
      "a severity routed twice",
      {
        observability: {
          alertRoutes: [
            { severity: "critical", receiver: "sns" },
            { severity: "critical", receiver: "null" },
          ],
        },
      },
      ['platform:observability.alertRoutes[1].severity: got "critical"; expected each severity routed once'],
    ],
    [
      "an unknown severity and receiver",
      { observability: { alertRoutes: [{ severity: "page", receiver: "pagerduty" }] } },
      [
        'platform:observability.alertRoutes[0].severity: got "page"; expected "critical", "warning" or "info"',
        'platform:observability.alertRoutes[0].receiver: got "pagerduty"; expected "sns" or "null"',
      ],
    ],
  ];
  for (const [what, cfg, expected] of cases) it(`rejects ${what}`, () => assert.deepEqual(problems(cfg), expected));

  it("reports every schema problem at once, then every cross-field problem at once", () => {
    assert.deepEqual(problems({ chaos: { podFailure: { percent: 150, duration: "30 s" }, cpuStress: { load: 0 } } }), [
      "platform:chaos.podFailure.percent: got 150; expected a percentage between 1 and 100",
      'platform:chaos.podFailure.duration: got "30 s"; expected a Go duration like "30s", "1.5m" or "1h30m" (units ns, us, ms, s, m, h)',
      "platform:chaos.cpuStress.load: got 0; expected a percentage between 1 and 100",
    ]);
    assert.equal(
      problems({ chaos: { podFailure: { duration: "0s", schedule: "@every" }, networkDelay: { target: "ghost" } } })
        .length,
      3,
    );
  });
});
