import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { stringify } from "yaml";
import { jenkinsSchema } from "../../components/config/sections/jenkins";
import { agentScaledObject } from "../../components/jenkins/agents";
import { PROMETHEUS_PLUGIN, SEED_QUERIES } from "../../components/jenkins/metrics";
import { requirePromtool, runPromtool } from "../helpers/promtool";

/**
 * Names as jenkinsci/prometheus-plugin 852.v317db_5d17a_b_0 builds them (read 2026-12-07):
 * PrometheusConfiguration defaultNamespace "default", ConfigurationUtils.getSubSystem() "jenkins",
 * ExecutorCollector prefix "executors", CollectorType EXECUTORS_AVAILABLE_GAUGE("available"),
 * EXECUTORS_ONLINE_GAUGE("online"), EXECUTORS_QUEUE_LENGTH_GAUGE("queue_length"), joined by "_".
 */
const UPSTREAM = {
  available: ["default", "jenkins", "executors", "available"].join("_"),
  online: ["default", "jenkins", "executors", "online"].join("_"),
  queue: ["default", "jenkins", "executors", "queue_length"].join("_"),
};

type Trigger = { name: string; metricType: string; metadata: { query: string; threshold: string } };
const triggers = (raw: unknown = undefined): Trigger[] =>
  (agentScaledObject(jenkinsSchema.parse(raw)).spec as { triggers: Trigger[] }).triggers;

/** Evaluates each query against `series` at 1m with promtool and returns the single sample's value. */
function evaluate(series: { series: string; values: string }[], cases: { expr: string; value: number }[]): string {
  const dir = mkdtempSync(join(tmpdir(), "jenkins-scaling-"));
  try {
    writeFileSync(join(dir, "empty.yml"), stringify({ groups: [] }));
    const test = {
      rule_files: ["empty.yml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: series,
          promql_expr_test: cases.map((c) => ({
            expr: c.expr,
            eval_time: "1m",
            exp_samples: [{ labels: "{}", value: c.value }],
          })),
        },
      ],
    };
    writeFileSync(join(dir, "test.yml"), stringify(test));
    const r = runPromtool(["test", "rules", "test.yml"], dir);
    assert.equal(r.status, 0, r.output);
    return r.output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** HPA's AverageValue rule that KEDA hands its triggers to: ceil(value / target), the highest trigger wins, clamped. */
const desired = (values: number[], thresholds: number[], min: number, max: number) =>
  Math.min(max, Math.max(min, ...values.map((v, i) => Math.ceil(v / thresholds[i]))));

describe("the agent pool scales on what the Prometheus plugin exports @integration", () => {
  before(() => requirePromtool());

  it("uses the plugin's own names for the pool label, not the seed's", () => {
    const [queue, executors] = triggers();
    assert.equal(PROMETHEUS_PLUGIN.executorsAvailable, UPSTREAM.available);
    assert.ok(queue.metadata.query.includes(`${UPSTREAM.queue}{label="pool"}`));
    assert.ok(executors.metadata.query.includes(`${UPSTREAM.available}{label="pool"}`));
    assert.ok(executors.metadata.query.includes(`${UPSTREAM.online}{label="pool"}`));
    // The seed's available-executors series exists in neither plugin; its queue series is the whole controller's.
    assert.equal(SEED_QUERIES.available.exported, false);
    for (const t of triggers()) assert.ok(!t.metadata.query.includes(SEED_QUERIES.available.seed));
    assert.deepEqual(
      triggers().map((t) => [t.metricType, t.metadata.threshold]),
      [
        ["AverageValue", "2"],
        ["AverageValue", "1"],
      ],
    );
  });

  it("busy pool with a queue: one agent per 2 queued builds, one spare executor beyond those in use", () => {
    const [queue, executors] = triggers();
    const series = [
      { series: `${UPSTREAM.queue}{label="pool"}`, values: "7 7" },
      { series: `${UPSTREAM.online}{label="pool"}`, values: "5 5" },
      { series: `${UPSTREAM.available}{label="pool"}`, values: "0 0" },
      // Another label's queue must not scale the pool.
      { series: `${UPSTREAM.queue}{label="docker"}`, values: "40 40" },
    ];
    evaluate(series, [
      { expr: queue.metadata.query, value: 7 },
      { expr: executors.metadata.query, value: 6 },
    ]);
    assert.equal(desired([7, 6], [2, 1], 2, 20), 6);
  });

  it("idle pool: the seed's floor of 2 holds and spare executors do not add agents", () => {
    const [queue, executors] = triggers();
    const series = [
      { series: `${UPSTREAM.queue}{label="pool"}`, values: "0 0" },
      { series: `${UPSTREAM.online}{label="pool"}`, values: "6 6" },
      { series: `${UPSTREAM.available}{label="pool"}`, values: "6 6" },
    ];
    evaluate(series, [
      { expr: queue.metadata.query, value: 0 },
      { expr: executors.metadata.query, value: 1 },
    ]);
    // The seed's trigger as written (available executors, threshold 1) would ask for 6 agents here.
    assert.equal(desired([6], [1], 2, 20), 6);
    assert.equal(desired([0, 1], [2, 1], 2, 20), 2);
  });

  it("no pool series yet (fresh controller): both queries read 0-based values, not nothing", () => {
    const [queue, executors] = triggers();
    evaluate(
      [{ series: `${UPSTREAM.queue}{label="other"}`, values: "3 3" }],
      [
        { expr: queue.metadata.query, value: 0 },
        { expr: executors.metadata.query, value: 1 },
      ],
    );
  });

  it("a flood caps at the seed's 20; a non-default label and executor count reach the queries", () => {
    const [queue, executors] = triggers({ agents: { label: "heavy", executors: 2, maxReplicas: 12 } });
    assert.ok(queue.metadata.query.includes(`{label="heavy"}`));
    evaluate(
      [
        { series: `${UPSTREAM.queue}{label="heavy"}`, values: "100 100" },
        { series: `${UPSTREAM.online}{label="heavy"}`, values: "10 10" },
        { series: `${UPSTREAM.available}{label="heavy"}`, values: "1 1" },
      ],
      [
        { expr: queue.metadata.query, value: 100 },
        { expr: executors.metadata.query, value: 5 },
      ],
    );
    assert.equal(desired([100, 5], [2, 1], 2, 20), 20);
  });
});
