import { strict as assert } from "assert";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  ALERT_NAMES,
  renderAlertRules,
  renderRulesFile,
  type AlertRulesInput,
  type PrometheusRuleGroup,
} from "../../components/observability/rules";
import { PROMTOOL_MISSING, findPromtool, requirePromtool, runPromtool } from "../helpers/promtool";

const FIXTURES = join(__dirname, "fixtures");
const FIXTURE_FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".test.yml"))
  .sort();
const BEHAVIOUR_FILES = FIXTURE_FILES.filter((f) => f !== "annotations.test.yml");

/**
 * promtool compares expected alerts including *all* annotations, so behaviour fixtures
 * run against a copy without annotations (they do not affect firing); annotations.test.yml
 * runs against the full rules to prove the templates render.
 */
function withoutAnnotations(groups: PrometheusRuleGroup[]): unknown[] {
  return groups.map((g) => ({ ...g, rules: g.rules.map(({ annotations: _annotations, ...rule }) => rule) }));
}

/** Writes rules.yml, rules-bare.yml and the fixtures into a fresh directory. */
function workspace(input: AlertRulesInput = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "rules-"));
  const groups = renderAlertRules(input);
  writeFileSync(join(dir, "rules.yml"), renderRulesFile(groups));
  writeFileSync(join(dir, "rules-bare.yml"), renderRulesFile(withoutAnnotations(groups) as PrometheusRuleGroup[]));
  for (const f of FIXTURE_FILES) copyFileSync(join(FIXTURES, f), join(dir, f));
  return dir;
}

describe("promtool helper", () => {
  it("fails with install instructions when promtool is not on PATH", () => {
    assert.equal(findPromtool({ PATH: "/nonexistent" }), undefined);
    assert.throws(
      () => requirePromtool({ PATH: "/nonexistent" }),
      (e: Error) => e.message === PROMTOOL_MISSING,
    );
    assert.match(PROMTOOL_MISSING, /apt-get install -y prometheus/);
  });
});

describe("alert rules against real promtool @integration", () => {
  const dirs: string[] = [];
  const ws = (input?: AlertRulesInput) => {
    const d = workspace(input);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  before(() => {
    // Not a skip: CI installs promtool, so its absence is a broken environment.
    requirePromtool();
  });

  it("has a behaviour fixture for every alert", () => {
    const covered = new Set(
      BEHAVIOUR_FILES.flatMap((f) =>
        [...readFileSync(join(FIXTURES, f), "utf8").matchAll(/alertname: (\w+)/g)].map((m) => m[1]),
      ),
    );
    assert.deepEqual([...covered].sort(), [...ALERT_NAMES].sort());
  });

  it("promtool check rules accepts the rendered default rules", () => {
    const dir = ws();
    const res = runPromtool(["check", "rules", "rules.yml"], dir);
    assert.equal(res.status, 0, res.output);
    assert.match(res.output, /SUCCESS: 9 rules found/);
  });

  it("promtool check rules rejects a broken expression (the check is live)", () => {
    const dir = ws();
    const groups = renderAlertRules();
    groups[0].rules[0] = { ...groups[0].rules[0], expr: "sum by (pod (rate(x[5m]))" };
    writeFileSync(join(dir, "broken.yml"), renderRulesFile(groups));
    const res = runPromtool(["check", "rules", "broken.yml"], dir);
    assert.notEqual(res.status, 0);
    assert.match(res.output, /HighPodCPUUsage|parse error/);
  });

  for (const file of FIXTURE_FILES) {
    it(`promtool test rules ${file}: each alert fires on its condition and not below it or before its for`, () => {
      const res = runPromtool(["test", "rules", file], ws());
      assert.equal(res.status, 0, res.output);
      assert.match(res.output, /SUCCESS/);
    });
  }

  it("fixtures catch thresholds that are too low (the 'just under' series would fire)", () => {
    const dir = ws({
      thresholds: {
        podCpuPercent: 78,
        latencyP95Ms: 195,
        errorRatePercent: 0.8,
        saturationPercent: 83,
      },
    });
    for (const file of ["workloads.test.yml", "nodes.test.yml"]) {
      const res = runPromtool(["test", "rules", file], dir);
      assert.notEqual(res.status, 0, `${file} should fail with lowered thresholds:\n${res.output}`);
    }
  });

  it("fixtures catch a missing for (alerts would fire before their duration)", () => {
    const noWait = Object.fromEntries(
      renderAlertRules()
        .flatMap((g) => g.rules)
        .map((r) => [r.alert, "0s"]),
    );
    const dir = ws({ for: noWait });
    for (const file of BEHAVIOUR_FILES) {
      const res = runPromtool(["test", "rules", file], dir);
      assert.notEqual(res.status, 0, `${file} should fail when for is 0s`);
      // Every alert the fixture covers must be among the failures, not just one of them.
      const covered = new Set(
        [...readFileSync(join(FIXTURES, file), "utf8").matchAll(/alertname: (\w+)/g)].map((m) => m[1]),
      );
      const failing = new Set([...res.output.matchAll(/alertname: (\w+), time:/g)].map((m) => m[1]));
      assert.deepEqual([...failing].sort(), [...covered].sort(), res.output);
    }
  });
});
