import { strict as assert } from "assert";
import {
  assertSingleAutoscaler,
  AWS_TRIGGER_AUTH,
  GATEWAY_NAME,
  scalingMode,
  type Manifest,
} from "../../components/workloads/manifests";
import { PROMETHEUS_URL } from "../../components/k8s-names";
import { all, build, config, find, frontendHpa, QUEUE } from "./manifests-fixture";

describe("workloads manifests", () => {
  describe("autoscaling", () => {
    it("HPAs follow seed 000/002: min 3, max 10, CPU 70 %, memory 80 %, scale-up 60 s 100 %/60 s, scale-down 300 s 10 %/60 s", () => {
      const hpa = frontendHpa();
      assert.equal(hpa.apiVersion, "autoscaling/v2");
      assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "frontend" });
      assert.equal(hpa.spec.minReplicas, 3);
      assert.equal(hpa.spec.maxReplicas, 10);
      assert.deepEqual(
        hpa.spec.metrics.map((m: Manifest) => [m.resource.name, m.resource.target.averageUtilization]),
        [
          ["cpu", 70],
          ["memory", 80],
        ],
      );
      assert.deepEqual(hpa.spec.behavior.scaleUp, {
        stabilizationWindowSeconds: 60,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 100, periodSeconds: 60 }],
      });
      assert.deepEqual(hpa.spec.behavior.scaleDown, {
        stabilizationWindowSeconds: 300,
        selectPolicy: "Max",
        policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
      });
    });
    it("renders a service's resolved HPA settings as they are (defaults were applied by config)", () => {
      const hpa = { minReplicas: 4, maxReplicas: 20, cpuPercent: 50, memoryPercent: 75 };
      const frontend = { ...config.services[0], autoscaling: { hpa } };
      assert.deepEqual(scalingMode(frontend, config.autoscaling), { kind: "hpa", hpa });
    });
    it("the worker scales on SQS queue length 10 through the aws pod-identity TriggerAuthentication", () => {
      const so = find("ScaledObject", "notification-worker");
      assert.deepEqual(
        [so.spec.minReplicaCount, so.spec.maxReplicaCount, so.spec.pollingInterval, so.spec.cooldownPeriod],
        [1, 50, 30, 300],
      );
      assert.deepEqual(so.spec.triggers, [
        {
          type: "aws-sqs-queue",
          authenticationRef: { name: AWS_TRIGGER_AUTH },
          metadata: { queueURL: QUEUE, queueLength: "10", awsRegion: "us-west-2" },
        },
      ]);
      assert.deepEqual(so.spec.advanced.horizontalPodAutoscalerConfig.behavior, frontendHpa().spec.behavior);
      assert.deepEqual(find("TriggerAuthentication", AWS_TRIGGER_AUTH).spec, {
        podIdentity: { provider: "aws", identityOwner: "keda" },
      });
    });
    it("activity-service scales on mesh request rate, p95, CPU/memory and the seed 004 schedule in local time", () => {
      const so = find("ScaledObject", "activity-service");
      assert.deepEqual([so.spec.minReplicaCount, so.spec.maxReplicaCount], [2, 50]);
      assert.deepEqual(
        so.spec.triggers.map((t: Manifest) => `${t.type}/${t.name}`),
        [
          "prometheus/request-rate",
          "prometheus/p95-latency",
          "cpu/cpu",
          "memory/memory",
          "cron/weekday-off-hours",
          "cron/business-hours",
        ],
      );
      assert.equal(so.spec.triggers[0].metadata.serverAddress, PROMETHEUS_URL);
      assert.equal(so.spec.triggers[0].metadata.threshold, "100");
      assert.deepEqual(so.spec.triggers[5].metadata, {
        timezone: "America/Los_Angeles",
        start: "0 9 * * 1-5",
        end: "0 17 * * 1-5",
        desiredReplicas: "10",
      });
    });
    it("no workload is targeted by both an HPA and a ScaledObject", () => {
      const targets = all()
        .filter((m) => m.kind === "HorizontalPodAutoscaler" || m.kind === "ScaledObject")
        .map((m) => m.spec.scaleTargetRef.name);
      assert.equal(new Set(targets).size, targets.length);
      assert.deepEqual(targets.sort(), [...config.services.map((s) => s.name), GATEWAY_NAME].sort());
    });
    it("refuses to plan a service with both hpa and keda, and a second autoscaler on one target", () => {
      const both = {
        ...config.services[0],
        autoscaling: {
          hpa: { minReplicas: 3, maxReplicas: 10, cpuPercent: 70, memoryPercent: 80 },
          keda: { businessHours: true, minReplicas: 2, maxReplicas: 10 },
        },
      };
      assert.throws(() => scalingMode(both, config.autoscaling), /service frontend: either hpa or keda, not both/);
      const hpa = frontendHpa();
      const so = {
        ...find("ScaledObject", "activity-service"),
        spec: { ...find("ScaledObject", "activity-service").spec, scaleTargetRef: { name: "frontend" } },
      };
      assert.throws(
        () => assertSingleAutoscaler([hpa, so]),
        /^Error: apps\/Deployment\/frontend is scaled by more than one autoscaler: HorizontalPodAutoscaler frontend, ScaledObject activity-service$/,
      );
    });
    it("an SQS trigger without a queue URL is a planning error", () => {
      assert.throws(
        () => build({ queueUrl: undefined }),
        /ScaledObject notification-worker: an aws-sqs-queue trigger needs the queue URL/,
      );
    });
  });
});
