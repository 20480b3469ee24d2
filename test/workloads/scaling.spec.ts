import { strict as assert } from "assert";
import { parser } from "@prometheus-io/lezer-promql";
import { ConfigError, formatIssue } from "../../components/config";
import { AWS_REGIONS } from "../../components/config/regions";
import { PROMETHEUS_URL } from "../../components/k8s-names";
import { MESH_METRICS } from "../../components/mesh/telemetry";
import { planWorkloads, type Manifest } from "../../components/workloads/manifests";
import { isIanaZone, REGION_TIME_ZONES, regionTimeZone } from "../../components/config/timezones";
import { seedConfig, seedServices } from "./fixtures";

const WEB = ["frontend", "user-service", "activity-service", "notification-service"];

function scaledObjects(region: string, overrides: Record<string, unknown> = {}): Record<string, Manifest> {
  const c = seedConfig(overrides);
  const p = planWorkloads({
    services: c.services,
    gateway: c.gateway,
    autoscaling: c.autoscaling,
    region,
    vpcCidr: "10.0.0.0/16",
    queueUrl: "https://sqs.example/q",
  });
  const sos = p.manifests.filter((m) => m.manifest.kind === "ScaledObject").map((m) => m.manifest);
  return Object.fromEntries(sos.map((m) => [m.metadata.name, m]));
}
const trigger = (so: Manifest, name: string): Manifest => so.spec.triggers.find((t: Manifest) => t.name === name);

function problems(overrides: Record<string, unknown>): string[] {
  try {
    seedConfig(overrides);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues.map(formatIssue);
  }
}

/** Local wall-clock "HH:MM" of a UTC instant in `zone`. */
const localTime = (utc: string, zone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(utc),
  );

describe("scaling: request rate from the mesh, p95 steps, local business hours", () => {
  describe("request-rate scaling", () => {
    const sos = scaledObjects("us-east-1");
    it("every web service has a KEDA Prometheus trigger on its istio_requests_total rate, 100 rps per pod, 3..50", () => {
      for (const svc of WEB) {
        const so = sos[svc];
        assert.ok(so, `${svc} has a ScaledObject`);
        const rate = trigger(so, "request-rate");
        assert.equal(rate.type, "prometheus");
        assert.equal(rate.metricType, "AverageValue");
        assert.equal(rate.metadata.threshold, "100");
        assert.equal(rate.metadata.serverAddress, PROMETHEUS_URL);
        assert.equal(
          rate.metadata.query,
          `sum(rate(${MESH_METRICS.requests.name}{reporter="waypoint",destination_service_namespace="apps",destination_service_name="${svc}"}[2m]))` +
            // 0 for a service the waypoint has not seen yet, while the waypoint itself is scraped.
            ' or on() (sum(up{job="monitoring/waypoint",namespace="apps"} == 1) * 0)',
        );
        assert.equal(so.spec.maxReplicaCount, 50, svc);
      }
      assert.deepEqual(
        WEB.map((s) => sos[s].spec.minReplicaCount),
        [3, 3, 2, 3],
        "3 (seed 002); activity-service's schedule lowers its floor to the weekend's 2 (seed 004)",
      );
    });
    it("an empty Prometheus result is an error (ignoreNullValues false), with fallback to the current replicas", () => {
      for (const svc of WEB) {
        const proms = sos[svc].spec.triggers.filter((t: Manifest) => t.type === "prometheus");
        assert.equal(proms.length, 2); // request rate and p95
        for (const t of proms) assert.equal(t.metadata.ignoreNullValues, "false", `${svc} ${t.name}`);
        assert.deepEqual(sos[svc].spec.fallback, {
          failureThreshold: 3,
          replicas: sos[svc].spec.minReplicaCount,
          behavior: "currentReplicas",
        });
      }
    });
    it("the Prometheus server is the in-cluster kube-prometheus-stack Service", () => {
      assert.equal(PROMETHEUS_URL, "http://kube-prometheus-stack-prometheus.monitoring.svc:9090");
    });
    it("every query parses as PromQL and reads only mesh metrics, the waypoint's own scrape (up) and the app pods' CPU share", () => {
      const names = [
        MESH_METRICS.requests.name,
        `${MESH_METRICS.requestDuration.name}_bucket`,
        `${MESH_METRICS.requestDuration.name}_count`,
        "up",
        // The p95 trigger's CPU gate: cAdvisor usage over kube-state-metrics requests of the app containers.
        "container_cpu_usage_seconds_total",
        "kube_pod_container_resource_requests",
      ];
      for (const so of Object.values(sos))
        for (const t of so.spec.triggers.filter((x: Manifest) => x.type === "prometheus")) {
          let error = false;
          const read: string[] = [];
          const q: string = t.metadata.query;
          parser.parse(q).iterate({
            enter: (n) => {
              if (n.type.isError) error = true;
              if (
                n.type.name === "Identifier" &&
                /^istio_|^[a-z_]+_total$|_bucket$|_count$/.test(q.slice(n.from, n.to))
              )
                read.push(q.slice(n.from, n.to));
            },
          });
          assert.equal(error, false, q);
          for (const r of read) assert.ok(names.includes(r), `${so.metadata.name} ${t.name} reads ${r}`);
        }
    });
  });

  describe("seed 004 triggers: p95 > 500 ms scales out in steps; errors > 1 % page instead", () => {
    const so = scaledObjects("us-east-1")["user-service"];
    it("p95 is a Value trigger at 500 ms; no trigger reads the 5xx share", () => {
      const p95 = trigger(so, "p95-latency");
      assert.deepEqual([p95.metricType, p95.metadata.threshold], ["Value", "500"]);
      assert.match(
        p95.metadata.query,
        /^\(\(histogram_quantile\(0\.95, sum by \(le\) \(rate\(istio_request_duration_milliseconds_bucket\{/,
      );
      // Counted only while the pods use at least half the seed's 70 % CPU target: otherwise the latency is a dependency's.
      assert.ok(p95.metadata.query.includes('resource="cpu"})) >= 0.35))'), p95.metadata.query);
      // A 5 % error rate from a failing dependency would otherwise ask for 5x the pods, loading it more.
      for (const t of so.spec.triggers as { name: string; metadata?: { query?: string } }[])
        assert.doesNotMatch(t.metadata?.query ?? "", /response_code=~"5/, t.name);
    });
    it("scale-up adds max(4 pods, 100 %) per minute after a 60 s window; CPU 70 % and memory 80 % stay", () => {
      assert.deepEqual(so.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp, {
        stabilizationWindowSeconds: 60,
        selectPolicy: "Max",
        policies: [
          { type: "Pods", value: 4, periodSeconds: 60 },
          { type: "Percent", value: 100, periodSeconds: 60 },
        ],
      });
      assert.deepEqual([trigger(so, "cpu").metadata.value, trigger(so, "memory").metadata.value], ["70", "80"]);
    });
  });

  describe("scheduled scaling in each region's time zone", () => {
    it("every AWS region the config accepts has a valid IANA zone", () => {
      for (const r of AWS_REGIONS) assert.ok(isIanaZone(regionTimeZone(r)), `${r}: ${REGION_TIME_ZONES[r]}`);
      assert.deepEqual(Object.keys(REGION_TIME_ZONES).sort(), [...AWS_REGIONS].sort());
      assert.equal(isIanaZone("Mars/Olympus_Mons"), false);
    });
    it("us-east-1 is New York, us-west-2 Los Angeles, eu-west-1 Dublin: 09:00 local is not 09:00 UTC", () => {
      for (const [region, zone, utcAtNine] of [
        ["us-east-1", "America/New_York", "2026-01-15T14:00:00Z"],
        ["us-west-2", "America/Los_Angeles", "2026-01-15T17:00:00Z"],
        ["eu-west-1", "Europe/Dublin", "2026-07-15T08:00:00Z"],
      ] as const) {
        const so = scaledObjects(region)["activity-service"];
        const crons = so.spec.triggers.filter((t: Manifest) => t.type === "cron");
        assert.deepEqual(
          crons.map((t: Manifest) => [t.name, t.metadata.timezone, t.metadata.desiredReplicas]),
          [
            ["weekday-off-hours", zone, "3"],
            ["business-hours", zone, "10"],
          ],
        );
        assert.equal(localTime(utcAtNine, zone), "09:00", `${region}: business hours start at ${utcAtNine}`);
      }
    });
    it("desired replicas stay below the max (10 < 50), weekends at the minimum of 2", () => {
      const so = scaledObjects("us-east-1")["activity-service"];
      const floors = so.spec.triggers
        .filter((t: Manifest) => t.type === "cron")
        .map((t: Manifest) => Number(t.metadata.desiredReplicas));
      assert.ok(Math.max(...floors) < so.spec.maxReplicaCount);
      assert.equal(so.spec.minReplicaCount, 2);
    });
    it("a floor at or above a service's max is a config error naming the key (today's 10 of 10)", () => {
      assert.deepEqual(
        problems({
          services: seedServices({
            "activity-service": { autoscaling: { keda: { mesh: true, businessHours: true, maxReplicas: 10 } } },
          }),
        }),
        [
          "platform:autoscaling.keda.businessHours.desiredReplicas: got 10; expected below the maxReplicas (10, platform:services[2].autoscaling.keda.maxReplicas) of services[2] (activity-service), so its rate trigger can still add capacity",
        ],
      );
    });
    it("a bad time-zone override, floors out of order, and mesh triggers on a worker are config errors", () => {
      assert.deepEqual(
        problems({
          autoscaling: { keda: { businessHours: { timezone: "Eastern", offHoursReplicas: 12, weekendReplicas: 13 } } },
          services: seedServices({ "notification-worker": { kind: "worker", autoscaling: { keda: { mesh: true } } } }),
        }),
        [
          'platform:autoscaling.keda.businessHours.timezone: got "Eastern"; expected an IANA time zone like "America/New_York" (or unset: each region\'s own zone)',
          "platform:autoscaling.keda.businessHours.offHoursReplicas: got 12; expected at most desiredReplicas (10)",
          "platform:autoscaling.keda.businessHours.weekendReplicas: got 13; expected at most offHoursReplicas (12)",
          "platform:services[4].autoscaling.keda.mesh: got true; expected false for a worker (no Service, so the mesh sees no requests to scale on)",
        ],
      );
    });
    it("an explicit time zone applies to every region", () => {
      const so = scaledObjects("eu-west-1", { autoscaling: { keda: { businessHours: { timezone: "Asia/Tokyo" } } } });
      assert.equal(trigger(so["activity-service"], "business-hours").metadata.timezone, "Asia/Tokyo");
    });
  });
});
