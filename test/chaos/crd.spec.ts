import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { planChaosExperiments } from "../../components/chaos/plan";
import { productionPodFailure } from "../../components/chaos/production";
import { chaosSchema } from "../../components/config/sections/operations";
import { crdSchema, validate } from "../helpers/crd-schema";

/** The Schedule CRD of the pinned Chaos Mesh (pruned copy, see the fixture's header). */
const SCHEMA = crdSchema(
  readFileSync(join(__dirname, "fixtures", "schedule-crd-v2.8.3.yaml"), "utf8"),
  "Schedule",
  "v1alpha1",
);
const prod = () =>
  productionPodFailure({
    namespace: "apps",
    target: "user-service",
    percent: 20,
    duration: "30s",
    schedule: "@every 1h",
  });

describe("Chaos Mesh v2.8.3 Schedule CRD (real schema)", () => {
  it("accepts every game-day Schedule the platform plans", () => {
    const schedules = planChaosExperiments({
      ...chaosSchema.parse({}),
      namespace: "apps",
      services: ["frontend", "user-service", "activity-service", "notification-service"],
    });
    assert.equal(schedules.length, 6);
    for (const s of schedules) assert.deepEqual(validate(s, SCHEMA), [], s.metadata.name);
  });

  it("accepts the guarded production Workflow (statusCheck, abortWithStatusCheck, http criteria)", () => {
    assert.deepEqual(validate(prod(), SCHEMA), []);
  });

  it("is live: a misspelled abort flag and a method outside GET/POST are rejected", () => {
    const s = prod() as unknown as { spec: { workflow: { templates: Record<string, any>[] } } };
    const check = s.spec.workflow.templates.find((t) => t.name === "abort-check")!;
    check.abortWithStatuscheck = true;
    check.statusCheck.http.method = "HEAD";
    const errors = validate(s, SCHEMA);
    assert.equal(errors.length, 2, errors.join("\n"));
    assert.ok(
      errors.some((e) => e.includes("abortWithStatuscheck")),
      errors.join("\n"),
    );
    assert.ok(
      errors.some((e) => e.includes("method")),
      errors.join("\n"),
    );
  });
});
