import { strict as assert } from "assert";
import {
  assertSingleAutoscaler,
  AWS_TRIGGER_AUTH,
  DATA_ENDPOINTS_CONFIGMAP,
  GATEWAY_NAME,
  gatewayPlan,
  planWorkloads,
  scalingMode,
  type Manifest,
  type WorkloadPlan,
} from "../../components/workloads/manifests";
import { renderNginxConf } from "../../components/workloads/nginx";
import { PROMETHEUS_URL } from "../../components/k8s-names";
import { validateManifest } from "../helpers/schemas";
import { MODELS, seedConfig, seedServices } from "./fixtures";

const QUEUE = "https://sqs.us-west-2.amazonaws.com/123456789012/platform-prod-usw2-jobs";
const config = seedConfig();
const build = (extra: Partial<Parameters<typeof planWorkloads>[0]> = {}): WorkloadPlan =>
  planWorkloads({
    services: config.services,
    gateway: config.gateway,
    autoscaling: config.autoscaling,
    region: "us-west-2",
    vpcCidr: "10.1.0.0/16",
    queueUrl: QUEUE,
    ...extra,
  });
const plan = build();
// The seed web services scale through KEDA on mesh telemetry, and config refuses a plain HPA on a web
// service (config/sections/autoscaling-rules.ts); the planner's HPA path stays covered on a frontend
// given an HPA directly.
const hpaPlan = build({
  services: config.services.map((s) =>
    s.name === "frontend"
      ? { ...s, autoscaling: { hpa: { minReplicas: 3, maxReplicas: 10, cpuPercent: 70, memoryPercent: 80 } } }
      : s,
  ),
});
const frontendHpa = (): Manifest =>
  structuredClone(
    hpaPlan.manifests.find(
      (m) => m.manifest.kind === "HorizontalPodAutoscaler" && m.manifest.metadata.name === "frontend",
    )!.manifest,
  );
const all = (): Manifest[] => [plan.namespace.manifest, ...plan.manifests.map((m) => m.manifest)];
const find = (kind: string, name: string): Manifest => {
  const m = all().find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(m, `${kind} ${name} not planned`);
  return m;
};
const container = (d: Manifest, name = "app") => d.spec.template.spec.containers.find((c: Manifest) => c.name === name);

describe("workloads manifests", () => {
  describe("schemas", () => {
    it("every manifest is valid against the official schema of its kind", async () => {
      const kinds = new Set<string>();
      for (const m of all()) {
        // No kubernetes-models package for VPA: test/workloads/vpa.spec.ts checks it against the upstream CRD.
        if (m.kind === "VerticalPodAutoscaler") continue;
        const model = MODELS[m.kind];
        assert.ok(model, `no schema registered for ${m.kind}`);
        await validateManifest(model[0], model[1], m);
        kinds.add(m.kind);
      }
      assert.deepEqual([...kinds].sort(), Object.keys(MODELS).sort());
    });

    it("a manifest with a wrong field type is rejected (the validation is real)", async () => {
      const bad = frontendHpa();
      bad.spec.minReplicas = "three";
      await assert.rejects(validateManifest(...MODELS.HorizontalPodAutoscaler, bad));
    });
  });

  it("labels the apps namespace for Pod Security restricted (enforce, audit, warn)", () => {
    const labels = plan.namespace.manifest.metadata.labels;
    for (const mode of ["enforce", "audit", "warn"])
      assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted");
  });

  it("labels the apps namespace for the LB controller's pod readiness gate injection", () => {
    assert.equal(plan.namespace.manifest.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"], "enabled");
  });

  it("plans one ServiceAccount per service plus the gateway, without API tokens", () => {
    const sas = all().filter((m) => m.kind === "ServiceAccount");
    assert.deepEqual(
      sas.map((s) => s.metadata.name),
      [...config.services.map((s) => s.name), GATEWAY_NAME],
    );
    assert.ok(sas.every((s) => s.automountServiceAccountToken === false));
  });

  describe("service Deployments", () => {
    const d = find("Deployment", "user-service");
    it("run with the restricted security context and a read-only root with /tmp on an emptyDir", () => {
      assert.deepEqual(d.spec.template.spec.securityContext, {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: "RuntimeDefault" },
      });
      assert.deepEqual(container(d).securityContext, {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      });
      assert.deepEqual(container(d).volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
      assert.ok(d.spec.template.spec.volumes.some((v: Manifest) => v.name === "tmp" && v.emptyDir));
    });
    it("probe the health path on the http port with the seed 000 timings", () => {
      const c = container(d);
      assert.deepEqual(c.livenessProbe, {
        httpGet: { path: "/api/v1/health/", port: "http" },
        initialDelaySeconds: 20,
        periodSeconds: 10,
        timeoutSeconds: 3,
        failureThreshold: 3,
      });
      assert.deepEqual(c.readinessProbe, {
        httpGet: { path: "/api/v1/health/", port: "http" },
        initialDelaySeconds: 5,
        periodSeconds: 5,
        timeoutSeconds: 2,
        failureThreshold: 3,
      });
      assert.deepEqual(c.ports, [{ name: "http", containerPort: 8000, protocol: "TCP" }]);
    });
    it("request 100m/128Mi and limit 200m/256Mi (seed 000)", () => {
      assert.deepEqual(container(d).resources, {
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "200m", memory: "256Mi" },
      });
    });
    it("spread across zones and nodes with maxSkew 1", () => {
      const spread = d.spec.template.spec.topologySpreadConstraints;
      assert.deepEqual(
        spread.map((t: Manifest) => [t.topologyKey, t.maxSkew, t.whenUnsatisfiable]),
        [
          ["topology.kubernetes.io/zone", 1, "ScheduleAnyway"],
          ["kubernetes.io/hostname", 1, "ScheduleAnyway"],
        ],
      );
      assert.deepEqual(spread[0].labelSelector.matchLabels, d.spec.selector.matchLabels);
    });
    it("take data-tier endpoints from the optional data-endpoints ConfigMap until the data tier provides names", () => {
      assert.deepEqual(container(d).envFrom, [{ configMapRef: { name: DATA_ENDPOINTS_CONFIGMAP, optional: true } }]);
      const wired = build({ data: { configMap: "data-endpoints", secret: "data-credentials" } });
      const c = container(wired.manifests.find((m) => m.role === "deploy-user-service")!.manifest);
      assert.deepEqual(c.envFrom, [
        { configMapRef: { name: "data-endpoints" } },
        { secretRef: { name: "data-credentials" } },
      ]);
      assert.equal(container(find("Deployment", "frontend")).envFrom, undefined, "frontend uses no data store");
    });
    it("with the data tier's endpoints, plan the data-endpoints ConfigMap and require it", async () => {
      const wired = build({
        dataEndpoints: {
          DATABASE_WRITER_HOST: "writer.example",
          DATABASE_SECRET_ARN: "arn:aws:secretsmanager:us-west-2:1:secret:db",
        },
      });
      const cm = wired.manifests.find((m) => m.role === "cm-data-endpoints")!.manifest;
      assert.deepEqual(
        [cm.metadata.name, cm.metadata.namespace, cm.data.DATABASE_WRITER_HOST],
        [DATA_ENDPOINTS_CONFIGMAP, "apps", "writer.example"],
      );
      await validateManifest(...MODELS.ConfigMap, cm);
      const d = wired.manifests.find((m) => m.role === "deploy-user-service")!.manifest;
      assert.deepEqual(container(d).envFrom, [{ configMapRef: { name: DATA_ENDPOINTS_CONFIGMAP } }]);
      assert.equal(
        d.spec.template.metadata.labels["workloads.platform.io/aws-api"],
        "true",
        "reads its credentials from Secrets Manager",
      );
      assert.equal(
        find("Deployment", "user-service").spec.template.metadata.labels["workloads.platform.io/aws-api"],
        undefined,
      );
    });
    it("give queue users the queue URL and region", () => {
      const env = container(find("Deployment", "notification-worker")).env;
      assert.deepEqual(
        env.find((e: Manifest) => e.name === "QUEUE_URL"),
        { name: "QUEUE_URL", value: QUEUE },
      );
      assert.deepEqual(
        env.find((e: Manifest) => e.name === "AWS_REGION"),
        { name: "AWS_REGION", value: "us-west-2" },
      );
    });
    it("set spec.replicas only when no autoscaler owns the workload", () => {
      for (const m of all().filter((x) => x.kind === "Deployment"))
        assert.equal(m.spec.replicas, undefined, `${m.metadata.name} is autoscaled`);
      const fixed = seedConfig({ services: seedServices({ frontend: { replicas: 4, autoscaling: {} } }) });
      const p = planWorkloads({
        services: fixed.services,
        gateway: fixed.gateway,
        autoscaling: fixed.autoscaling,
        region: "us-east-1",
        vpcCidr: "10.0.0.0/16",
        queueUrl: QUEUE,
      });
      assert.equal(p.manifests.find((m) => m.role === "deploy-frontend")!.manifest.spec.replicas, 4);
      assert.equal(
        p.manifests.some((m) => m.role === "hpa-frontend" || m.role === "so-frontend"),
        false,
      );
    });
  });

  it("gives every replicated workload a PDB with maxUnavailable 1 selecting its pods", () => {
    for (const name of [...config.services.map((s) => s.name), GATEWAY_NAME]) {
      const pdb = find("PodDisruptionBudget", name);
      assert.equal(pdb.spec.maxUnavailable, 1);
      assert.deepEqual(pdb.spec.selector.matchLabels, find("Deployment", name).spec.selector.matchLabels);
    }
  });

  it("exposes web services (not the worker) as ClusterIP on 8000 -> named port http", () => {
    const svcs = all().filter((m) => m.kind === "Service" && m.metadata.name !== GATEWAY_NAME);
    assert.deepEqual(
      svcs.map((s) => s.metadata.name),
      ["frontend", "user-service", "activity-service", "notification-service"],
    );
    for (const s of svcs) {
      assert.equal(s.spec.type, "ClusterIP");
      assert.deepEqual(s.spec.ports, [{ name: "http", port: 8000, targetPort: "http", protocol: "TCP" }]);
    }
  });

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

  describe("network policies", () => {
    const np = (name: string) => find("NetworkPolicy", name).spec;
    it("deny all ingress and egress by default", () => {
      assert.deepEqual(np("default-deny-all"), { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });
    it("allow DNS to kube-dns in kube-system on UDP and TCP 53", () => {
      const rule = np("allow-dns").egress[0];
      assert.deepEqual(rule.to[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "kube-system" });
      assert.deepEqual(rule.ports, [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ]);
    });
    it("admit only the gateway to each web service, on its port", () => {
      const p = np("allow-gateway-to-user-service");
      assert.deepEqual(p.podSelector.matchLabels, find("Deployment", "user-service").spec.selector.matchLabels);
      assert.deepEqual(p.ingress, [
        {
          from: [{ podSelector: { matchLabels: find("Deployment", GATEWAY_NAME).spec.selector.matchLabels } }],
          ports: [{ protocol: "TCP", port: 8000 }],
        },
      ]);
      assert.equal(np("allow-gateway-egress").egress.length, 4);
    });
    it("admit the ALB (VPC CIDR) to the gateway's listen port", () => {
      assert.deepEqual(np("allow-gateway-ingress").ingress, [
        { from: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 8080 }] },
      ]);
    });
    it("let labelled users reach PostgreSQL 5432 and Redis 6379 inside the VPC, and AWS APIs on 443", () => {
      assert.deepEqual(np("allow-database").egress, [
        { to: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] },
      ]);
      assert.deepEqual(np("allow-cache").egress, [
        { to: [{ ipBlock: { cidr: "10.1.0.0/16" } }], ports: [{ protocol: "TCP", port: 6379 }] },
      ]);
      assert.deepEqual(np("allow-aws-apis").egress[0].ports, [{ protocol: "TCP", port: 443 }]);
      const labels = find("Deployment", "notification-worker").spec.template.metadata.labels;
      for (const sel of [np("allow-database"), np("allow-aws-apis")].map((p) => p.podSelector.matchLabels)) {
        for (const [k, v] of Object.entries(sel)) assert.equal(labels[k], v);
      }
      assert.equal(
        find("Deployment", "frontend").spec.template.metadata.labels["workloads.platform.io/database"],
        undefined,
      );
    });
    it("let the monitoring namespace scrape service ports and the nginx exporter", () => {
      const rule = np("allow-monitoring-scrape").ingress[0];
      assert.deepEqual(rule.from, [
        { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
      ]);
      assert.deepEqual(rule.ports, [
        { protocol: "TCP", port: 8000 },
        { protocol: "TCP", port: 9113 },
      ]);
    });
  });

  describe("gateway", () => {
    const d = find("Deployment", GATEWAY_NAME);
    const gp = gatewayPlan(config.services, config.gateway, "10.1.0.0/16");
    it("routes the catalogue to in-cluster Service hosts and trusts the VPC as proxy", () => {
      assert.deepEqual(
        gp.upstreams.map((u) => u.servers[0]),
        config.services
          .filter((s) => s.kind === "web")
          .map((s) => ({ host: `${s.name}.apps.svc.cluster.local`, port: 8000 })),
      );
      assert.deepEqual(
        gp.routes.map((r) => [r.path, r.upstream, r.kind]),
        [
          ["/", "frontend", "proxy"],
          ["/api/v1/users/", "user_service", "proxy"],
          ["/media/avatars/", "user_service", "media"],
          ["/api/v1/activities/", "activity_service", "cached"],
          ["/media/activities/", "activity_service", "media"],
          ["/api/v1/notifications/", "notification_service", "proxy"],
        ],
      );
      assert.deepEqual(gp.trustedProxyCidrs, ["10.1.0.0/16"]);
      assert.equal(gp.workerProcesses, 1, "one worker per CPU of the 500m limit");
    });
    it("puts the rendered nginx.conf in the ConfigMap and its checksum on the pod template", () => {
      const conf = find("ConfigMap", `${GATEWAY_NAME}-config`).data["nginx.conf"];
      assert.equal(conf, renderNginxConf(gp));
      assert.equal(conf, plan.nginxConf);
      const checksum = d.spec.template.metadata.annotations["checksum/config"];
      assert.match(checksum, /^[a-f0-9]{64}$/);
      const changed = build({ gateway: { ...config.gateway, proxyTimeoutSeconds: 10 } });
      const d2 = changed.manifests.find((m) => m.role === `deploy-${GATEWAY_NAME}`)!.manifest;
      assert.notEqual(
        d2.spec.template.metadata.annotations["checksum/config"],
        checksum,
        "a config change rolls the pods",
      );
    });
    it("runs nginx non-root on the unprivileged port, read-only, with emptyDirs for the plan's writable paths", () => {
      const nginx = container(d, "nginx");
      assert.equal(nginx.image, config.gateway.image);
      assert.deepEqual(nginx.ports, [{ name: "http", containerPort: 8080, protocol: "TCP" }]);
      assert.equal(nginx.securityContext.readOnlyRootFilesystem, true);
      assert.deepEqual(nginx.args, ["-c", "/etc/nginx/gateway/nginx.conf", "-g", "daemon off;"]);
      const mounts = nginx.volumeMounts.map((m: Manifest) => m.mountPath);
      assert.deepEqual(mounts, ["/etc/nginx/gateway", gp.runDir, "/var/cache/nginx"]);
      assert.ok(gp.cache.path.startsWith("/var/cache/nginx/"));
      assert.deepEqual(nginx.readinessProbe.httpGet, { path: "/health", port: "http" });
      assert.equal(d.spec.replicas, undefined);
    });
    it("scrapes stub_status over loopback with the exporter sidecar on :9113", () => {
      const exp = container(d, "exporter");
      assert.deepEqual(exp.args, [
        "--nginx.scrape-uri=http://127.0.0.1:8081/stub_status",
        "--web.listen-address=:9113",
      ]);
      assert.deepEqual(exp.ports, [{ name: "metrics", containerPort: 9113, protocol: "TCP" }]);
      assert.equal(exp.securityContext.allowPrivilegeEscalation, false);
    });
    it("is a ClusterIP Service nginx-gateway port 80 -> http, with an HPA from min 2", () => {
      const svc = find("Service", GATEWAY_NAME);
      assert.equal(svc.spec.type, "ClusterIP");
      assert.deepEqual(svc.spec.ports[0], { name: "http", port: 80, targetPort: "http", protocol: "TCP" });
      const hpa = find("HorizontalPodAutoscaler", GATEWAY_NAME);
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 10]);
    });
  });
});
