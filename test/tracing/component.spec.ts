import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import { tracingSchema } from "../../components/config/sections/tracing";
import { Tracing } from "../../components/tracing/component";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { ALONE, named, standInRegion } from "../helpers/stand-in";

/** Tracing alone on the mock engine, after two stand-in mesh releases. */
function run(raw: Record<string, unknown>): Promise<ProgramRun> {
  const config = tracingSchema.parse(raw);
  return runProgram({
    ...ALONE,
    program: () => {
      const region = standInRegion();
      const opts = { provider: region.cluster.k8sProvider };
      const base = new k8s.helm.v3.Release("istio-base", { chart: "base" }, opts);
      const istiod = new k8s.helm.v3.Release("istiod", { chart: "istiod" }, opts);
      const appsNamespace = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, opts);
      new Tracing("usw2-tracing", { config, region, meshReleases: [base, istiod], appsNamespace });
      return {};
    },
  });
}

describe("Tracing (mock engine)", () => {
  let r: ProgramRun;
  before(async () => (r = await run({ samplingPercent: 10, retention: "24h", storageGiB: 8 })));

  it("installs the collector and Jaeger in the tracing namespace with the configured retention", () => {
    const jaeger = named(r.resources, "usw2-tracing-jaeger");
    const collector = named(r.resources, "usw2-tracing-collector");
    assert.equal(jaeger.inputs.namespace, "tracing");
    assert.equal(collector.inputs.namespace, "tracing");
    assert.equal(jaeger.inputs.version, "4.11.1");
    assert.equal(collector.inputs.version, "0.170.0");
    const values = jaeger.inputs.values as { userconfig: { extensions: { jaeger_storage: unknown } } };
    assert.match(JSON.stringify(values.userconfig.extensions.jaeger_storage), /"spans":"24h"/);
  });

  it("turns tracing on only after the mesh's CRDs, istiod and the collector exist, at the configured rate", () => {
    const telemetry = named(r.resources, "usw2-tracing-telemetry");
    for (const dep of ["istio-base", "istiod", "usw2-tracing-collector", "usw2-tracing-waypoint-egress"])
      assert.ok(telemetry.dependencies.includes(named(r.resources, dep).urn), dep);
    const spec = telemetry.inputs.spec as { tracing: { randomSamplingPercentage: number }[] };
    assert.equal(spec.tracing[0].randomSamplingPercentage, 10);
  });

  it("lets the apps namespace's waypoint out to the collector once that namespace exists", () => {
    const egress = named(r.resources, "usw2-tracing-waypoint-egress");
    assert.equal((egress.inputs.metadata as { namespace: string }).namespace, "apps");
    assert.ok(egress.dependencies.includes(named(r.resources, "apps").urn));
  });

  it("gives Jaeger its volume claim and its NetworkPolicies before it starts", () => {
    const jaeger = named(r.resources, "usw2-tracing-jaeger");
    const claim = named(r.resources, "usw2-tracing-badger");
    assert.deepEqual((claim.inputs.spec as { resources: unknown }).resources, { requests: { storage: "8Gi" } });
    for (const dep of ["usw2-tracing-badger", "usw2-tracing-jaeger-ingress", "usw2-tracing-otel-collector-ingress"])
      assert.ok(jaeger.dependencies.includes(named(r.resources, dep).urn), dep);
  });
});
