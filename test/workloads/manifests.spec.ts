import { strict as assert } from "assert";
import {
  DATA_ENDPOINTS_CONFIGMAP,
  GATEWAY_NAME,
  planWorkloads,
  type Manifest,
} from "../../components/workloads/manifests";
import { validateManifest } from "../helpers/schemas";
import { MODELS, seedConfig, seedServices } from "./fixtures";
import { all, build, config, container, find, frontendHpa, plan, QUEUE } from "./manifests-fixture";

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
});
