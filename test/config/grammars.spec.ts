import { strict as assert } from "assert";
import { isChaosSchedule, isKedaCron, goDurationSeconds } from "../../components/config/chaos-schedule";
import {
  awsTagKeyProblem,
  awsTagValueProblem,
  GO_DURATION_RE,
  isProtobufDuration,
  KARPENTER_DURATION_RE,
  PROM_DURATION_RE,
} from "../../components/config/primitives";
import { isIanaZone } from "../../components/config/timezones";
import { base, problems } from "./validation-fixture";
import { planFor } from "../helpers/plan";

/**
 * Each value judged by the grammar of the program that consumes it, read at source; accept and
 * reject cases come from those sources, not from the validators:
 * - time zones: Go time.LoadLocation opens IANA names exactly (tzdata 2025b, case-sensitive);
 * - Karpenter: NodePool CRD pattern ^(([0-9]+(s|m|h))+|Never)$ (karpenter-crd v1.14.1);
 * - Prometheus: prometheus/common model.ParseDuration (units y w d h m s ms, largest first, no fractions, "0");
 * - Chaos Mesh: Go time.ParseDuration (fractions, ns us µs μs ms s m h, "0");
 * - Istio: protobuf Duration JSON ("<seconds>[.<up to 9 digits>]s"), at least 1ms where Istio's CEL asks;
 * - KEDA cron: robfig/cron v3.0.1 NewParser(Minute|Hour|Dom|Month|Dow) (keda v2.20.2 cron_scaler.go);
 * - AWS tags: Unicode letters, digits, spaces, _ . : / = + - @; keys 1..127 (EC2), values ..256; no "aws:".
 */
const table = (name: string, accepts: (v: string) => boolean, yes: string[], no: string[]) =>
  it(`${name}: ${yes.length} accepted, ${no.length} refused`, () => {
    for (const v of yes) assert.equal(accepts(v), true, `should accept ${JSON.stringify(v)}`);
    for (const v of no) assert.equal(accepts(v), false, `should refuse ${JSON.stringify(v)}`);
  });

describe("config values in their consumers' grammar", () => {
  table(
    "IANA zone names as Go loads them",
    isIanaZone,
    ["America/New_York", "Europe/Kyiv", "Asia/Kolkata", "Asia/Calcutta", "UTC", "Etc/GMT+5", "EST5EDT", "US/Pacific"],
    ["america/new_york", "America/New York", "Local", "", "Mars/Olympus", "GMT+5", "Europe/Kiev/"],
  );

  table(
    "Karpenter disruption durations",
    (v) => KARPENTER_DURATION_RE.test(v),
    ["30s", "720h", "1h30m", "Never", "0s"],
    ["500ms", "1.5h", "1d", "never", "30", "", "-1h"],
  );

  table(
    "Prometheus durations",
    (v) => PROM_DURATION_RE.test(v) && v !== "",
    ["15s", "360h", "30d", "1w", "1y", "1h30m", "2d12h", "100ms", "0"],
    ["1.5h", "30m1h", "1h1h", "15 s", "1us", "", "-5m"],
  );

  table(
    "Go durations (Chaos Mesh)",
    (v) => GO_DURATION_RE.test(v),
    ["30s", "1.5m", "1h30m", "300us", "300\u00b5s", "300\u03bcs", ".5s", "1.s", "0", "2h45m30.5s"],
    ["30", "1d", "1 h", "-30s", ".s", "", "1w"],
  );

  it("Go durations add up as Go does", () => {
    assert.equal(goDurationSeconds("1h30m"), 5400);
    assert.equal(goDurationSeconds("1.5m"), 90);
    assert.equal(goDurationSeconds(".5s"), 0.5);
    assert.equal(goDurationSeconds("250\u03bcs"), 0.00025);
  });

  table(
    "protobuf Durations (Istio)",
    (v) => isProtobufDuration(v),
    ["30s", "0.5s", "1.000000001s", "0.001s", "315576000000s"],
    ["30", "1m", "0s", "0.0001s", "1.0000000001s", "-1s", "1.s", "315576000001s"],
  );

  table(
    "KEDA cron start/end",
    isKedaCron,
    [
      "0 8 * * 1-5",
      "0 18 * * MON-FRI",
      "*/15 * * * *",
      "0 0 1 jan,jul *",
      "5 4 * * sun",
      "0 9-17/2 * * ?",
      "30 6 * * 0,6",
    ],
    [
      "0 0 8 * * 1-5",
      "@daily",
      "@every 1h",
      "60 * * * *",
      "0 24 * * *",
      "0 0 * * 7",
      "0 0 * * 5-1",
      "*/0 * * * *",
      "0 0 JAN * *",
      "0 0 * *",
    ],
  );

  table(
    "Chaos Mesh schedules",
    isChaosSchedule,
    ["@every 1h", "@every 1.5h", "@hourly", "0 * * * *", "*/30 * * * * *", "0 0 12 * * MON"],
    ["@every 0s", "@every 1d", "@fortnightly", "61 * * * *", "0 0 * * 8", "JAN * * * *"],
  );

  it("AWS tag keys and values", () => {
    for (const k of [
      "team",
      "cost-center",
      "app.kubernetes.io/name",
      "Owner Name",
      "k".repeat(127),
      "Ärger_1:2/3=4+5@6",
    ])
      assert.equal(awsTagKeyProblem(k), undefined, k);
    assert.match(awsTagKeyProblem("")!, /1 to 127 characters \(got 0/);
    assert.match(awsTagKeyProblem("k".repeat(128))!, /1 to 127 characters \(got 128; EC2 takes at most 127\)/);
    assert.match(awsTagKeyProblem("cost#center")!, /letters, digits, spaces and _ \. : \/ = \+ - @/);
    assert.match(awsTagKeyProblem("AWS:team")!, /not starting with "aws:"/);
    for (const v of ["", "v".repeat(256), "prod", "a b"]) assert.equal(awsTagValueProblem(v), undefined, v);
    assert.match(awsTagValueProblem("v".repeat(257))!, /at most 256 characters \(got 257\)/);
    assert.match(awsTagValueProblem("a,b")!, /letters, digits/);
    assert.match(awsTagValueProblem("aws:x")!, /not starting with "aws:"/);
  });
});

describe("config refuses what the consumer would refuse, naming the key", () => {
  it("a zone Node would accept but Go would not", () => {
    const p = problems({ ...base(), autoscaling: { keda: { businessHours: { timezone: "america/new_york" } } } });
    assert.equal(p.length, 1);
    assert.match(p[0], /^platform:autoscaling\.keda\.businessHours\.timezone: got "america\/new_york"; expected/);
  });

  it("a Karpenter duration with milliseconds, and a fractional one", () => {
    const pool = (consolidateAfter: string) => ({ nodePools: [{ name: "general", consolidateAfter }] });
    for (const v of ["500ms", "1.5h"]) {
      const p = problems({ ...base(), karpenter: pool(v) });
      assert.equal(p.length, 1, v);
      assert.equal(
        p[0],
        `platform:karpenter.nodePools[0].consolidateAfter: got "${v}"; expected a Karpenter duration like "30s", "720h" or "1h30m" (units h, m, s; whole numbers)`,
      );
    }
    assert.deepEqual(problems({ ...base(), karpenter: pool("45s") }), []);
  });

  it("a Chaos Mesh duration in Go syntax is accepted; a Prometheus-only unit is not", () => {
    assert.deepEqual(problems({ ...base(), chaos: { podFailure: { duration: "1.5m" } } }), []);
    const p = problems({ ...base(), chaos: { podFailure: { duration: "1d" } } });
    assert.match(p[0], /^platform:chaos\.podFailure\.duration: got "1d"; expected a Go duration/);
  });

  it("a tag key or value AWS refuses", () => {
    const p = problems({ ...base(), tags: { "aws:team": "x", team: "a,b" } });
    assert.deepEqual(p, [
      'platform:tags.aws:team: got "x"; expected a tag key not starting with "aws:" (reserved for AWS), not "aws:team"',
      'platform:tags.team: got "a,b"; expected a tag value of letters, digits, spaces and _ . : / = + - @',
    ]);
  });
});

describe("rendered values in their consumers' grammar (dev plan)", function () {
  this.timeout(180_000);
  it("every KEDA cron trigger's start, end and timezone parse as KEDA parses them", async () => {
    const { plan } = await planFor("dev");
    const crons = plan.resources
      .filter((r) => r.type === "kubernetes:keda.sh/v1alpha1:ScaledObject")
      .flatMap((r) => ((r.inputs.spec as any).triggers as { type: string; metadata: Record<string, string> }[]) ?? [])
      .filter((t) => t.type === "cron");
    assert.ok(crons.length > 0, "no cron trigger planned");
    for (const t of crons) {
      assert.ok(isKedaCron(t.metadata.start), t.metadata.start);
      assert.ok(isKedaCron(t.metadata.end), t.metadata.end);
      assert.ok(isIanaZone(t.metadata.timezone), t.metadata.timezone);
    }
  });
});
