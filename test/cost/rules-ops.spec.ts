import { strict as assert } from "node:assert";
import { estimateCost } from "../../tools/cost/estimate";
import type { CostReport, CostResource } from "../../tools/cost/types";
import { EKS, plan, res } from "./fixtures";

/**
 * The operations rules (KMS, alarms, log groups, EKS control-plane logs, Managed Prometheus,
 * Secrets Manager, CodeBuild) on one resource at a time, with non-default usage. Prices are the
 * list prices the tables pin, written here from their pages:
 * - KMS https://aws.amazon.com/kms/pricing/: $1 per key-month.
 * - CloudWatch https://aws.amazon.com/cloudwatch/pricing/: alarm $0.10 per metric-month (high resolution 3x);
 *   Logs ingestion $0.50/GB in us-east-1, $0.57/GB in eu-west-1; storage $0.03/GB-month.
 * - Managed Prometheus https://aws.amazon.com/prometheus/pricing/: $0.90 per 10M samples for the first 2B,
 *   $0.35 per 10M after; queries $0.10 per 1B samples processed.
 * - Secrets Manager https://aws.amazon.com/secrets-manager/pricing/: $0.40 per secret-month, each replica too.
 * - CodeBuild https://aws.amazon.com/codebuild/pricing/: general1.small $0.005/min, medium $0.01/min (US only).
 */
const USAGE = {
  logs: { flowLogsGBPerVpc: 40, wafGB: 12, controlPlaneGBPerCluster: 8 },
  metrics: { activeSeriesPerCluster: 20_000, querySamplesBillions: 4 },
  ci: { buildMinutesPerProject: 300 },
};
const run = (...resources: CostResource[]): CostReport => estimateCost(plan(resources, USAGE));
const lines = (r: CostReport) => r.lines.map((l) => [l.line, l.region, l.monthly, l.basis]);
const unpriced = (r: CostReport) => r.unpriced.map((u) => [u.region, u.kind, u.reason]);

describe("cost rules: operations", () => {
  it("prices a KMS key per key-month in its region, and names the missing price elsewhere", () => {
    assert.deepEqual(lines(run(res("aws:kms/key:Key", "eu-west-1", {}))), [
      ["KMS key", "eu-west-1", 1, "$1.00 per key-month (first year; requests not estimated)"],
    ]);
    const r = run(res("aws:kms/key:Key", "sa-east-1", {}));
    assert.deepEqual(lines(r), []);
    assert.deepEqual(unpriced(r), [
      ["sa-east-1", "price", "no pinned price for KMS key in sa-east-1 (see https://aws.amazon.com/kms/pricing/)"],
    ]);
  });

  it("prices an alarm per metric, three times for a high-resolution period", () => {
    const q = (metric?: object) => (metric ? { id: "m", metric } : { id: "e", expression: "m1+m2" });
    const alarms = run(
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "us-east-1", {}, "plain"),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "us-east-1", { period: 10 }, "fast"),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "us-east-1", { period: 60 }, "minute"),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "us-east-1", { metricQueries: [q({}), q({}), q()] }, "math"),
    );
    assert.deepEqual(lines(alarms), [
      ["CloudWatch alarm", "us-east-1", 0.1, "1 metric(s) x $0.10"],
      ["CloudWatch alarm", "us-east-1", 0.3, "1 metric(s) x $0.30 (high resolution)"],
      ["CloudWatch alarm", "us-east-1", 0.1, "1 metric(s) x $0.10"],
      ["CloudWatch alarm", "us-east-1", 0.2, "2 metric(s) x $0.10"],
    ]);
    assert.deepEqual(unpriced(run(res("aws:cloudwatch/metricAlarm:MetricAlarm", "ap-south-1", {}))), [
      [
        "ap-south-1",
        "price",
        "no pinned price for CloudWatch alarm in ap-south-1 (see https://aws.amazon.com/cloudwatch/pricing/)",
      ],
    ]);
  });

  it("prices flow-log and WAF log groups from their assumptions, and leaves other groups unpriced", () => {
    const flow = res("aws:ec2/flowLog:FlowLog", "eu-west-1", {
      logDestination: "arn:aws:logs:eu-west-1:1:log-group:vpc-flows",
    });
    const r = run(
      flow,
      res("aws:cloudwatch/logGroup:LogGroup", "eu-west-1", { name: "vpc-flows", retentionInDays: 90 }, "flows"),
      res("aws:cloudwatch/logGroup:LogGroup", "us-east-1", {}, "aws-waf-logs-edge"),
      res("aws:cloudwatch/logGroup:LogGroup", "us-east-1", { name: "app-logs", retentionInDays: 7 }, "app"),
    );
    // Flow logs: 40 GB x $0.57 + 40 GB x 90/30 = 120 GB kept x $0.03 = 22.80 + 3.60.
    // WAF logs: 12 GB x $0.50 + 12 x 365/30 = 146 GB kept x $0.03 = 6.00 + 4.38.
    assert.deepEqual(lines(r), [
      [
        "CloudWatch Logs",
        "eu-west-1",
        26.4,
        "logs.flowLogsGBPerVpc 40 GB x $0.57/GB ingested + 120 GB kept (90 days retention) x $0.03/GB-month",
      ],
      [
        "CloudWatch Logs",
        "us-east-1",
        10.38,
        "logs.wafGB 12 GB x $0.50/GB ingested + 146 GB kept (365 days retention, unset: 1 year shown) x $0.03/GB-month",
      ],
    ]);
    assert.deepEqual(unpriced(r), [["us-east-1", "usage", "log group app-logs: no log-volume assumption"]]);
    const missing = run(res("aws:cloudwatch/logGroup:LogGroup", "ap-south-1", { name: "aws-waf-logs-x" }));
    assert.deepEqual(lines(missing), []);
    assert.equal(missing.unpriced.length, 2);
  });

  it("prices EKS control-plane logs only when log types are enabled", () => {
    const on = run(res(EKS, "eu-west-1", { version: "1.35", enabledClusterLogTypes: ["api", "audit"] }, "c"));
    assert.deepEqual(
      lines(on).filter(([l]) => l === "EKS control-plane logs"),
      [
        [
          "EKS control-plane logs",
          "eu-west-1",
          4.56, // 8 GB x $0.57
          "logs.controlPlaneGBPerCluster 8 GB (api, audit) x $0.57/GB ingested; storage grows with retention (not estimated)",
        ],
      ],
    );
    const off = run(res(EKS, "eu-west-1", { version: "1.35", enabledClusterLogTypes: [] }, "c"));
    assert.deepEqual(
      off.lines.map((l) => l.line),
      ["EKS control plane"],
    );
  });

  it("prices Managed Prometheus samples across the 2B tier at the scrape interval of the region's Prometheus", () => {
    const prom = res("kubernetes:helm.sh/v3:Release", "us-east-1", {
      values: { prometheus: { prometheusSpec: { scrapeInterval: "15s" } } },
    });
    const other = res("kubernetes:helm.sh/v3:Release", "eu-west-1", {
      values: { prometheus: { prometheusSpec: { scrapeInterval: "5s" } } },
    });
    const r = run(other, prom, res("aws:amp/workspace:Workspace", "us-east-1", {}, "amp"));
    // 20,000 series x 2,628,000 s / 15 s = 3.504B samples: 2B x $0.90/10M + 1.504B x $0.35/10M = 180 + 52.64.
    assert.deepEqual(
      lines(r).filter(([l]) => String(l).startsWith("Managed")),
      [
        [
          "Managed Prometheus ingestion",
          "us-east-1",
          232.64,
          "3.5B samples (metrics.activeSeriesPerCluster 20000 every 15s) x $0.90/10M for the first 2B, $0.35/10M after",
        ],
        ["Managed Prometheus queries", "us-east-1", 0.4, "metrics.querySamplesBillions 4 x $0.10/1B samples"],
      ],
    );
    // No Prometheus in the region: 30 s; 20,000 x 2,628,000 / 30 = 1.752B samples, all in the first tier.
    const alone = run(res("aws:amp/workspace:Workspace", "us-east-1", {}, "amp"));
    assert.deepEqual(lines(alone)[0], [
      "Managed Prometheus ingestion",
      "us-east-1",
      157.68,
      "1.75B samples (metrics.activeSeriesPerCluster 20000 every 30s (scrape interval not found: 30s)) x $0.90/10M for the first 2B, $0.35/10M after",
    ]);
    assert.deepEqual(lines(run(res("aws:amp/workspace:Workspace", "ap-south-1", {}))), []);
  });

  it("prices a secret and each of its replicas", () => {
    const r = run(
      res("aws:secretsmanager/secret:Secret", "us-east-1", { replicas: [{ region: "eu-west-1" }, { region: "x" }] }),
      res("aws:secretsmanager/secret:Secret", "us-west-2", {}),
    );
    assert.deepEqual(lines(r), [
      ["Secrets Manager secret", "us-east-1", 1.2, "(1 + 2 replica regions) x $0.40/secret-month"],
      ["Secrets Manager secret", "us-west-2", 0.4, "(1 + 0 replica regions) x $0.40/secret-month"],
    ]);
  });

  it("prices CodeBuild minutes by compute type, small by default, and names types and regions without a price", () => {
    const r = run(
      res("aws:codebuild/project:Project", "us-east-1", { environment: { computeType: "BUILD_GENERAL1_MEDIUM" } }),
      res("aws:codebuild/project:Project", "us-west-2", {}),
      res("aws:codebuild/project:Project", "us-east-1", { environment: { computeType: "BUILD_GENERAL1_2XLARGE" } }),
      res("aws:codebuild/project:Project", "eu-west-1", {}),
    );
    assert.deepEqual(lines(r), [
      ["CodeBuild minutes", "us-east-1", 3, "ci.buildMinutesPerProject 300 min x $0.01/min (BUILD_GENERAL1_MEDIUM)"],
      ["CodeBuild minutes", "us-west-2", 1.5, "ci.buildMinutesPerProject 300 min x $0.005/min (BUILD_GENERAL1_SMALL)"],
    ]);
    assert.deepEqual(unpriced(r), [
      ["us-east-1", "price", "CodeBuild compute type BUILD_GENERAL1_2XLARGE has no pinned price"],
      [
        "eu-west-1",
        "price",
        "no pinned price for CodeBuild BUILD_GENERAL1_SMALL in eu-west-1 (see https://aws.amazon.com/codebuild/pricing/)",
      ],
    ]);
  });
});
