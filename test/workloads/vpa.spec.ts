import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CHARTS } from "../../components/charts";
import { planWorkloads, type Manifest } from "../../components/workloads/manifests";
import { vpaValues } from "../../components/addons/vpa";
import { vpaManifest, vpaMode } from "../../components/workloads/vpa";
import { crdSchema, validate } from "../helpers/crd-schema";
import { seedConfig, seedServices } from "./fixtures";

const FIXTURES = join(__dirname, "fixtures", "vpa");
const CRD = readFileSync(join(FIXTURES, "vpa-v1-crd-gen-1.5.0.yaml"), "utf8");
const SCHEMA = crdSchema(CRD, "VerticalPodAutoscaler", "v1");
const VALUES = parse(readFileSync(join(FIXTURES, "values-11.1.1.yaml"), "utf8")) as Record<string, unknown>;

const plan = (services?: unknown[]) => {
  const config = seedConfig(services ? { services } : {});
  return planWorkloads({
    services: config.services,
    gateway: config.gateway,
    autoscaling: config.autoscaling,
    region: "us-east-1",
    vpcCidr: "10.0.0.0/16",
    queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q",
  });
};
const vpas = (p = plan()) => p.manifests.filter((m) => m.manifest.kind === "VerticalPodAutoscaler");

/** Dotted leaf paths of a values object (a map under extraArgs counts as one leaf: it is a free-form map). */
function leafPaths(o: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    const free = ["extraArgs", "nodeSelector", "tolerations", "resources"].includes(k);
    return v && typeof v === "object" && !Array.isArray(v) && !free ? leafPaths(v as Record<string, unknown>, p) : [p];
  });
}
const has = (o: Record<string, unknown>, path: string) =>
  path
    .split(".")
    .reduce<unknown>(
      (cur, k) => (cur && typeof cur === "object" && k in cur ? (cur as Record<string, unknown>)[k] : undefined),
      o,
    ) !== undefined;

describe("vertical pod autoscaler (seed 002)", () => {
  it("pins the chart that ships VPA 1.5 and reads its values at that tag", () => {
    assert.equal(CHARTS.vpa.version, "11.1.1");
    assert.equal(
      VALUES.admissionController && (VALUES.admissionController as { image: { tag: string } }).image.tag,
      "1.5.1",
    );
  });

  it("sets only keys that exist in the chart's values.yaml", () => {
    const values = vpaValues({ prod: true });
    const missing = leafPaths(values).filter((p) => !has(VALUES, p));
    assert.deepEqual(missing, []);
    // The free-form maps exist as maps in the chart.
    for (const c of ["admissionController", "recommender", "updater"])
      for (const k of ["extraArgs", "nodeSelector", "tolerations", "resources"])
        assert.ok(has(VALUES, `${c}.${k}`), `${c}.${k}`);
  });

  it("the chart's own security contexts meet Pod Security restricted (not overridden)", () => {
    for (const c of ["admissionController", "recommender", "updater", "crds"]) {
      const v = VALUES[c] as { securityContext: Manifest; podSecurityContext: Manifest };
      assert.equal(v.podSecurityContext.seccompProfile.type, "RuntimeDefault", c);
      assert.deepEqual(
        [
          v.securityContext.allowPrivilegeEscalation,
          v.securityContext.capabilities.drop,
          v.securityContext.runAsNonRoot,
        ],
        [false, ["ALL"], true],
        c,
      );
    }
  });

  it("one VPA per app Deployment, each valid against the upstream CRD schema (v1.5.0)", () => {
    const p = plan();
    const deployments = p.manifests
      .filter((m) => m.manifest.kind === "Deployment")
      .map((m) => m.manifest.metadata.name);
    const targets = vpas(p).map((m) => m.manifest.spec.targetRef.name);
    assert.deepEqual(targets.sort(), deployments.sort());
    for (const v of vpas(p)) {
      assert.deepEqual(validate(v.manifest, SCHEMA), [], v.role);
      assert.equal(v.vpa, true, `${v.role} waits for the VPA chart (its CRD)`);
    }
  });

  it("the schema check is real: a bad mode, an unknown field and a bad quantity are rejected", () => {
    const good = vpaManifest("x", "Off", seedConfig().autoscaling.vpa, ["app"]);
    const bad = structuredClone(good);
    bad.spec.updatePolicy.updateMode = "Sometimes";
    bad.spec.resourcePolicy.containerPolicies[0].minAllowed.cpu = "lots";
    bad.spec.updatePolicy.minReplica = 1;
    assert.deepEqual(
      validate(bad, SCHEMA).sort(),
      [
        "spec.resourcePolicy.containerPolicies[0].minAllowed.cpu: matches none of anyOf",
        "spec.updatePolicy.minReplica: unknown field (the API server would prune it)",
        'spec.updatePolicy.updateMode: "Sometimes" not one of ["Off","Initial","Recreate","InPlaceOrRecreate","Auto"]',
      ].sort(),
    );
  });

  it("bounds are seed 002's 100m/128Mi .. 2/4Gi on the app container; sidecars are left alone", () => {
    const gw = vpas().find((m) => m.manifest.spec.targetRef.name === "nginx-gateway")!.manifest;
    assert.deepEqual(gw.spec.resourcePolicy.containerPolicies, [
      {
        containerName: "nginx",
        minAllowed: { cpu: "100m", memory: "128Mi" },
        maxAllowed: { cpu: "2", memory: "4Gi" },
        controlledResources: ["cpu", "memory"],
      },
      { containerName: "*", mode: "Off" },
    ]);
  });

  it("never updates pods an HPA or KEDA scales on CPU/memory: Off there, Recreate for the queue worker", () => {
    const modes = Object.fromEntries(
      vpas().map((m) => [m.manifest.spec.targetRef.name, m.manifest.spec.updatePolicy.updateMode]),
    );
    assert.deepEqual(modes, {
      frontend: "Off",
      "user-service": "Off",
      "activity-service": "Off",
      "notification-service": "Off",
      "notification-worker": "Recreate",
      "nginx-gateway": "Off",
    });
    // Each mode follows from the workload's triggers: a KEDA service without CPU/memory triggers is updated.
    const custom = plan(
      // A web service needs a request-rate trigger (autoscaling-rules.ts); a custom Prometheus one is not CPU/memory.
      seedServices({
        frontend: {
          autoscaling: {
            keda: {
              businessHours: true,
              maxReplicas: 20,
              prometheus: {
                query: 'sum(rate(istio_requests_total{destination_service_name="frontend"}[2m]))',
                threshold: 100,
              },
            },
          },
        },
      }),
    );
    assert.equal(
      vpas(custom).find((m) => m.manifest.metadata.name === "frontend")!.manifest.spec.updatePolicy.updateMode,
      "Recreate",
    );
    assert.equal(
      vpaMode({ kind: "hpa", hpa: { minReplicas: 1, maxReplicas: 2, cpuPercent: 70, memoryPercent: 80 } }),
      "Off",
    );
    assert.equal(vpaMode({ kind: "fixed", replicas: 3 }), "Recreate");
  });
});
