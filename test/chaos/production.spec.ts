import { strict as assert } from "assert";
import { ABORT_CHECK, productionPodFailure } from "../../components/chaos/production";
import { mandatoryViolations } from "../../tools/plan-lib";
import { ofType, planFor, planWith } from "../helpers/plan";

const SCHEDULE = "kubernetes:chaos-mesh.org/v1alpha1:Schedule";

describe("production chaos (seed 002: pod-failure 20 %, 30 s, hourly; opt-in, with an abort check)", () => {
  const s = productionPodFailure({
    namespace: "apps",
    target: "user-service",
    percent: 20,
    duration: "30s",
    schedule: "@every 1h",
    healthUrl: "http://user-service.apps.svc.cluster.local:8000/api/v1/health/",
  });

  it("is a Schedule of type Workflow: Parallel(StatusCheck with abortWithStatusCheck, PodChaos) (Chaos Mesh v2.8.3 shapes)", () => {
    assert.deepEqual(
      [s.apiVersion, s.kind, s.spec.type, s.spec.schedule, s.spec.concurrencyPolicy],
      ["chaos-mesh.org/v1alpha1", "Schedule", "Workflow", "@every 1h", "Forbid"],
    );
    const [entry, check, fault] = s.spec.workflow.templates as any[];
    assert.equal(s.spec.workflow.entry, entry.name);
    assert.deepEqual([entry.templateType, entry.children], ["Parallel", ["abort-check", "pod-failure"]]);
    assert.equal(check.templateType, "StatusCheck");
    assert.equal(check.abortWithStatusCheck, true);
    assert.deepEqual(check.statusCheck, {
      mode: "Continuous",
      type: "HTTP",
      ...ABORT_CHECK,
      http: {
        url: "http://user-service.apps.svc.cluster.local:8000/api/v1/health/",
        method: "GET",
        criteria: { statusCode: "200" },
      },
    });
    assert.deepEqual(
      [fault.templateType, fault.deadline, fault.podChaos.action, fault.podChaos.mode, fault.podChaos.value],
      ["PodChaos", "30s", "pod-failure", "fixed-percent", "20"],
    );
    assert.equal(s.metadata.annotations["platform.io/steady-state"], "SLOAvailabilityFastBurn");
  });

  it("prod: off by default", async () => {
    const { plan } = await planFor("prod");
    assert.equal(ofType(plan, SCHEDULE).length, 0);
  });

  it("prod opted in: one guarded Workflow Schedule per target and region, no game-day experiments, no mandatory violations", async () => {
    const { plan, error } = await planWith("prod", { chaos: { production: { enabled: true } } });
    assert.equal(error, undefined, error?.message);
    const { config } = await planFor("prod");
    const schedules = ofType(plan!, SCHEDULE);
    assert.equal(schedules.length, 3 * config.regions.length);
    for (const x of schedules) assert.equal((x.inputs.spec as any).type, "Workflow", x.name);
    assert.deepEqual(mandatoryViolations(plan!), []);
  });

  it("a target that is not a web service is a config error naming the key", async () => {
    const { error } = await planWith("prod", { chaos: { production: { enabled: true, targets: ["worker-x"] } } }).catch(
      (e: Error) => ({ error: e }),
    );
    assert.match(
      String(error?.message),
      /platform:chaos\.production\.targets\[0\]: got "worker-x"; expected a configured web service/,
    );
  });
});
