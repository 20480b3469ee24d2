import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "fs";
import { createServer } from "net";
import { tmpdir } from "os";
import { delimiter, dirname, join } from "path";
import { stringify } from "yaml";
import { ABORT_ALERTS, abortCheckUrl, abortQuery, productionPodFailure } from "../../components/chaos/production";
import { renderSloRules } from "../../components/observability/slo";
import { requirePromtool, runPromtool } from "../helpers/promtool";

/**
 * The production experiment's abort condition on real Prometheus binaries (Debian package
 * `prometheus`, the one that provides promtool; or PROMETHEUS=/path). It must fail, not skip,
 * when they are missing.
 * 1. promtool: on the real SLO rules, the abort query evaluates to {} 1 while no burn alert
 *    fires and is an execution error once SLOAvailabilityFastBurn fires.
 * 2. prometheus (loopback): the Workflow's own URL answers HTTP 200 with no firing alert and
 *    HTTP 422 while one fires: the status code Chaos Mesh's HTTP StatusCheck compares.
 */
function requirePrometheus(): string {
  const dirs = [process.env.PROMETHEUS ? dirname(process.env.PROMETHEUS) : "", dirname(requirePromtool())];
  const candidates = [
    process.env.PROMETHEUS,
    ...[...dirs, ...(process.env.PATH ?? "").split(delimiter)].map((d) => join(d, "prometheus")),
  ];
  const found = candidates.find((c): c is string => {
    try {
      accessSync(c ?? "", constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found)
    throw new Error(
      "prometheus not found: install the Debian package `prometheus` (it ships promtool too) or set PROMETHEUS=/path",
    );
  return found;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const BURN = (code: string, perMinute: number) => ({
  series: `istio_requests_total{reporter="waypoint",destination_service_namespace="apps",destination_service_name="user-service",response_code="${code}"}`,
  values: `0+${perMinute}x30`,
});

describe("production chaos abort query on real Prometheus @integration", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "abort-"));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const query = abortQuery(ABORT_ALERTS, "apps");

  it("promtool, real SLO rules: {} 1 before the fast burn fires, an execution error once it fires", () => {
    const dir = tmp();
    const groups = renderSloRules().map((g) => ({
      ...g,
      rules: (g.rules as unknown as Record<string, unknown>[]).map(({ annotations: _a, ...r }) => r),
    }));
    writeFileSync(join(dir, "slo.yml"), stringify({ groups }, { lineWidth: 0 }));
    // 1 % 5xx = 100x the 99.99 % budget: SLOAvailabilityFastBurn pends from 1m and fires from 3m (for 2m).
    const test = (evalTime: string) => ({
      rule_files: ["slo.yml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [BURN("200", 990), BURN("503", 10)],
          promql_expr_test: [{ expr: query, eval_time: evalTime, exp_samples: [{ labels: "{}", value: 1 }] }],
        },
      ],
    });
    writeFileSync(join(dir, "quiet.test.yml"), stringify(test("2m")));
    writeFileSync(join(dir, "burning.test.yml"), stringify(test("5m")));
    const quiet = runPromtool(["test", "rules", "quiet.test.yml"], dir);
    assert.equal(quiet.status, 0, quiet.output);
    const burning = runPromtool(["test", "rules", "burning.test.yml"], dir);
    assert.notEqual(burning.status, 0, burning.output);
    assert.match(burning.output, /found duplicate series for the match group \{\} on the right hand-side/);
  });

  describe("loopback prometheus: the Workflow's URL, status codes", () => {
    let proc: ChildProcess | undefined;
    let base = "";
    before(async function () {
      this.timeout(40_000);
      const bin = requirePrometheus();
      const dir = tmp();
      // Stand-ins with the real alert names and the labels the real rules put on them (promtool case above).
      const rule = (alert: string, namespace: string) => ({
        alert,
        expr: "vector(1)",
        labels: { destination_service_namespace: namespace, destination_service_name: "user-service" },
      });
      const rules = [rule(ABORT_ALERTS[0], "apps"), rule(ABORT_ALERTS[1], "other")];
      writeFileSync(join(dir, "rules.yml"), stringify({ groups: [{ name: "stand-in", interval: "1s", rules }] }));
      writeFileSync(
        join(dir, "prometheus.yml"),
        stringify({ global: { evaluation_interval: "1s" }, rule_files: ["rules.yml"] }),
      );
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      proc = spawn(
        bin,
        [
          `--config.file=${join(dir, "prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: "ignore" },
      );
      await until("prometheus ready", async () => ((await fetch(`${base}/-/ready`)).ok ? true : undefined));
      await until("two firing ALERTS series", async () => {
        const r = await fetch(`${base}/api/v1/query?query=${encodeURIComponent('count(ALERTS{alertstate="firing"})')}`);
        const body = (await r.json()) as { data: { result: { value: [number, string] }[] } };
        return body.data.result[0]?.value[1] === "2" ? true : undefined;
      });
    });
    after(() => proc?.kill("SIGTERM"));

    const statusOf = async (url: string) => {
      const u = new URL(url);
      return (await fetch(`${base}${u.pathname}${u.search}`)).status;
    };

    it("the Workflow's check URL answers 422 while a fast burn fires in apps", async () => {
      const s = productionPodFailure({
        namespace: "apps",
        target: "user-service",
        percent: 20,
        duration: "30s",
        schedule: "@every 1h",
      });
      const check = (s.spec.workflow.templates as { statusCheck?: { http: { url: string } } }[]).find(
        (t) => t.statusCheck,
      )!;
      assert.equal(await statusOf(check.statusCheck!.http.url), 422);
    });

    it("answers 200 (check passes) where no burn alert fires: another namespace, or only other alerts", async () => {
      assert.equal(await statusOf(abortCheckUrl(abortQuery(ABORT_ALERTS, "quiet"))), 200);
      assert.equal(await statusOf(abortCheckUrl(abortQuery(["SLOAvailabilitySlowBurn"], "apps"))), 200);
      // One firing alert in "other" only: a single ALERTS series still errors (the `or vector(0)` adds the second).
      assert.equal(await statusOf(abortCheckUrl(abortQuery(ABORT_ALERTS, "other"))), 422);
    });

    it("without `or vector(0)`, a single firing alert would pass the check (why the query has it)", async () => {
      const naive = `vector(1) + on() ALERTS{alertname=~"${ABORT_ALERTS.join("|")}",alertstate="firing",destination_service_namespace="apps"}`;
      assert.equal(await statusOf(abortCheckUrl(naive)), 200);
    });
  });
});
