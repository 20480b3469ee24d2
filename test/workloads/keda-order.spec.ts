import { strict as assert } from "assert";
import { runProgram, type ProgramRun } from "../../tools/engine/run";
import { Workloads } from "../../components/workloads/workloads";
import { seedConfig } from "./fixtures";
import { ALONE, standInRegion } from "../helpers/stand-in";

/**
 * KEDA's admission webhook (on by default: kedacore/charts keda/values.yaml webhooks.enabled at
 * v2.20.2) looks up the scale target of a ScaledObject with a cpu or memory trigger and refuses
 * the object when the Deployment is not there yet (kedacore/keda
 * apis/keda/v1alpha1/scaledobject_webhook.go verifyCPUMemoryScalers at v2.20.2, read 2026-12-07).
 */
describe("Workloads: ScaledObjects wait for their scale target", () => {
  let r: ProgramRun;
  before(async () => {
    const config = seedConfig({ mesh: { enabled: true } });
    r = await runProgram({
      ...ALONE,
      program: () => {
        new Workloads("usw2-workloads", { config, region: standInRegion() });
        return {};
      },
    });
  });
  const scaledObjects = () => r.resources.filter((x) => x.type === "kubernetes:keda.sh/v1alpha1:ScaledObject");

  it("plans ScaledObjects with cpu or memory triggers (the case the webhook checks)", () => {
    const resourceTriggered = scaledObjects().filter((so) =>
      (so.inputs.spec as { triggers: { type: string }[] }).triggers.some((t) => ["cpu", "memory"].includes(t.type)),
    );
    assert.ok(resourceTriggered.length >= 1, "a mesh-scaled service has a cpu/memory trigger");
  });

  it("makes every ScaledObject depend on the Deployment its scaleTargetRef names", () => {
    assert.ok(scaledObjects().length > 0);
    for (const so of scaledObjects()) {
      const target = (so.inputs.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      assert.equal(target.kind, "Deployment");
      const deployment = r.resources.find(
        (x) =>
          x.type === "kubernetes:apps/v1:Deployment" && (x.inputs.metadata as { name: string }).name === target.name,
      );
      assert.ok(deployment, `${so.name}: no Deployment ${target.name}`);
      assert.ok(so.dependencies.includes(deployment.urn), `${so.name} does not wait for ${deployment.name}`);
    }
  });
});
