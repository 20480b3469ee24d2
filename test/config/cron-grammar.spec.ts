import { strict as assert } from "assert";
import fc from "fast-check";
import { goDurationSeconds, isChaosSchedule, isKedaCron, parsesAsCron } from "../../components/config/chaos-schedule";
import { regionTimeZone } from "../../components/config/timezones";

/**
 * Cron as robfig/cron v3.0.1 parses it (parser.go: getRange, getField, parseDescriptor; spec.go's
 * bounds: seconds 0-59, minutes 0-59, hours 0-23, day of month 1-31, month 1-12 or jan..dec, day of
 * week 0-6 or sun..sat, names case-insensitive; "*" and "?" the whole range; a step must be > 0;
 * a lone value with a step runs to the field's max). KEDA's cron scaler (v2.20.2) builds
 * NewParser(Minute | Hour | Dom | Month | Dow); Chaos Mesh's Schedule adds SecondOptional and
 * Descriptor. Durations as Go's time.ParseDuration reads them.
 */
const FIELD_BOUNDS = [
  ["minute", 0, 59],
  ["hour", 0, 23],
  ["day of month", 1, 31],
  ["month", 1, 12],
  ["day of week", 0, 6],
] as const;
const spec = (i: number, v: string) => ["0", "0", "1", "1", "0"].map((d, j) => (j === i ? v : d)).join(" ");

describe("cron and Go durations as their consumers parse them", () => {
  it("each field takes its whole range and refuses one past either end (property)", () => {
    FIELD_BOUNDS.forEach(([name, min, max], i) => {
      fc.assert(
        fc.property(fc.integer({ min, max }), (n) => assert.equal(isKedaCron(spec(i, String(n))), true, name)),
        { numRuns: 20 },
      );
      assert.equal(isKedaCron(spec(i, String(max + 1))), false, `${name} ${max + 1}`);
      if (min > 0) assert.equal(isKedaCron(spec(i, String(min - 1))), false, `${name} ${min - 1}`);
      assert.equal(isKedaCron(spec(i, `${min}-${max}`)), true, `${name} range`);
      assert.equal(isKedaCron(spec(i, `${min}-${max + 1}`)), false, `${name} range past max`);
    });
  });

  it("ranges, lists and steps", () => {
    for (const ok of [
      "5/15 * * * *",
      "0-30/10 * * * *",
      "1,2,3 * * * *",
      "? * * * *",
      "0 9-17/2 * * ?",
      "*/59 * * * *",
    ])
      assert.equal(isKedaCron(ok), true, ok);
    for (const bad of [
      "*/0 * * * *",
      "0-30/0 * * * *",
      "*/x * * * *",
      "*/-2 * * * *",
      "1/2/3 * * * *",
      "1-2-3 * * * *",
      "30-10 * * * *",
      "-1 * * * *",
      "60/5 * * * *",
      "1,,2 * * * *",
      "a * * * *",
      "1.5 * * * *",
    ])
      assert.equal(isKedaCron(bad), false, bad);
  });

  it("month and weekday names, any case, only in their own field", () => {
    for (const ok of ["0 0 1 jan *", "0 0 1 DEC *", "0 0 * * Sat", "0 0 * * mon-fri", "0 0 1 jan-dec/2 *"])
      assert.equal(isKedaCron(ok), true, ok);
    for (const bad of ["0 0 1 * jan", "0 0 1 sun *", "jan 0 1 * *", "0 mon * * *", "0 0 1 janu *"])
      assert.equal(isKedaCron(bad), false, bad);
  });

  it("KEDA takes five fields only; Chaos Mesh also six (seconds first) and descriptors", () => {
    assert.equal(isKedaCron("0 0 9 * * 1-5"), false);
    assert.equal(isKedaCron("0 9 * *"), false);
    assert.equal(isKedaCron(""), false);
    assert.equal(isKedaCron("@hourly"), false);
    assert.equal(isKedaCron("0  9 *  * 1-5"), true);
    assert.equal(isChaosSchedule("30 0 9 * * 1-5"), true);
    assert.equal(isChaosSchedule("59 0 9 * * *"), true);
    assert.equal(isChaosSchedule("60 0 9 * * *"), false);
    assert.equal(isChaosSchedule("0 0 0 9 * * *"), false);
    assert.equal(isChaosSchedule("0 9 * * 1-5"), true);
    assert.equal(isChaosSchedule("0 24 * * *"), false);
    for (const d of ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"])
      assert.equal(isChaosSchedule(d), true, d);
    for (const bad of ["@fortnightly", "@every", "@every ", "@every 0s", "@every 0", "@every 1d", "@", "@HOURLY"])
      assert.equal(isChaosSchedule(bad), false, bad);
    for (const ok of ["@every 1h30m", "@every 1.5h", "@every 500ms", "@every 1us"])
      assert.equal(isChaosSchedule(ok), true, ok);
  });

  it("a leading CRON_TZ= or TZ= names an IANA zone", () => {
    assert.equal(isKedaCron("CRON_TZ=America/New_York 0 9 * * 1-5"), true);
    assert.equal(isKedaCron("TZ=Europe/Dublin 0 9 * * 1-5"), true);
    assert.equal(isKedaCron("TZ=america/new_york 0 9 * * 1-5"), false);
    assert.equal(isKedaCron("TZ=UTC "), false);
    assert.equal(isKedaCron("TZ=UTC 0 9 * * 1-5 "), true);
    assert.equal(isKedaCron("XTZ=UTC 0 9 * * 1-5"), false);
    assert.equal(isChaosSchedule("TZ=UTC @daily"), true);
    assert.equal(parsesAsCron("TZ=UTC @daily", { secondOptional: false, descriptors: false }), false);
    assert.equal(parsesAsCron("0 0 9 * * *", { secondOptional: true, descriptors: false }), true);
    assert.equal(parsesAsCron("@every 2m", { secondOptional: false, descriptors: true }), true);
  });

  it("Go durations in seconds, unit by unit", () => {
    assert.equal(goDurationSeconds("1h"), 3600);
    assert.equal(goDurationSeconds("2m"), 120);
    assert.equal(goDurationSeconds("3s"), 3);
    assert.equal(goDurationSeconds("4ms"), 0.004);
    assert.equal(goDurationSeconds("1us"), 1e-6);
    assert.equal(goDurationSeconds("1\u00b5s"), 1e-6);
    assert.equal(goDurationSeconds("1\u03bcs"), 1e-6);
    assert.equal(goDurationSeconds("1ns"), 1e-9);
    assert.equal(goDurationSeconds("1h2m3.5s"), 3723.5);
    assert.equal(goDurationSeconds("0"), 0);
  });

  it("a region's schedule zone is its city's, unless overridden", () => {
    // aws-regions.html: eu-west-1 is Ireland, ap-northeast-1 Tokyo, us-west-2 Oregon.
    assert.equal(regionTimeZone("eu-west-1"), "Europe/Dublin");
    assert.equal(regionTimeZone("ap-northeast-1"), "Asia/Tokyo");
    assert.equal(regionTimeZone("us-west-2"), "America/Los_Angeles");
    assert.equal(regionTimeZone("us-west-2", "UTC"), "UTC");
    assert.throws(
      () => regionTimeZone("mars-north-1"),
      /^Error: region mars-north-1: no time zone in components\/config\/region-facts\.ts$/,
    );
  });
});
