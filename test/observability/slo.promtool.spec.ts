import { strict as assert } from "assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import {
  BURN_WINDOWS,
  SEED_003_SLOS,
  SLO_ALERT_NAMES,
  renderSloRules,
  type Slo,
} from "../../components/observability/slo";
import { requirePromtool, runPromtool } from "../helpers/promtool";

const FIXTURE = join(__dirname, "slo-fixtures", "slo.test.yml");

/** Rules without annotations (promtool compares all annotations of expected alerts). */
function workspace(slos: readonly Slo[] = SEED_003_SLOS): string {
  const dir = mkdtempSync(join(tmpdir(), "slo-"));
  const groups = renderSloRules("platform", slos).map((g) => ({
    ...g,
    rules: (g.rules as unknown as Record<string, unknown>[]).map(({ annotations: _a, ...r }) => r),
  }));
  writeFileSync(join(dir, "slo-bare.yml"), stringify({ groups }, { lineWidth: 0 }));
  writeFileSync(join(dir, "slo.yml"), stringify({ groups: renderSloRules() }, { lineWidth: 0 }));
  copyFileSync(FIXTURE, join(dir, "slo.test.yml"));
  return dir;
}

describe("SLO rules (seed 003)", () => {
  it("renders 14 SLI recording rules (2 SLOs x 7 windows) and 4 multi-window burn alerts", () => {
    const [sli, burn] = renderSloRules();
    assert.equal(sli.name, "platform.slo-sli");
    assert.equal(sli.rules.length, 14);
    assert.deepEqual(
      burn.rules.map((r) => r.alert),
      ["SLOAvailabilityFastBurn", "SLOAvailabilitySlowBurn", "SLOLatencyFastBurn", "SLOLatencySlowBurn"],
    );
    assert.deepEqual(
      [...SLO_ALERT_NAMES],
      burn.rules.map((r) => r.alert),
    );
  });

  it("encodes the SRE workbook pairs: 14.4x 1h/5m and 6x 6h/30m page, 3x 1d/2h and 1x 3d/6h ticket", () => {
    assert.deepEqual(
      BURN_WINDOWS.map((b) => [b.factor, b.long, b.short, b.action]),
      [
        [14.4, "1h", "5m", "page"],
        [6, "6h", "30m", "page"],
        [3, "1d", "2h", "ticket"],
        [1, "3d", "6h", "ticket"],
      ],
    );
    const fast = renderSloRules()[1].rules.find((r) => r.alert === "SLOAvailabilityFastBurn")!;
    assert.equal(
      fast.expr,
      "(slo:sli_error:ratio_rate1h:availability > 0.00144 and slo:sli_error:ratio_rate5m:availability > 0.00144)" +
        " or (slo:sli_error:ratio_rate6h:availability > 0.0006 and slo:sli_error:ratio_rate30m:availability > 0.0006)",
    );
    const sli = renderSloRules()[0].rules as unknown as { record: string; expr: string }[];
    assert.equal(
      sli.find((r) => r.record === "slo:sli_error:ratio_rate5m:latency")!.expr,
      '1 - sum by (destination_service_namespace, destination_service_name) (rate(istio_request_duration_milliseconds_bucket{reporter="waypoint",le=~"100(\\\\.0)?"}[5m]))' +
        ' / sum by (destination_service_namespace, destination_service_name) (rate(istio_request_duration_milliseconds_count{reporter="waypoint"}[5m]))',
    );
  });
});

describe("SLO rules against real promtool @integration", () => {
  const dirs: string[] = [];
  const ws = (slos?: readonly Slo[]) => {
    const d = workspace(slos);
    dirs.push(d);
    return d;
  };
  before(() => requirePromtool());
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("promtool check rules accepts the rendered SLO rules", () => {
    const res = runPromtool(["check", "rules", "slo.yml"], ws());
    assert.equal(res.status, 0, res.output);
    assert.match(res.output, /SUCCESS: 18 rules found/);
  });

  it("promtool test rules: fast burn pages, slow burn tickets only, no burn stays silent", () => {
    const res = runPromtool(["test", "rules", "slo.test.yml"], ws());
    assert.equal(res.status, 0, res.output);
    assert.match(res.output, /SUCCESS/);
    const fixture = readFileSync(FIXTURE, "utf8");
    for (const name of SLO_ALERT_NAMES) assert.match(fixture, new RegExp(`alertname: ${name}\\b`));
  });

  it("the fixture catches a looser objective (99.9 %: the 5x slow burn would no longer ticket)", () => {
    const loose = SEED_003_SLOS.map((s) => (s.name === "availability" ? { ...s, objective: 0.999 } : s));
    const res = runPromtool(["test", "rules", "slo.test.yml"], ws(loose));
    assert.notEqual(res.status, 0, res.output);
    assert.match(res.output, /alertname: SLOAvailability(Slow|Fast)Burn/);
  });
});
